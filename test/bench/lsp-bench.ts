// npm run bench:lsp — our language server against yaml-language-server on the same 5,000-line, 100-document
// file and the same one-character edits. Prints change→diagnostics median/p95, cold start and memory.
// yaml-language-server runs offline in its fast configuration: one JSON schema per kind, served through its
// custom schema request and selected per document by its kind (no combined all.json, no oneOf).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { NotificationType, RequestType, ConfigurationRequest, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { generateBenchManifest } from './lsp-bench-manifest.js';
import { percentile, runServer, type OneCharEdit, type ServerRun, type ServerUnderTest } from './lsp-bench-client.js';
import { kindJsonSchema } from './lsp-kind-schemas.js';

const EDITS = Number(process.env.BENCH_EDITS ?? 200);
/** yaml-language-server takes over a second per edit here: it gets the first edits of the same list. */
const BASELINE_EDITS = Math.min(EDITS, Number(process.env.BENCH_BASELINE_EDITS ?? 60));
const WARMUP = 10;
/** yaml-language-server waits this long after a change before validating (yamlSettings.validationDelayMs, not configurable). */
const YLS_VALIDATION_DELAY_MS = 200;

/**
 * How yaml-language-server finds the schema of each document: `custom-request` (default) answers its custom
 * schema request with one schema that picks the per-kind schema by `kind`; `modeline` puts a
 * `# yaml-language-server: $schema=file://…/<Kind>.json` line in every document (the file then differs from
 * the default run, for both servers alike).
 */
const YLS_SCHEMAS = process.env.BENCH_YLS_SCHEMAS === 'modeline' ? 'modeline' : 'custom-request';
const root = mkdtempSync(join(tmpdir(), 'bench-lsp-'));
// Outside the workspace: JSON schemas mention "apiVersion" and "kind", and our server would read them as
// candidate manifests at start-up.
const schemaDir = mkdtempSync(join(tmpdir(), 'bench-lsp-schemas-'));
const schemaFile = (kind: string) => join(schemaDir, `${kind}.json`);
const text = generateBenchManifest(100, 5000, YLS_SCHEMAS === 'modeline' ? { firstLine: (kind) => `# yaml-language-server: $schema=${pathToFileURL(schemaFile(kind)).href}` } : {});
const lines = text.split('\n');
const file = join(root, 'apps.yaml');
writeFileSync(file, text);
const rootUri = pathToFileURL(root).href;
const uri = pathToFileURL(file).href;

/** One-character edits spread over the file: a character inside a quoted value changes each time. */
function planEdits(count: number): OneCharEdit[] {
  const candidates = lines.flatMap((l, i) => (/: "[^"]/.test(l) ? [{ line: i, character: l.indexOf(': "') + 3 }] : []));
  return Array.from({ length: count }, (_, i) => {
    const c = candidates[(i * 37) % candidates.length] as { line: number; character: number };
    return { ...c, text: String.fromCharCode(97 + (i % 26)) };
  });
}

const kinds = [...new Set(lines.filter((l) => l.startsWith('kind: ')).map((l) => l.slice(6)))];
const apiVersionOf: Record<string, string> = { Deployment: 'apps/v1', StatefulSet: 'apps/v1', Service: 'v1', ConfigMap: 'v1' };
const documentKinds = lines.filter((l) => l.startsWith('kind: ')).map((l) => l.slice(6));
const schemaTexts = new Map(kinds.map((k) => [`benchschema://kind/${k}.json`, JSON.stringify(kindJsonSchema(apiVersionOf[k] as string, k))]));
for (const k of kinds) writeFileSync(schemaFile(k), schemaTexts.get(`benchschema://kind/${k}.json`) as string);
// One schema per kind, chosen per document by its `kind` (if/then); `schemaSequence` (one entry per document)
// makes yaml-language-server re-resolve every reference for every document and does not finish in minutes.
const sequenceUri = 'benchschema://file/by-kind.json';
schemaTexts.set(sequenceUri, JSON.stringify({
  allOf: kinds.map((k) => ({ if: { properties: { kind: { const: k } }, required: ['kind'] }, then: { $ref: `benchschema://kind/${k}.json` } })),
}));

const ours: ServerUnderTest = {
  name: 'gitops-authoring',
  command: ['dist/server.js', '--stdio'],
  configure(connection) {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  },
};

