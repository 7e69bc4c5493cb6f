// package.json is the extension's contract with VS Code: every contributed command has a handler, every
// menu entry names a declared command, every setting the server reads is contributed with resource scope.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { SUPPORTED_KUBERNETES_VERSIONS } from '../../../src/core/config/lint-config.js';
import { SETTING_KEYS, SETTINGS_SECTION } from '../../../src/protocol/settings.js';
import { COMMAND_IDS } from '../../../src/extension/command-ids.js';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string }[];
    menus?: Record<string, { command?: string; submenu?: string }[]>;
    configuration: { properties: Record<string, { scope?: string; enum?: string[] }> } | { properties: Record<string, { scope?: string; enum?: string[] }> }[];
    grammars?: { scopeName: string; path: string; injectTo?: string[]; language?: string }[];
  };
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
const commandTableSource = readFileSync('src/extension/command-table.ts', 'utf8');

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
});
