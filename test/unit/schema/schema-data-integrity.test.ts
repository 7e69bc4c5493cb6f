// The committed data must be self-consistent: every reference resolves in every Kubernetes version, every
// description id exists, and the size stays small enough to ship.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { definitionGroup, SCHEMA_DATA_FORMAT, type SchemaIndexJson, type SchemaNodeJson, type SchemaVersionIndexJson } from '../../../src/core/schema/schema-data.js';
import { DATA_DIR } from './schema-test-support.js';

function chunk<T>(id: string): T {
  return JSON.parse(readFileSync(join(DATA_DIR, `${id}.json`), 'utf8')) as T;
}

const index = chunk<SchemaIndexJson>('index');

function walk(node: SchemaNodeJson | undefined, visit: (ref: string) => void, descriptions: (id: number | string | undefined) => void): void {
  if (node === undefined) return;
  if (typeof node === 'string') return visit(node);
  descriptions(node.d);
  for (const d of Object.values(node.pd ?? {})) descriptions(d);
  for (const child of Object.values(node.p ?? {})) walk(child, visit, descriptions);
  walk(node.m, visit, descriptions);
  walk(node.i, visit, descriptions);
}

const checkDescription = (id: number | string | undefined) => {
  if (typeof id === 'number') assert.ok(Number.isInteger(id) && id >= 0 && id < index.descriptionCount, `description id ${id}`);
};

test('index: format, versions and every chunk it names exist', () => {
  assert.equal(index.format, SCHEMA_DATA_FORMAT);
  assert.deepEqual(Object.keys(index.versionChunks).sort(), index.kubernetesVersions.slice().sort());
  const files = new Set(readdirSync(DATA_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)));
  for (const id of Object.values(index.versionChunks)) assert.ok(files.has(id), id);
  for (const kinds of Object.values(index.crds)) for (const entry of Object.values(kinds)) assert.ok(files.has(entry.chunk), entry.chunk);
  for (let n = 0; n * index.descriptionChunkSize < index.descriptionCount; n++) assert.ok(files.has(`desc-${n}`));
});

test('built-in definitions: every kind root and every reference resolves within its Kubernetes version', () => {
  for (const version of index.kubernetesVersions) {
    const versionIndex = chunk<SchemaVersionIndexJson>(index.versionChunks[version]!);
    const defs = new Map<string, SchemaNodeJson>();
    for (const id of new Set(Object.values(versionIndex.groups))) {
      for (const [name, node] of Object.entries(chunk<{ defs: Record<string, SchemaNodeJson> }>(id).defs)) defs.set(name, node);
    }
    const resolves = (ref: string) => assert.ok(defs.has(ref) && versionIndex.groups[definitionGroup(ref)], `${version}: ${ref}`);
    let kinds = 0;
    for (const byKind of Object.values(versionIndex.kinds)) {
      for (const root of Object.values(byKind)) {
        resolves(root);
        kinds++;
      }
    }
    assert.ok(kinds > 150, `${version}: ${kinds} kinds`);
    for (const node of defs.values()) walk(node, resolves, checkDescription);
  }
});

test('bundled CRD chunks: references resolve locally or to ObjectMeta', () => {
  for (const [apiVersion, kinds] of Object.entries(index.crds)) {
    for (const entry of Object.values(kinds)) {
      const defs = chunk<{ defs: Record<string, SchemaNodeJson> }>(entry.chunk).defs;
      assert.ok(defs[entry.root], `${apiVersion}: ${entry.root}`);
      for (const node of Object.values(defs)) {
        walk(node, (ref) => assert.ok(defs[ref] || ref === 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', `${apiVersion}: ${ref}`), checkDescription);
      }
    }
  }
});

test('the data stays small: under 5 MB, no chunk over 200 KB', () => {
  let total = 0;
  for (const file of readdirSync(DATA_DIR)) {
    const size = statSync(join(DATA_DIR, file)).size;
    total += size;
    assert.ok(size < 200_000, `${file}: ${size} bytes`);
  }
  assert.ok(total < 5_000_000, `${total} bytes`);
});
