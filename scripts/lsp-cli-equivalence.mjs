// The language server and the CLI over the same repository must agree: `node scripts/lsp-cli-equivalence.mjs
// <dir>…` (after `npm run build`) starts dist/server.js over stdio with <dir> as the workspace folder, times the
// folder's `ready`, opens a sample of files (those with findings first), asks for hovers and completions on
// them, publishes every closed file's diagnostics too (Lint Workspace), and compares each file's diagnostics
// with `dist/cli.js lint <dir> --format json` (rule, severity, message, range). Prints one line per repository
// and every difference; exit status 1 on a difference, a crash or a timeout.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidOpenTextDocumentNotification,
  ExitNotification,
  HoverRequest,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  ConfigurationRequest,
  RegistrationRequest,
} from 'vscode-languageserver-protocol/node.js';

const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 };
const OPEN_FILES = 25;
const TIMEOUT_MS = 180_000;

function key(ruleId, severity, message, range) {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character} ${severity} ${ruleId} ${message}`;
}

function withDeadline(promise, what, ms = TIMEOUT_MS) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timeout: ${what}`)), ms)))]).finally(() => clearTimeout(timer));
}

async function check(dir) {
  const root = resolve(dir);
  const cli = spawnSync(process.execPath, ['dist/cli.js', 'lint', root, '--format', 'json'], { maxBuffer: 1 << 30, encoding: 'utf8' });
  const report = JSON.parse(cli.stdout);
  const cliByUri = new Map(report.files.map((f) => [pathToFileURL(resolve(root, f.path)).href, f.findings.map((x) => key(x.ruleId, SEVERITY[x.severity], x.message, x.range)).sort()]));

  const child = spawn(process.execPath, ['dist/server.js', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((r) => child.once('exit', (code) => r(code)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map();
  let ready = false;
  const waiters = new Set();
  const notify = () => waiters.forEach((w) => w());
  const until = (predicate, what) => withDeadline(new Promise((r) => { const w = () => { if (predicate()) { waiters.delete(w); r(); } }; waiters.add(w); w(); }), what);
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => { published.set(p.uri, p.diagnostics); notify(); });
  connection.onNotification('gitopsAuthoring/serverStatus', (p) => { if (p.state === 'ready') ready = true; notify(); });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  connection.listen();

  const started = performance.now();
  await connection.sendRequest(InitializeRequest.type, {
    processId: null, rootUri: pathToFileURL(root).href, workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'repo' }],
    capabilities: { workspace: { configuration: true, workspaceFolders: true }, textDocument: { publishDiagnostics: { relatedInformation: true } } },
  });
  await connection.sendNotification(InitializedNotification.type, {});
  await until(() => ready, 'folder ready');
  const readyMs = performance.now() - started;

  // Open files with findings first (where a difference would show), then others.
  const uris = [...cliByUri.keys()].sort((a, b) => (cliByUri.get(b).length > 0) - (cliByUri.get(a).length > 0)).slice(0, OPEN_FILES);
  let answered = 0;
  for (const uri of uris) {
    const text = readFileSync(new URL(uri), 'utf8');
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await until(() => published.has(uri), `diagnostics of ${uri}`);
    const lines = text.split('\n');
    for (const line of [1, Math.floor(lines.length / 2), lines.length - 2].filter((l) => l >= 0)) {
      const character = Math.max(0, (lines[line] ?? '').search(/\S/));
      await withDeadline(connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line, character } }), `hover ${uri}:${line}`);
      await withDeadline(connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line, character } }), `completion ${uri}:${line}`);
      answered += 2;
    }
  }
  const openDiagnostics = new Map(uris.map((u) => [u, published.get(u)]));
  const summary = await withDeadline(connection.sendRequest('gitopsAuthoring/lintWorkspace', { includeClosedFiles: true }), 'lintWorkspace');
  await until(() => [...cliByUri.keys()].every((u) => published.has(u)), 'diagnostics of every file');

  const differences = [];
  const compare = (uri, diagnostics, how) => {
    const server = (diagnostics ?? []).map((d) => key(d.code, d.severity, d.message, d.range)).sort();
    const expected = cliByUri.get(uri) ?? [];
    const missing = expected.filter((k) => !server.includes(k));
    const extra = server.filter((k) => !expected.includes(k));
    for (const k of missing) differences.push(`${how} ${uri}: CLI only: ${k}`);
    for (const k of extra) differences.push(`${how} ${uri}: server only: ${k}`);
  };
  for (const [uri, diagnostics] of openDiagnostics) compare(uri, diagnostics, 'open');
  for (const uri of cliByUri.keys()) if (!openDiagnostics.has(uri)) compare(uri, published.get(uri), 'closed');

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  const code = await withDeadline(exited, 'exit', 10_000);
  connection.dispose();
  const errors = report.files.reduce((n, f) => n + f.findings.filter((x) => x.severity === 'error').length, 0);
  console.log(`${dir}: ${report.files.length} files, CLI ${errors} errors; server ready in ${readyMs.toFixed(0)} ms, ${uris.length} opened, ${answered} hover/completion answers, lintWorkspace ${summary.errorCount} errors; ${differences.length} differences; exit ${code}${stderr ? `; stderr ${stderr.length} chars` : ''}`);
  for (const d of differences.slice(0, 20)) console.log(`  ${d}`);
  return differences.length === 0 && code === 0;
}

let ok = true;
for (const dir of process.argv.slice(2)) {
  try {
    ok = (await check(dir)) && ok;
  } catch (error) {
    console.log(`${dir}: FAILED ${error instanceof Error ? error.message : String(error)}`);
    ok = false;
  }
}
process.exit(ok ? 0 : 1);
