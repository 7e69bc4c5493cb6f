// core/edit plans the smallest text edit and keeps comments, quoting, indentation and line ends.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addAnnotationEdit, commentAboveLineEdit, insertMembersEdit, replaceValueEdit } from '../../../src/core/edit/yaml-text-edits.js';
import type { TextEdit } from '../../../src/core/findings/finding.js';
import { parseManifest } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../../src/core/resource/manifest-resource.js';
import { LineIndex } from '../../../src/core/text/line-index.js';

function apply(text: string, edit: TextEdit | undefined): string {
  assert.ok(edit, 'an edit was planned');
  const lines = new LineIndex(text);
  return text.slice(0, lines.offsetAt(edit.range.start)) + edit.newText + text.slice(lines.offsetAt(edit.range.end));
}

function resourceOf(text: string, index = 0) {
  const resource = extractResources(parseManifest('app.yaml', text))[index];
  assert.ok(resource);
  return resource;
}

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: api # the API',
  'spec:',
  '  # three for the Friday peak',
  '  replicas: 3 # keep',
  '  template:',
  '    spec:',
  '      containers:',
  "        - name: app",
  "          image: 'ghcr.io/acme/api:1.0'",
  '',
].join('\n');

describe('core/edit yaml-text-edits', () => {
  it('replaces only the value span: comments on the line and above survive', () => {
    const out = apply(DEPLOYMENT, replaceValueEdit(resourceOf(DEPLOYMENT), ['spec', 'replicas'], '10'));
    assert.equal(out, DEPLOYMENT.replace('replicas: 3 # keep', 'replicas: 10 # keep'));
  });

  it('replaces a quoted scalar including its quotes, nothing else', () => {
    const out = apply(DEPLOYMENT, replaceValueEdit(resourceOf(DEPLOYMENT), ['spec', 'template', 'spec', 'containers', 0, 'image'], "'ghcr.io/acme/api:1.1'"));
    assert.equal(out, DEPLOYMENT.replace("'ghcr.io/acme/api:1.0'", "'ghcr.io/acme/api:1.1'"));
  });

  it('inserts members indented like their siblings, after the mapping\'s last line', () => {
    const out = apply(DEPLOYMENT, insertMembersEdit(resourceOf(DEPLOYMENT), ['metadata'], ['labels:', '  app: api']));
    assert.match(out, /metadata:\n {2}name: api # the API\n {2}labels:\n {4}app: api\nspec:/);
  });

  it('refuses to insert into a flow mapping (it would need a rewrite, not an insertion)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n';
    assert.equal(insertMembersEdit(resourceOf(text), ['metadata'], ['labels: {}']), undefined);
  });

  it('adds an annotation, creating annotations when missing, and keeps CRLF line ends', () => {
    const text = DEPLOYMENT.replace(/\n/g, '\r\n');
    const out = apply(text, addAnnotationEdit(resourceOf(text), 'example.com/why', 'a reason'));
    assert.ok(out.includes('  name: api # the API\r\n  annotations:\r\n    example.com/why: "a reason"\r\nspec:'), out);
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'no LF-only line was introduced');
  });

  it('puts a comment above a list item at the item\'s column, above a key at the key\'s column', () => {
    const item = apply(DEPLOYMENT, commentAboveLineEdit('app.yaml', DEPLOYMENT, 10, 'gitops-authoring-ignore image-tag'));
    assert.match(item, /\n {8}# gitops-authoring-ignore image-tag\n {8}- name: app\n/);
    const key = apply(DEPLOYMENT, commentAboveLineEdit('app.yaml', DEPLOYMENT, 6, 'note'));
    assert.match(key, /\n {2}# note\n {2}replicas: 3 # keep\n/);
  });

  it('edits the right document of a multi-document file', () => {
    const text = `${DEPLOYMENT}---\n${DEPLOYMENT.replace('name: api', 'name: worker')}`;
    const out = apply(text, replaceValueEdit(resourceOf(text, 1), ['spec', 'replicas'], '1'));
    assert.equal(out.split('---\n')[0], DEPLOYMENT, 'the first document is untouched');
    assert.match(out.split('---\n')[1] ?? '', /replicas: 1 # keep/);
  });
});
