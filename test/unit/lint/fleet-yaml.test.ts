// Rancher Fleet's fleet.yaml is no Kubernetes object, but it is checked: against the bundled Fleet Bundle spec
// (`targetCustomizations` are the bundle's targets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_LINT_CONFIG } from '../../../src/core/config/lint-config.js';
import { lintWorkspace } from '../../../src/core/lint/lint-engine.js';
import { RULES } from '../../../src/core/lint/rule-list.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../../src/core/workspace/workspace-index.js';
import { createNodeValidator } from '../../../src/adapters/schema/node-validator.js';

const validator = createNodeValidator();

function lint(path: string, text: string): string[] {
  const index = buildWorkspaceIndex([parseManifest(path, text)], { entryType: () => undefined });
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES, validator })
    .flatMap((r) => r.findings)
    .map((f) => `${f.severity} ${f.ruleId} ${f.range.start.line + 1}: ${f.message}`);
}

const FLEET_YAML = `defaultNamespace: guestbook
name: guestbook
labels:
  team: web
helm:
  releaseName: guestbook
  chart: ./chart
  values:
    replicas: 2
kustomize:
  dir: overlays/dev
targetCustomizations:
  - name: dev
    clusterSelector:
      matchLabels:
        env: dev
    helm:
      values:
        replicas: 1
dependsOn:
  - name: cert-manager
`;

test('a valid fleet.yaml has no finding', () => {
  assert.deepEqual(lint('apps/guestbook/fleet.yaml', FLEET_YAML), []);
});

test('a misspelt field of fleet.yaml is an error on its key, in targetCustomizations too', () => {
  assert.deepEqual(lint('apps/guestbook/fleet.yaml', FLEET_YAML.replace('  releaseName:', '  releseName:')), ['error schema 6: Unknown field "releseName"; did you mean "releaseName"?']);
  assert.deepEqual(lint('fleet.yml', FLEET_YAML.replace('    clusterSelector:', '    clusterSelectr:')), ['error schema 14: Unknown field "clusterSelectr"; did you mean "clusterSelector"?']);
});

test('the same text in a file not named fleet.yaml is no configuration of anything', () => {
  assert.deepEqual(lint('apps/guestbook/values.yaml', FLEET_YAML.replace('  releaseName:', '  releseName:')), []);
});
