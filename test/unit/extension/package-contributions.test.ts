// package.json is the extension's contract with VS Code: every contributed command has a handler, every
// menu entry names a declared command, every setting the server reads is contributed with resource scope.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../../src/core/config/lint-config.js';
import { SETTING_KEYS, SETTINGS_SECTION } from '../../../src/protocol/settings.js';
import { COMMAND_IDS, CONTEXT_KEYS, DRIFT_VIEW_CONTAINER_ID, DRIFT_VIEW_ID } from '../../../src/extension/command-ids.js';
import { DRIFT_SETTING_IDS } from '../../../src/extension/drift-settings.js';
import { DEFAULT_BRANCH_TEMPLATE } from '../../../src/core/edit/branch-name.js';
import { DEFAULT_WRITEBACK_MODE, WRITEBACK_MODES, WRITEBACK_SETTING_IDS } from '../../../src/extension/writeback/writeback-settings-model.js';

interface Property {
  type?: string;
  default?: unknown;
  scope?: string;
  enum?: string[];
}

interface Manifest {
  activationEvents: string[];
  capabilities?: { untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    commands: { command: string; title: string; icon?: string }[];
    menus?: Record<string, { command?: string; submenu?: string; when?: string; group?: string }[]>;
    viewsContainers?: Record<string, { id: string; title: string; icon: string }[]>;
    views?: Record<string, { id: string; name: string }[]>;
    viewsWelcome?: { view: string; contents: string; when?: string }[];
    colors?: { id: string; defaults: Record<string, string> }[];
    walkthroughs?: { id: string; steps: { id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents?: string[] }[] }[];
    configuration: { properties: Record<string, { scope?: string; enum?: string[] }> } | { properties: Record<string, { scope?: string; enum?: string[] }> }[];
    grammars?: { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const commandTableSource = readFileSync('src/extension/command-table.ts', 'utf8');
const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
const properties = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, Property>;

/** Every `when` clause the manifest holds (menus, welcome views). */
function whenClauses(): string[] {
  const menus = Object.values(manifest.contributes.menus ?? {}).flat();
  return [...menus.map((m) => m.when), ...(manifest.contributes.viewsWelcome ?? []).map((w) => w.when)].filter((w): w is string => Boolean(w));
}

/** `command:` links in markdown (welcome views, walkthrough steps). */
function commandLinks(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:([\w.]+)/g)].map((m) => m[1]!);
}

describe('package.json contributions', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);

  it('every contributed command has a handler in the command table', () => {
    // COMMAND_IDS is what the table must cover (`satisfies Record<CommandId, …>`); the source check keeps
    // this test honest without loading `vscode`.
    for (const id of contributed) {
      assert.ok((COMMAND_IDS as readonly string[]).includes(id), `${id} is contributed but not in COMMAND_IDS`);
      assert.ok(commandTableSource.includes(`'${id}': {`), `no handler for ${id}`);
    }
    for (const id of COMMAND_IDS) assert.ok(contributed.includes(id), `${id} has a handler but is not contributed`);
  });

  it('every menu entry points to a declared command', () => {
    for (const [menu, entries] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const entry of entries) if (entry.command) assert.ok(contributed.includes(entry.command), `${menu} → ${entry.command} is not declared`);
    }
  });

  it('uses the gitopsAuthoring. prefix, never the bare gitops. one', () => {
    for (const id of COMMAND_IDS) assert.match(id, /^gitopsAuthoring\./);
    assert.doesNotMatch(JSON.stringify(manifest.contributes), /"gitops\./);
  });

  it('contributes every setting the server reads, with resource scope', () => {
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const properties = Object.assign({}, ...sections.map((s) => s.properties)) as Record<string, { scope?: string }>;
    for (const key of SETTING_KEYS) {
      const property = properties[`${SETTINGS_SECTION}.${key}`];
      assert.ok(property, `${SETTINGS_SECTION}.${key} is not contributed`);
      assert.equal(property.scope, 'resource', `${key} must be resource-scoped`);
    }
  });

  it('offers exactly the Kubernetes versions core supports (plus empty: the repository decides)', () => {
    const sections = Array.isArray(manifest.contributes.configuration) ? manifest.contributes.configuration : [manifest.contributes.configuration];
    const property = sections.map((s) => s.properties[`${SETTINGS_SECTION}.kubernetesVersion`]).find(Boolean);
    assert.deepEqual(property?.enum, ['', ...SUPPORTED_KUBERNETES_VERSIONS]);
  });

  it('activates on GitOps markers, never on every YAML file', () => {
    assert.ok(manifest.activationEvents.length > 0);
    for (const event of manifest.activationEvents) {
      assert.notEqual(event, 'onLanguage:yaml');
      assert.notEqual(event, '*');
      assert.doesNotMatch(event, /^workspaceContains:\*\*\/\*\.ya?ml$/);
    }
  });

  it('contributes the YAML injection grammar, which exists and injects into source.yaml', () => {
    const grammar = manifest.contributes.grammars?.find((g) => g.scopeName === 'gitops-authoring.yaml-injection');
    assert.ok(grammar);
    assert.deepEqual(grammar.injectTo, ['source.yaml']);
    assert.equal(grammar.language, undefined, 'an injection grammar must not claim a language');
    assert.ok(existsSync(grammar.path));
  });

  it('every command link of a welcome view or a walkthrough names a declared or built-in command', () => {
    const markdown = [...(manifest.contributes.viewsWelcome ?? []).map((w) => w.contents), ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.description))];
    for (const link of markdown.flatMap(commandLinks)) {
      assert.ok(contributed.includes(link) || link.startsWith('workbench.'), `command:${link} is neither ours nor built in`);
    }
  });
});

