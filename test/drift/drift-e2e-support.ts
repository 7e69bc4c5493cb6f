// Shared setup for the drift end-to-end tests: a test API server driven by the real kubectl, a repository
// in a temp directory, and the CLI run in-process.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run-cli.js';

export function writeRepo(files: Record<string, string>): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ga-drift-repo-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function runDriftCli(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['drift', ...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readStdin: () => '',
    isTty: false,
    version: 'test',
    env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), ...env },
  } as Parameters<typeof runCli>[1]);
  return { code, stdout, stderr };
}

export const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api-server
  namespace: shop
  labels:
    app: api-server
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api-server
  template:
    metadata:
      labels:
        app: api-server
    spec:
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
          resources:
            requests:
              cpu: 0.25
              memory: 256Mi
            limits:
              cpu: 1000m
              memory: 0.5Gi
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
---
apiVersion: v1
kind: Service
metadata:
  name: api-server
  namespace: shop
spec:
  selector:
    app: api-server
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
  namespace: shop
data:
  mode: production
---
apiVersion: v1
kind: Secret
metadata:
  name: api-db
  namespace: shop
stringData:
  password: hunter2
`;
