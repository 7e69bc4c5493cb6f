// The benchmark's input: a 100-document, ~5,000-line multi-kind manifest file, generated deterministically.

const KINDS = ['Deployment', 'Service', 'ConfigMap', 'StatefulSet'] as const;

export interface BenchManifestOptions {
  /** A comment line to put first in each document (yaml-language-server's per-document schema modeline). */
  readonly firstLine?: (kind: string) => string;
}

/** Generates `documents` objects; Deployments and StatefulSets are padded with env vars to ~50 lines each. */
export function generateBenchManifest(documents = 100, targetLines = 5000, options: BenchManifestOptions = {}): string {
  const perDocument = Math.floor(targetLines / documents);
  const parts: string[] = [];
  for (let i = 0; i < documents; i++) {
    const kind = KINDS[i % KINDS.length] as (typeof KINDS)[number];
    const lines = documentLines(kind, i, perDocument - (options.firstLine ? 1 : 0));
    parts.push([...(options.firstLine ? [options.firstLine(kind)] : []), ...lines].join('\n'));
  }
  return parts.map((p) => `---\n${p}`).join('\n') + '\n';
}

function documentLines(kind: (typeof KINDS)[number], i: number, lines: number): string[] {
  const name = `app-${String(i).padStart(3, '0')}`;
  const out: string[] = [];
  const meta = ['metadata:', `  name: ${name}`, '  namespace: shop', '  labels:', `    app: ${name}`];
  if (kind === 'Service') {
    out.push('apiVersion: v1', 'kind: Service', ...meta, 'spec:', '  selector:', `    app: ${name}`, '  ports:');
    for (let p = 0; out.length < lines - 4; p++) out.push(`    - name: port-${p}`, `      port: ${8000 + p}`, `      targetPort: ${9000 + p}`, '      protocol: TCP');
  } else if (kind === 'ConfigMap') {
    out.push('apiVersion: v1', 'kind: ConfigMap', ...meta, 'data:');
    for (let k = 0; out.length < lines - 1; k++) out.push(`  key-${k}: "value ${k} of ${name}"`);
  } else {
    out.push(`apiVersion: apps/v1`, `kind: ${kind}`, ...meta, 'spec:');
    if (kind === 'StatefulSet') out.push(`  serviceName: ${name}`);
    out.push('  replicas: 2', '  selector:', '    matchLabels:', `      app: ${name}`, '  template:', '    metadata:', '      labels:', `        app: ${name}`,
      '    spec:', '      containers:', `        - name: main`, `          image: registry.example.com/shop/${name}:1.${i}.0`, '          ports:', '            - containerPort: 8080',
      '          resources:', '            requests:', '              cpu: 100m', '              memory: 128Mi', '          env:');
    for (let e = 0; out.length < lines - 1; e++) out.push(`            - name: VAR_${e}`, `              value: "${e}"`);
  }
  while (out.length < lines - 1) out.push(`# padding ${out.length}`);
  return out;
}
