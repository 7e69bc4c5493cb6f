// .gitops-authoring.yaml is read as manifests are: YAML 1.1, clear problems, and no hostile text can make
// reading it cost more than its size.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LINT_CONFIG, parseLintConfig } from '../../../src/core/config/lint-config.js';

describe('parseLintConfig', () => {
  it('reads the settings it knows', () => {
    const { config, problems } = parseLintConfig('kubernetesVersion: "1.32"\nrules:\n  resources: off\n  image-tag: { severity: off }\n  host-path: error\nignorePaths: [legacy/]\n');
    assert.deepEqual(problems, []);
    assert.equal(config.kubernetesVersion, '1.32');
    assert.deepEqual([config.rules.resources, config.rules['image-tag'], config.rules['host-path']], ['off', 'off', 'error'], 'an unquoted off (false in YAML 1.1) turns a rule off');
    assert.deepEqual(config.ignorePaths, ['legacy/']);
  });

  it('says where a broken file is broken and keeps the defaults', () => {
    const broken = parseLintConfig('rules:\n  resources: off\n  resources: error\n');
    assert.equal(broken.config, DEFAULT_LINT_CONFIG);
    assert.match(broken.problems[0] ?? '', /^not valid YAML: .*unique.*\(line 3\)$/);
    assert.match(parseLintConfig('a: 1\n---\nb: 2\n').problems[0] ?? '', /one document/);
    assert.match(parseLintConfig('- a\n- b\n').problems[0] ?? '', /mapping at the top level/);
  });

  it('a self-referencing anchor or a very wide mapping is a problem or a value, not minutes of work', () => {
    const cycle = `rules: &a [${Array.from({ length: 1000 }, () => '*a').join(', ')}]\n`;
    assert.match(parseLintConfig(cycle).problems[0] ?? '', /not valid YAML: .*\*a/);
    const wide = `rules:\n${Array.from({ length: 50_000 }, (_, i) => `  rule-${i}: off`).join('\n')}\n`;
    assert.ok(parseLintConfig(wide).config.rules);
  });
});
