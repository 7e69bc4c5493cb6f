// Turns vendored upstream CustomResourceDefinition YAML (scripts/schema-gen/crds/<project>/*.yaml.gz, with a
// SOURCE file naming repository, commit and licence) into the same extracted form as the npm model
// packages, for the projects whose npm package lags behind (or does not exist). The conversion is the one
// workspace CRDs get at run time (src/core/schema/crd-schema.ts), so bounds, patterns and defaults are kept.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parseAllDocuments } from 'yaml';
import { schemaFromCustomResourceDefinition } from '../../src/core/schema/crd-schema.js';
import type { SchemaNodeJson, SchemaNodeObjectJson } from '../../src/core/schema/schema-data.js';
import type { ExtractedProject } from './extract-model-types.js';

/** Reads every `*.yaml.gz` CRD of `directory`, every version that has a schema. */
export function extractCrdYaml(directory: string): ExtractedProject {
  const kinds: ExtractedProject['kinds'] = [];
  const descriptions: ExtractedProject['descriptions'] = new Map();
  const moveDescriptions = (node: SchemaNodeJson | undefined): void => {
    if (node === undefined || typeof node === 'string' || descriptions.has(node)) return;
    const self = typeof node.d === 'string' ? node.d : undefined;
    delete node.d;
    descriptions.set(node, { self, props: {} });
    for (const child of Object.values(node.p ?? {})) moveDescriptions(child);
    moveDescriptions(node.m);
    moveDescriptions(node.i);
  };
  for (const file of readdirSync(directory).filter((f) => f.endsWith('.yaml.gz')).sort()) {
    const text = gunzipSync(readFileSync(join(directory, file))).toString('utf8');
    for (const doc of parseAllDocuments(text)) {
      const { schema, problems } = schemaFromCustomResourceDefinition(doc.toJS());
      if (!schema) throw new Error(`${file}: ${problems.join('; ')}`);
      for (const version of schema.versions) {
        // Versions no longer served stay in the bundle: whether a cluster still serves them depends on the installed
        // controller, so they are deprecation warnings (api-deprecations.ts), not unknown kinds.
        if (typeof version.schema !== 'object') continue;
        const root = version.schema;
        moveDescriptions(root);
        kinds.push({ apiVersion: version.apiVersion, kind: schema.kind, root: root as SchemaNodeObjectJson });
      }
    }
  }
  return { kinds, defs: new Map(), descriptions };
}

/** The `commit:` line of a vendored directory's SOURCE file (what the README and index cite). */
export function vendoredVersion(directory: string): string {
  const source = readFileSync(join(directory, 'SOURCE'), 'utf8');
  return /^commit: (.*)$/m.exec(source)?.[1]?.trim() ?? 'unknown';
}
