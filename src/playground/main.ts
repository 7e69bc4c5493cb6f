// The playground page: Monaco with monaco-yaml, our engine in a worker, markers and quick fixes, examples,
// Kubernetes version, rule toggles and a share link. Everything is served from this page's origin.
import { SUPPORTED_KUBERNETES_VERSIONS, DEFAULT_KUBERNETES_VERSION } from '../core/config/lint-config.js';
import { EXAMPLE_MANIFESTS } from './example-manifests.js';
import { MARKER_OWNER, toMarker, toMonacoRange } from './finding-markers.js';
import { createLintClient, type LintInput } from './lint-client.js';
import type { LintResponse, PlaygroundFinding, WorkerMessage } from './lint-protocol.js';
import type { JSONSchema } from 'monaco-yaml';
import { monaco } from './monaco-editor-features.js';
import { createMonacoWorker, installMonacoWorkers } from './monaco-workers.js';
import { setUpMonacoYaml } from './monaco-yaml-setup.js';
import { describeFindings, renderProblems } from './problem-list.js';
import { registerQuickFixes } from './quick-fix-provider.js';
import { renderRuleToggles } from './rule-toggles.js';
import { ALL_CHECKS } from './rules-page.js';
import { decodeSharedState, encodeSharedState } from './share-link.js';

const pageUrl = location.href.split('#')[0] as string;
const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

async function start(): Promise<void> {
  installMonacoWorkers(pageUrl);
  const shared = await decodeSharedState(location.hash);
  const defaultExample = EXAMPLE_MANIFESTS.find((e) => e.id === 'latest-tag') ?? EXAMPLE_MANIFESTS[0];
  const state = {
    kubernetesVersion: shared?.kubernetesVersion && (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(shared.kubernetesVersion) ? shared.kubernetesVersion : DEFAULT_KUBERNETES_VERSION,
    disabledRules: new Set(shared?.disabledRules ?? []),
  };

  const monacoYaml = setUpMonacoYaml(monaco, (label) => createMonacoWorker(pageUrl, label), {
    enableSchemaRequest: false, // never fetch a schema from the network
    validate: false, // our engine draws the markers
    hover: true,
    completion: true,
    format: { enable: true },
    isKubernetes: true,
    schemas: [],
  });

  const model = monaco.editor.createModel(shared?.text ?? defaultExample?.text ?? '', 'yaml', monaco.Uri.parse('file:///playground.yaml'));
  const editor = monaco.editor.create(element('editor'), { model, automaticLayout: true, minimap: { enabled: false }, fixedOverflowWidgets: true, tabSize: 2, renderWhitespace: 'boundary' });

  let findings: readonly PlaygroundFinding[] = [];
  let lintedVersion = 0;
  const status = element('status');
  if (!shared && /(^#|&)code=/.test(location.hash)) {
    showNotice('This link\'s manifest could not be read (the link is cut off or damaged): showing an example instead.');
  }
  const problems = element('problems');

  const versionOfInput = new WeakMap<LintInput, { version: number; editedAt: number }>();
  const onLinted = (response: LintResponse, input: LintInput) => {
    findings = response.findings;
    monaco.editor.setModelMarkers(model, MARKER_OWNER, findings.map((f) => toMarker(monaco, f, pageUrl)));
    renderProblems(problems, findings, (finding) => {
      const range = toMonacoRange(finding.range);
      editor.setSelection(new monaco.Selection(range.startLineNumber, range.startColumn, range.endLineNumber, range.endColumn));
      editor.revealRangeInCenter(range);
      editor.focus();
    });
    status.textContent = describeFindings(findings, response.resourceCount, response.engineMillis);
    const edit = versionOfInput.get(input);
    lintedVersion = edit?.version ?? lintedVersion;
    status.dataset.lintedVersion = String(lintedVersion);
    // User Timing entries (read by npm run bench:playground and the browser's performance panel).
    if (edit) performance.measure('gitops-playground:edit-to-markers', { start: edit.editedAt, end: performance.now(), detail: { engineMillis: response.engineMillis } });
    if (performance.getEntriesByName('gitops-playground:first-markers').length === 0) performance.mark('gitops-playground:first-markers');
  };

  const lintWorker = new Worker(new URL('lint.worker.js', pageUrl), { name: 'lint' });
  const client = createLintClient(lintWorker, onLinted);
  lintWorker.addEventListener('error', (event) => {
    showNotice(`The lint engine stopped (${event.message || 'worker error'}): copy a share link to keep your text, then reload the page.`);
  });
  // Completion and hover: our schemas of the kinds in the text, as JSON Schema (built by the lint worker).
  lintWorker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
    if (event.data.type !== 'schema') return;
    monacoYaml.update({ schemas: [{ uri: new URL('kinds.schema.json', pageUrl).href, fileMatch: ['*'], schema: event.data.jsonSchema as JSONSchema }] })
      .then(() => { status.dataset.schemaUpdates = String(Number(status.dataset.schemaUpdates ?? 0) + 1); })
      .catch(() => undefined);
  });
  const lint = () => {
    const input: LintInput = { text: model.getValue(), kubernetesVersion: state.kubernetesVersion, disabledRules: [...state.disabledRules] };
    versionOfInput.set(input, { version: model.getVersionId(), editedAt: performance.now() });
    client.request(input);
  };
  model.onDidChangeContent(lint);
  registerQuickFixes(monaco, () => findings);

  const versionSelect = element<HTMLSelectElement>('kubernetes-version');
  for (const version of [...SUPPORTED_KUBERNETES_VERSIONS].reverse()) versionSelect.add(new Option(version, version, false, version === state.kubernetesVersion));
  versionSelect.addEventListener('change', () => {
    state.kubernetesVersion = versionSelect.value;
    lint();
  });

  renderRuleToggles(element('rule-toggles'), ALL_CHECKS, state.disabledRules, (disabled) => {
    state.disabledRules = disabled;
    lint();
  });

  const exampleSelect = element<HTMLSelectElement>('example');
  for (const example of EXAMPLE_MANIFESTS) exampleSelect.add(new Option(example.title, example.id));
  exampleSelect.addEventListener('change', () => {
    const example = EXAMPLE_MANIFESTS.find((e) => e.id === exampleSelect.value);
    if (example) editor.executeEdits('example', [{ range: model.getFullModelRange(), text: example.text }]);
    editor.setPosition({ lineNumber: 1, column: 1 });
    exampleSelect.value = '';
    editor.focus();
  });

  element('share').addEventListener('click', async () => {
    const fragment = await encodeSharedState({ text: model.getValue(), kubernetesVersion: state.kubernetesVersion, disabledRules: [...state.disabledRules] });
    history.replaceState(null, '', `#${fragment}`);
    const link = location.href;
    try {
      await navigator.clipboard.writeText(link);
      status.textContent = 'Share link copied (the manifest is in the link itself, never uploaded).';
    } catch {
      status.textContent = 'Share link is in the address bar (the manifest is in the link itself, never uploaded).';
    }
  });

  // For automation (the browser test and the benchmark): read-only views of what the page shows.
  Object.assign(window, {
    gitopsPlayground: {
      monaco,
      editor,
      findings: () => findings,
    },
  });

  lint();
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('service-worker.js').catch(() => undefined);
}

function showNotice(text: string): void {
  const notice = element('notice');
  notice.textContent = text;
  notice.hidden = false;
}

start().catch((error: unknown) => showNotice(`The playground could not start: ${String(error)}`));
