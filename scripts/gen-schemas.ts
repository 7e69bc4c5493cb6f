#!/usr/bin/env -S npx tsx
// Regenerates src/core/schema/data/ from the vendored Kubernetes OpenAPI documents, vendored CRD YAML and
// pinned npm packages' type declarations (no network beyond npm).
// Usage: npm run gen:schemas
// Inputs are listed in scripts/schema-gen/sources/package.json (+ lock) and installed there on demand with
// `npm ci`, so that the project's own dependencies carry none of them.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listApiDeprecations } from '../src/core/schema/api-deprecations.js';
import { applyBuiltinOverrides } from './schema-gen/builtin-overrides.js';
import { addFluxOperatorEventSources, relaxKnativeContainerNames } from './schema-gen/crd-overrides.js';
import { extractCrdYaml, vendoredVersion } from './schema-gen/extract-crd-yaml.js';
import { enumsNamedByDescriptions, extractEnums, preferEnums, type EnumTable } from './schema-gen/extract-enums.js';
import { extractModelTypes, findKindFiles } from './schema-gen/extract-model-types.js';
import { extractModelKinds, kindsMissingFrom } from './schema-gen/extract-newer-kinds.js';
import { extractOpenApi, readOpenApiDocument, type ExtractedKubernetesVersion } from './schema-gen/extract-openapi.js';
import { writeSchemaData } from './schema-gen/write-schema-data.js';

const root = join(__dirname, '..');
const sourcesDir = join(root, 'scripts/schema-gen/sources');
const modules = join(sourcesDir, 'node_modules');
const outDir = join(root, 'src/core/schema/data');

// Every version from the official OpenAPI document of its release, vendored in scripts/schema-gen/openapi/
// (see its README.md), so that groups unchanged between versions are stored once.
const OPENAPI_VERSIONS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'];
const DEFAULT_VERSION = '1.36';
// npm model packages (@kubernetes-models/<name>), generated from each project's CRDs or Go types.
const CRD_PROJECTS = [
  'flux-cd',
  'argo-cd',
  'sealed-secrets',
  'cert-manager',
  'gateway-api',
  'prometheus-operator',
  'istio',
  'keda',
  'argo-rollouts',
  'karpenter',
  'knative',
  'traefik',
];
// Upstream CRD YAML vendored in scripts/schema-gen/crds/<name>/ where no npm package is current enough.
const VENDORED_CRD_PROJECTS = ['source-watcher', 'flux-operator', 'external-secrets', 'fleet'];

if (!existsSync(join(modules, 'k8s-models-latest'))) {
  console.log('gen-schemas: installing pinned inputs into scripts/schema-gen/sources …');
  execFileSync('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', sourcesDir], { stdio: 'inherit' });
}

const versionOf = (pkgDir: string): string => (JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as { name: string; version: string }).version;
const sources: Record<string, string> = {};

// Enums per version (the OpenAPI documents have none): kubernetes-models 4.5.1 (Kubernetes 1.33) for 1.30–1.33;
// kubernetes-models 5.1.0 (Kubernetes 1.36: PodSpec `schedulingGroup`, no alpha APIs) for 1.36, with 1.33's lists
// for the properties it lacks. For 1.34 and 1.35 (no package is exactly either): 1.33's lists plus each value
// 1.36 adds that the version's own OpenAPI description of that property names (Toleration `Gt`/`Lt`: 1.35 on).
const enumsDir = join(modules, 'k8s-models-1-33');
const enums = extractEnums(enumsDir);
sources['kubernetes-models (enums, Kubernetes 1.30–1.33)'] = versionOf(enumsDir);
const newerEnumsDir = join(modules, 'k8s-models-latest');
const enumsOf136 = extractEnums(newerEnumsDir);
sources['kubernetes-models (enums, Kubernetes 1.36; values named by 1.34/1.35 descriptions)'] = versionOf(newerEnumsDir);
const enumsFor = (version: string, data: ExtractedKubernetesVersion): EnumTable => {
  if (version === '1.36') return preferEnums(enumsOf136, enums);
  if (version === '1.34' || version === '1.35') return enumsNamedByDescriptions(enums, enumsOf136, data.definitions);
  return enums;
};

const logVersion = (version: string, data: ExtractedKubernetesVersion) => {
  const kinds = [...data.kinds.values()].reduce((n, m) => n + m.size, 0);
  console.log(`gen-schemas: Kubernetes ${version}: ${kinds} kinds, ${data.definitions.size} definitions`);
};
const versions = OPENAPI_VERSIONS.map((version) => {
  const document = readOpenApiDocument(join(root, `scripts/schema-gen/openapi/kubernetes-${version}.definitions.json.gz`));
  const data = extractOpenApi(document);
  applyBuiltinOverrides(data.definitions, enumsFor(version, data));
  sources[`Kubernetes ${version} OpenAPI (kubernetes/kubernetes release-${version} api/openapi-spec/swagger.json)`] = document.source;
  logVersion(version, data);
  return { version, data };
});

const projects = CRD_PROJECTS.map((name) => {
  const pkg = join(modules, '@kubernetes-models', name);
  const data = extractModelTypes(findKindFiles(pkg), name);
  sources[`@kubernetes-models/${name}`] = versionOf(pkg);
  if (name === 'flux-cd') console.log(`gen-schemas: flux-cd: Flux Operator event sources added to ${addFluxOperatorEventSources(data)} enums`);
  if (name === 'knative') console.log(`gen-schemas: knative: container name optional in ${relaxKnativeContainerNames(data)} definitions`);
  console.log(`gen-schemas: ${name}: ${data.kinds.length} kinds, ${data.defs.size} named definitions`);
  return { name, data };
});
for (const name of VENDORED_CRD_PROJECTS) {
  const dir = join(root, 'scripts/schema-gen/crds', name);
  const data = extractCrdYaml(dir);
  sources[`${name} (upstream CRD YAML)`] = vendoredVersion(dir);
  console.log(`gen-schemas: ${name}: ${data.kinds.length} kinds from vendored CRDs`);
  projects.push({ name, data });
}

// Kinds a newer Kubernetes serves (kubernetes-models 5.x): not validated rather than unknown at the newest version.
const newerDir = join(modules, 'k8s-models-latest');
const newest = versions.find((v) => v.version === DEFAULT_VERSION)!;
// An apiVersion Kubernetes removed (kubernetes-models keeps old betas) stays an error through the deprecation table.
const removedApiVersions = new Set(listApiDeprecations().map((d) => d.apiVersion));
const newerKinds = {
  source: `kubernetes-models@${versionOf(newerDir)}`,
  kinds: Object.fromEntries(Object.entries(kindsMissingFrom(extractModelKinds(newerDir), newest.data.kinds)).filter(([apiVersion]) => !removedApiVersions.has(apiVersion))),
};
sources['kubernetes-models (kinds newer than the bundled versions)'] = versionOf(newerDir);
console.log(`gen-schemas: ${Object.values(newerKinds.kinds).flat().length} kinds served only by a newer Kubernetes`);

const { files, bytes } = writeSchemaData(outDir, { versions, defaultVersion: DEFAULT_VERSION, projects, sources, newerKinds });
console.log(`gen-schemas: wrote ${files} files, ${(bytes / 1024 / 1024).toFixed(2)} MB to ${outDir}`);