describe('package.json: the drift UI', () => {
  const contributed = manifest.contributes.commands.map((c) => c.command);
  const viewIds = Object.values(manifest.contributes.views ?? {}).flat().map((v) => v.id);

  it('declares the GitOps Authoring container with the Drift view, and activates on it', () => {
    const container = manifest.contributes.viewsContainers?.activitybar?.find((c) => c.id === DRIFT_VIEW_CONTAINER_ID);
    assert.ok(container);
    assert.equal(container.title, 'GitOps Authoring');
    assert.ok(existsSync(container.icon), `${container.icon} is missing`);
    assert.deepEqual(manifest.contributes.views?.[DRIFT_VIEW_CONTAINER_ID]?.map((v) => [v.id, v.name]), [[DRIFT_VIEW_ID, 'Drift']]);
    assert.ok(manifest.activationEvents.includes(`onView:${DRIFT_VIEW_ID}`));
  });

  it('every view a menu, a welcome view or a when clause names is declared', () => {
    for (const welcome of manifest.contributes.viewsWelcome ?? []) assert.ok(viewIds.includes(welcome.view), `welcome for undeclared view ${welcome.view}`);
    for (const when of whenClauses()) {
      for (const m of when.matchAll(/\bview == ([\w.]+)/g)) assert.ok(viewIds.includes(m[1]!), `${when}: view ${m[1]} is not declared`);
    }
  });

  it('when clauses use only context keys we set and settings we declare', () => {
    for (const when of whenClauses()) {
      for (const m of when.matchAll(/(config\.|view == )?(gitopsAuthoring\.[\w.]+)/g)) {
        if (m[1] === 'view == ') continue;
        if (m[1]) assert.ok(properties[m[2]!], `${when}: setting ${m[2]} is not declared`);
        else assert.ok(CONTEXT_KEYS.includes(m[2]!), `${when}: context key ${m[2]} is never set`);
      }
    }
  });

  it('welcome views cover untrusted workspace, no kubeconfig and a stopped server', () => {
    const whens = (manifest.contributes.viewsWelcome ?? []).map((w) => w.when ?? '');
    assert.ok(whens.some((w) => /^gitopsAuthoring\.drift\.untrusted$/.test(w)));
    assert.ok(whens.some((w) => /(?<!!)gitopsAuthoring\.drift\.noKubeconfig/.test(w)));
    assert.ok(whens.some((w) => /!gitopsAuthoring\.serverRunning/.test(w)));
  });

  it('welcome texts carry no Markdown code spans (welcome views would show the backticks)', () => {
    for (const welcome of manifest.contributes.viewsWelcome ?? []) assert.doesNotMatch(welcome.contents, /`/, welcome.contents);
  });

  it('tree items get inline diff on drifted resources, refresh and pick-context on environments', () => {
    const items = manifest.contributes.menus?.['view/item/context'] ?? [];
    const inline = (command: string) => items.filter((i) => i.command === command && i.group?.startsWith('inline')).map((i) => i.when ?? '');
    assert.ok(inline('gitopsAuthoring.drift.showDiff').some((w) => w.includes('Drifted') && !w.includes('Synced')));
    assert.ok(inline('gitopsAuthoring.drift.refresh').some((w) => w.includes('viewItem == driftEnvironment')));
    assert.ok(inline('gitopsAuthoring.drift.pickContext').some((w) => w.includes('viewItem == driftEnvironment')));
  });

  it('the palette shows each drift command only where it makes sense', () => {
    const palette = new Map((manifest.contributes.menus?.commandPalette ?? []).map((e) => [e.command, e.when]));
    for (const id of contributed.filter((c) => c.startsWith('gitopsAuthoring.drift.'))) assert.ok(palette.get(id), `${id} has no when clause in the palette`);
    assert.equal(palette.get('gitopsAuthoring.drift.openSource'), 'false', 'openSource needs a tree node or a hover link');
  });

  it('declares the drift settings, the kubeconfig machine-scoped and restricted in untrusted workspaces', () => {
    const expected: Record<string, [string, unknown]> = {
      'gitopsAuthoring.drift.enabled': ['boolean', true],
      'gitopsAuthoring.drift.decorations': ['boolean', true],
      'gitopsAuthoring.drift.codeLens': ['boolean', false],
      'gitopsAuthoring.drift.notifications': ['boolean', true],
      'gitopsAuthoring.drift.kubeconfig': ['string', ''],
    };
    assert.deepEqual([...DRIFT_SETTING_IDS].sort(), Object.keys(expected).sort());
    for (const [id, [type, value]] of Object.entries(expected)) {
      assert.equal(properties[id]?.type, type, id);
      assert.equal(properties[id]?.default, value, id);
    }
    assert.equal(properties['gitopsAuthoring.drift.kubeconfig']?.scope, 'machine');
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.ok(untrusted?.description);
    assert.deepEqual(untrusted?.restrictedConfigurations, ['gitopsAuthoring.drift.kubeconfig']);
  });

  it('declares the drift colours for every theme kind', () => {
    const ids = ['driftAfterForeground', 'driftOverviewRuler', 'driftGutter', 'driftSynced', 'driftDrifted', 'driftMissing', 'driftOrphan', 'driftUnknown'].map((c) => `gitopsAuthoring.${c}`);
    const colors = new Map((manifest.contributes.colors ?? []).map((c) => [c.id, c.defaults]));
    for (const id of ids) assert.deepEqual(Object.keys(colors.get(id) ?? {}).sort(), ['dark', 'highContrast', 'highContrastLight', 'light'], id);
  });

  it('walks through repository → cluster → view → drifted line → commit, with existing media', () => {
    const walkthrough = manifest.contributes.walkthroughs?.[0];
    assert.ok(walkthrough);
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openRepository', 'connectCluster', 'openDriftView', 'seeDriftedLine', 'commitLiveChange']);
    assert.match(walkthrough.steps.at(-1)!.title, /^Commit a live change to Git$/);
    assert.deepEqual(commandLinks(walkthrough.steps.at(-1)!.description), ['gitopsAuthoring.writeBack.commitLiveChange']);
    for (const step of walkthrough.steps) {
      const media = step.media.markdown ?? step.media.image;
      assert.ok(media && existsSync(media), `${step.id}: media ${media} is missing`);
    }
  });
});

describe('package.json: write-back', () => {
  const items = manifest.contributes.menus?.['view/item/context'] ?? [];
  const palette = new Map((manifest.contributes.menus?.commandPalette ?? []).map((e) => [e.command, e.when]));

  it('offers Commit Live Change on drifted resources, fields and environments of the Drift view, and in the editor', () => {
    const whens = items.filter((i) => i.command === 'gitopsAuthoring.writeBack.commitLiveChange').map((i) => i.when ?? '');
    for (const node of ['driftResource.Drifted', 'driftField', 'driftEnvironment']) {
      assert.ok(whens.some((w) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(w)?.[1] ?? '^$').test(node)), `no Commit Live Change on ${node}`);
    }
    assert.ok(!whens.some((w) => new RegExp(/viewItem =~ \/(.*)\/$/.exec(w)?.[1] ?? '^$').test('driftResource.Synced')), 'nothing to commit on a Synced resource');
    const editor = manifest.contributes.menus?.['editor/context'] ?? [];
    assert.ok(editor.some((e) => e.command === 'gitopsAuthoring.writeBack.commitLiveChange' && /gitopsAuthoring\.drift\.hasDrift/.test(e.when ?? '')));
  });

  it('offers the intents on resources, and every write-back command in the palette only with a running server', () => {
    for (const id of ['gitopsAuthoring.writeBack.scale', 'gitopsAuthoring.writeBack.setImage', 'gitopsAuthoring.writeBack.editField']) {
      assert.ok(items.some((i) => i.command === id && /driftResource/.test(i.when ?? '')), `${id} on resources`);
      assert.match(palette.get(id) ?? '', /gitopsAuthoring\.serverRunning/);
    }
    assert.match(palette.get('gitopsAuthoring.writeBack.commitLiveChange') ?? '', /gitopsAuthoring\.serverRunning && gitopsAuthoring\.drift\.hasDrift/);
  });

  it('declares the write-back settings; the API URLs (where a token is sent) machine-scoped', () => {
    assert.deepEqual([...WRITEBACK_SETTING_IDS].sort(), Object.keys(properties).filter((k) => k.startsWith('gitopsAuthoring.writeBack.')).sort());
    assert.deepEqual(properties['gitopsAuthoring.writeBack.mode']?.enum, [...WRITEBACK_MODES]);
    assert.equal(properties['gitopsAuthoring.writeBack.mode']?.default, DEFAULT_WRITEBACK_MODE);
    assert.equal(properties['gitopsAuthoring.writeBack.branchTemplate']?.default, DEFAULT_BRANCH_TEMPLATE);
    assert.equal(properties['gitopsAuthoring.writeBack.github.apiUrl']?.scope, 'machine');
    assert.equal(properties['gitopsAuthoring.writeBack.gitlab.apiUrl']?.scope, 'machine');
  });
});
