// Writes a kubeconfig (cluster, user, context) for the running server.
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export interface KubeconfigInput {
  path: string;
  server: string;
  token?: string;
  caPem?: string;
  contextName?: string;
  namespace?: string;
}

export function writeKubeconfig(input: KubeconfigInput): void {
  const name = input.contextName ?? 'gitops-test';
  const cluster: Record<string, unknown> = { server: input.server };
  if (input.caPem) cluster['certificate-authority-data'] = Buffer.from(input.caPem).toString('base64');
  // @kubernetes/client-node refuses plain http unless TLS verification is explicitly skipped.
  else if (input.server.startsWith('http:')) cluster['insecure-skip-tls-verify'] = true;
  const user: Record<string, unknown> = {};
  if (input.token) user.token = input.token;
  const context: Record<string, unknown> = { cluster: name, user: name };
  if (input.namespace) context.namespace = input.namespace;
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster }],
    users: [{ name, user }],
    contexts: [{ name, context }],
    'current-context': name,
    preferences: {},
  };
  writeFileSync(input.path, stringify(doc), { mode: 0o600 });
}
