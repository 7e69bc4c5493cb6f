// planSetValue: the smallest edit that makes a field hold a value, or a refusal that says why.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planSetValue, type SetValuePlan } from '../../../src/core/edit/set-value-edit.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources, getAt } from '../../../src/core/resource/manifest-resource.js';
import { LineIndex } from '../../../src/core/text/line-index.js';

function applied(path: string, text: string, plan: SetValuePlan): string {
  assert.ok('edit' in plan, `refused: ${'refused' in plan ? plan.refused : ''}`);
  const lines = new LineIndex(text);
  const out = text.slice(0, lines.offsetAt(plan.edit.range.start)) + plan.edit.newText + text.slice(lines.offsetAt(plan.edit.range.end));
  assert.equal(parseManifest(path, out).problems.length, 0);
  return out;
}

function plan(text: string, fieldPath: (string | number)[], value: unknown, path = 'app.yaml') {
  const resource = extractResources(parseManifest(path, text))[0];
  assert.ok(resource);
  return planSetValue(resource, fieldPath, value);
}

const TEXT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3 # Friday peak
  template:
    spec:
      containers:
        - name: app
          image: "ghcr.io/acme/api:1.0"
          ports: [{containerPort: 80}]
`;

describe('planSetValue', () => {
  it('replaces a declared value in its own style and keeps the comment', () => {
    const out = applied('app.yaml', TEXT, plan(TEXT, ['spec', 'replicas'], 10));
    assert.equal(out, TEXT.replace('replicas: 3 # Friday peak', 'replicas: 10 # Friday peak'));
    const image = applied('app.yaml', TEXT, plan(TEXT, ['spec', 'template', 'spec', 'containers', 0, 'image'], 'ghcr.io/acme/api:1.1'));
    assert.equal(image, TEXT.replace('"ghcr.io/acme/api:1.0"', '"ghcr.io/acme/api:1.1"'));
  });

  it('inserts missing keys under the nearest mapping Git has, so the object then holds the value', () => {
    const out = applied('app.yaml', TEXT, plan(TEXT, ['spec', 'strategy', 'type'], 'Recreate'));
    assert.match(out, /replicas: 3 # Friday peak\n {2}template:[\s\S]*\n {2}strategy:\n {4}type: Recreate\n$/);
    const resource = extractResources(parseManifest('app.yaml', out))[0];
    assert.equal(getAt(resource?.object, ['spec', 'strategy', 'type']), 'Recreate');
  });

  it('edits a scalar inside a flow collection in place', () => {
    const out = applied('app.yaml', TEXT, plan(TEXT, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'], 8080));
    assert.equal(out, TEXT.replace('{containerPort: 80}', '{containerPort: 8080}'));
  });

  it('refuses what needs a person: a list item Git lacks, a mapping value, an anchor, a flow parent', () => {
    const refusals = [
      plan(TEXT, ['spec', 'template', 'spec', 'containers', 1, 'image'], 'x'),
      plan(TEXT, ['spec', 'template'], 'x'),
      plan(TEXT, ['spec', 'replicas'], { a: 1 }),
      plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata:\n  a: &v one\n  b: *v\n', ['data', 'b'], 'two'),
      plan('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', ['metadata', 'labels', 'app'], 'x'),
    ];
    for (const r of refusals) assert.ok('refused' in r && r.refused.length > 10, JSON.stringify(r));
  });

  it('writes JSON manifests as JSON and keeps CRLF files CRLF', () => {
    const json = '{\n  "apiVersion": "v1",\n  "kind": "ConfigMap",\n  "metadata": {"name": "x"},\n  "data": {"a": "1"}\n}\n';
    assert.equal(applied('cm.json', json, plan(json, ['data', 'a'], '2', 'cm.json')), json.replace('"a": "1"', '"a": "2"'));
    const crlf = TEXT.replace(/\n/g, '\r\n');
    const out = applied('app.yaml', crlf, plan(crlf, ['metadata', 'labels'], 'x'));
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false);
  });
});
