import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseManifest, splitDocuments, type DocumentParseCache } from '../../../src/core/manifest/parse-manifest.js';
import { extractResources } from '../../../src/core/resource/manifest-resource.js';

test('ranges are LSP positions: 0-based lines, UTF-16 characters, after a BOM and with CRLF', () => {
  const text = '\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: "😀x"\r\ndata:\r\n  k: v\r\n';
  const file = parseManifest('cm.yaml', text);
  const doc = file.documents[0];
  assert.ok(doc);
  assert.deepEqual(doc.value, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: '😀x' }, data: { k: 'v' } });
  assert.deepEqual(doc.locator.locate(['metadata', 'name'])?.value, { start: { line: 3, character: 8 }, end: { line: 3, character: 13 } });
  assert.deepEqual(doc.locator.locate(['data', 'k'])?.key, { start: { line: 5, character: 2 }, end: { line: 5, character: 3 } });
  assert.equal(doc.locator.locate(['data', 'missing']), undefined);
  assert.equal(doc.locator.locateNearest(['data', 'missing', 'deeper']).depth, 1);
});

test('one broken document never hides the others', () => {
  const file = parseManifest('m.yaml', 'a: 1\n---\nb: [\n---\nkind: x\n  bad: indent\n---\nc: 3\n');
  assert.equal(file.documents.length, 4);
  assert.deepEqual(file.documents[0]?.value, { a: 1 });
  assert.deepEqual(file.documents[3]?.value, { c: 3 });
  assert.ok(file.documents[1]?.problems.some((p) => p.ruleId === 'yaml-syntax' && p.range.start.line >= 2));
  assert.ok(file.documents[2]?.problems.length);
  assert.equal(file.documents[0]?.problems.length, 0);
});

test('duplicate keys and tabs are reported where they are', () => {
  const dup = parseManifest('d.yaml', 'a: 1\nb: 2\na: 3\n');
  assert.deepEqual(dup.documents[0]?.problems.map((p) => [p.message, p.range.start.line]), [['Map keys must be unique', 2]]);
  const tabs = parseManifest('t.yaml', 'a:\n\tb: 1\n');
  assert.match(tabs.documents[0]?.problems[0]?.message ?? '', /[Tt]ab/);
});

test('YAML 1.1 scalars as Kubernetes reads them: yes/no/on/off are booleans', () => {
  const file = parseManifest('y.yaml', 'a: yes\nb: off\nc: "yes"\n');
  assert.deepEqual(file.documents[0]?.value, { a: true, b: false, c: 'yes' });
});

test('a dot alone is text for go-yaml, not a YAML 1.1 float (coredns `zone: .` in home-ops)', () => {
  const value = parseManifest('v.yaml', 'a: .\nb: ._\nc: .e5\nd: 1.5\ne: .5\nf: .inf\ng: 1e3\n').documents[0]?.value;
  assert.deepEqual(value, { a: '.', b: '._', c: '.e5', d: 1.5, e: 0.5, f: Infinity, g: 1000 });
  assert.ok(Number.isNaN((parseManifest('n.yaml', 'v: .nan\n').documents[0]?.value as { v: number }).v));
});

test('kind: List items are resources with their own paths; JSON manifests too', () => {
  const list = parseManifest('l.yaml', 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a, namespace: ns}\n');
  const [item] = extractResources(list);
  assert.deepEqual(item?.key, { group: '', kind: 'ConfigMap', namespace: 'ns', name: 'a' });
  assert.deepEqual(item?.basePath, ['items', 0]);
  const json = parseManifest('d.json', '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "j"}}');
  assert.deepEqual(extractResources(json)[0]?.key, { group: 'apps', kind: 'Deployment', namespace: '', name: 'j' });
});

test('Helm templates are not YAML yet: no findings, no resources', () => {
  const file = parseManifest('templates/d.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n{{- if .Values.x }}\ndata: {}\n{{- end }}\n');
  assert.equal(file.documents[0]?.isTemplate, true);
  assert.deepEqual(file.documents[0]?.problems, []);
  assert.deepEqual(extractResources(file), []);
});

test('an edit re-parses only the document it touched', () => {
  const docs = Array.from({ length: 3 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`);
  const cache: DocumentParseCache = new Map();
  parseManifest('m.yaml', docs.join('---\n'), undefined, cache);
  const before = [...cache.values()];
  const edited = [docs[0], docs[1]?.replace('cm-1', 'cm-1-renamed-and-longer'), docs[2]].join('---\n');
  const file = parseManifest('m.yaml', edited, undefined, cache);
  const after = [...cache.values()];
  assert.equal(after[0], before[0], 'first document reused');
  assert.notEqual(after[1], before[1], 'edited document re-parsed');
  assert.equal(after[2], before[2], 'last document reused');
  // Positions of reused documents follow the edit.
  assert.deepEqual(file.documents[2]?.locator.locate(['metadata', 'name'])?.value.start, { line: 13, character: 8 });
  assert.equal((file.documents[1]?.value as { metadata: { name: string } }).metadata.name, 'cm-1-renamed-and-longer');
});

test('document markers split the stream only at the start of a line', () => {
  assert.deepEqual(splitDocuments('a: "---"\n---\nb: |\n  ---\n--- x\n').map((c) => c.offset), [0, 9, 24]);
});

test('a multi-line quoted scalar not indented past its key is read as Kubernetes (go-yaml) reads it', () => {
  const text = [
    'apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: a', '  annotations:',
    "    single: 'first line", "    second '' line'",
    '    double: "a \\"quoted\\"', '    word"',
    "    after: '1'", '',
  ].join('\n');
  const file = parseManifest('c.yaml', text);
  const doc = file.documents[0]!;
  assert.deepEqual(doc.problems, []);
  assert.deepEqual((doc.value as { metadata: { annotations: unknown } }).metadata.annotations, { single: "first line second ' line", double: 'a "quoted" word', after: '1' });
  // Offsets are unchanged: the value after the scalars is where it is written, and so is the scalar itself.
  assert.deepEqual(doc.locator.locate(['metadata', 'annotations', 'after'])?.value, { start: { line: 9, character: 11 }, end: { line: 9, character: 14 } });
  assert.deepEqual(doc.locator.locate(['metadata', 'annotations', 'single'])?.value.start, { line: 5, character: 12 });
});

test('a quoted scalar that never closes is still a syntax error', () => {
  const file = parseManifest('c.yaml', "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations:\n    a: 'open\n    b: c\n");
  assert.ok(file.documents[0]!.problems.some((p) => p.ruleId === 'yaml-syntax' && p.severity === 'error'));
});