const yamlSettings = {
  validate: true, hover: true, completion: true, format: { enable: false },
  schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, schemas: {}, maxItemsComputed: 5000,
};
const yls: ServerUnderTest = {
  name: 'yaml-language-server',
  command: ['node_modules/yaml-language-server/bin/yaml-language-server', '--stdio'],
  configure(connection: ProtocolConnection) {
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'yaml' ? yamlSettings : item.section === 'http' ? { proxy: '', proxyStrictSSL: false } : {})));
    connection.onRequest(new RequestType<unknown, string | string[], void>('custom/schema/request'), () => (YLS_SCHEMAS === 'modeline' ? [] : sequenceUri));
    // yaml-language-server sends its single string parameter by position: `["uri"]`.
    connection.onRequest(new RequestType<unknown, string, void>('custom/schema/content'), (params) => {
      const schemaUri = String(Array.isArray(params) ? params[0] : params);
      const found = schemaTexts.get(schemaUri);
      if (!found) throw new Error(`unknown schema ${schemaUri}`);
      return found;
    });
  },
  async afterInitialized(connection) {
    await connection.sendNotification(new NotificationType<unknown>('yaml/registerCustomSchemaRequest'), undefined);
    await connection.sendNotification(new NotificationType<unknown>('workspace/didChangeConfiguration'), { settings: { yaml: yamlSettings } });
  },
};

function summarize(run: ServerRun, delayMs = 0) {
  const adjusted = run.changeMs.map((t) => t - delayMs);
  return {
    median: percentile(adjusted, 50),
    p95: percentile(adjusted, 95),
    cold: run.coldMs - delayMs,
    initialize: run.initializeMs,
    coldCpu: run.coldCpuMs,
    initializeCpu: run.initializeCpuMs,
    rss: run.rssMb,
    peak: run.peakRssMb,
    diagnostics: run.firstDiagnosticCount,
  };
}

const fmt = (n: number) => n.toFixed(1).padStart(8);

async function main(): Promise<void> {
try {
  const edits = planEdits(EDITS + WARMUP);
  console.log(`file: ${lines.length - 1} lines, ${documentKinds.length} documents (${kinds.join(', ')}); ${EDITS} one-character edits (+${WARMUP} warm-up; yaml-language-server: the first ${BASELINE_EDITS}), yaml-language-server schemas by ${YLS_SCHEMAS}, node ${process.version}, load average ${loadavg()[0]?.toFixed(1)}`);
  const a = summarize(await runServer(ours, rootUri, uri, text, edits, WARMUP));
  if (process.env.BENCH_ONLY === 'ours') {
    console.log(a);
    return;
  }
  const bRun = await runServer(yls, rootUri, uri, text, edits.slice(0, BASELINE_EDITS + WARMUP), WARMUP);
  const bRaw = summarize(bRun);
  const b = summarize(bRun, YLS_VALIDATION_DELAY_MS);
  console.log('\n                                   median ms    p95 ms   cold ms  (init ms)   RSS MB  peak MB  diagnostics');
  const row = (label: string, s: ReturnType<typeof summarize>) => console.log(`${label.padEnd(34)}${fmt(s.median)}  ${fmt(s.p95)}  ${fmt(s.cold)}  ${fmt(s.initialize)}  ${fmt(s.rss)} ${fmt(s.peak)}  ${String(s.diagnostics).padStart(6)}`);
  row('gitops-authoring', a);
  row('yaml-language-server (as seen)', bRaw);
  row(`yaml-language-server (−${YLS_VALIDATION_DELAY_MS} ms delay)`, b);
  const ratio = (x: number, y: number) => `${(x / y).toFixed(1)}×`;
  console.log(`\nratio, as seen by the user:        median ${ratio(bRaw.median, a.median)}  p95 ${ratio(bRaw.p95, a.p95)}  cold ${ratio(bRaw.cold, a.cold)}`);
  console.log(`ratio, compute only (YLS delay out): median ${ratio(b.median, a.median)}  p95 ${ratio(b.p95, a.p95)}  cold ${ratio(b.cold, a.cold)}`);
  console.log(`CPU time of the server process (all threads) to its first diagnostics (to initialize): ours ${a.coldCpu.toFixed(0)} (${a.initializeCpu.toFixed(0)}) ms, yaml-language-server ${b.coldCpu.toFixed(0)} (${b.initializeCpu.toFixed(0)}) ms`);
  console.log(`goals: p95 ≤ 30 ms ${a.p95 <= 30 ? 'met' : 'MISSED'}; cold ≤ 300 ms ${a.cold <= 300 ? 'met' : 'MISSED'}; ≥ 5× (compute only, p95) ${b.p95 / a.p95 >= 5 ? 'met' : 'MISSED'}`);
} finally {
  rmSync(root, { recursive: true, force: true });
  rmSync(schemaDir, { recursive: true, force: true });
}
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
