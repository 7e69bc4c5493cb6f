import { isRecord } from '../resource/manifest-resource.js';
import { basename, dirname, joinPath } from '../text/posix-path.js';
import type { ManifestFile, ValuePath } from '../manifest/manifest-types.js';

export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export function isKustomizationPath(path: string): boolean {
  return KUSTOMIZATION_FILE_NAMES.includes(basename(path));
}

/**
 * A kustomization file by name *and* content: a `kustomization.yaml` holding another object (a Flux
 * Kustomization, say) is an ordinary manifest.
 */
export function isKustomizeConfigFile(file: ManifestFile): boolean {
  if (!isKustomizationPath(file.path)) return false;
  const value = file.documents[0]?.value;
  if (!isRecord(value)) return true;
  const apiVersion = value.apiVersion;
  return typeof apiVersion !== 'string' || apiVersion === '' || apiVersion.startsWith('kustomize.config.k8s.io/');
}

/** A path a kustomization refers to, with where it is written (for findings). */
export interface KustomizationRef {
  readonly field:
    | 'resources' | 'components' | 'patches' | 'patchesStrategicMerge' | 'patchesJson6902' | 'files' | 'crds' | 'bases' | 'envs'
    | 'transformers' | 'generators' | 'validators' | 'replacements' | 'openapi' | 'configurations' | 'helmValues';
  /** As written. */
  readonly value: string;
  /** Resolved against the kustomization's directory; undefined for remote references (URLs, git). */
  readonly resolved: string | undefined;
  /** Location in the kustomization document. */
  readonly path: ValuePath;
}

export interface KustomizationInfo {
  readonly file: ManifestFile;
  readonly dir: string;
  readonly refs: readonly KustomizationRef[];
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|\?ref=|\/\/.*\?/;

export function readKustomization(file: ManifestFile): KustomizationInfo | undefined {
  const value = file.documents[0]?.value;
  if (!isRecord(value)) return undefined;
  const dir = dirname(file.path);
  const refs: KustomizationRef[] = [];
  const add = (field: KustomizationRef['field'], raw: unknown, path: ValuePath) => {
    // Inline entries (a patch or plugin configuration written in place) are YAML text, not paths.
    if (typeof raw !== 'string' || raw === '' || raw.includes('\n')) return;
    // Generator entries may be `key=path`; `envs` lines are plain paths.
    const target = field === 'files' ? raw.slice(raw.indexOf('=') + 1) : raw;
    refs.push({ field, value: raw, resolved: REMOTE.test(target) ? undefined : joinPath(dir, target), path });
  };
  for (const field of ['resources', 'components', 'bases', 'crds', 'patchesStrategicMerge', 'transformers', 'generators', 'validators', 'configurations'] as const) {
    const list = value[field];
    if (Array.isArray(list)) list.forEach((entry, i) => add(field, entry, [field, i]));
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements'] as const) {
    const list = value[field];
    // A string entry is a patch file's path (the `patchesStrategicMerge` way of writing it), or inline YAML text.
    if (Array.isArray(list)) list.forEach((entry, i) => (isRecord(entry) ? add(field, entry.path, [field, i, 'path']) : add(field, entry, [field, i])));
  }
  if (isRecord(value.openapi)) add('openapi', value.openapi.path, ['openapi', 'path']);
  if (Array.isArray(value.helmCharts)) {
    value.helmCharts.forEach((chart, i) => {
      if (!isRecord(chart)) return;
      add('helmValues', chart.valuesFile, ['helmCharts', i, 'valuesFile']);
      if (Array.isArray(chart.additionalValuesFiles)) chart.additionalValuesFiles.forEach((f, j) => add('helmValues', f, ['helmCharts', i, 'additionalValuesFiles', j]));
    });
  }
  for (const generator of ['configMapGenerator', 'secretGenerator'] as const) {
    const list = value[generator];
    if (!Array.isArray(list)) continue;
    list.forEach((entry, i) => {
      if (!isRecord(entry)) return;
      if (Array.isArray(entry.files)) entry.files.forEach((f, j) => add('files', f, [generator, i, 'files', j]));
      if (Array.isArray(entry.envs)) entry.envs.forEach((f, j) => add('envs', f, [generator, i, 'envs', j]));
      if (typeof entry.env === 'string') add('envs', entry.env, [generator, i, 'env']);
    });
  }
  return { file, dir, refs };
}

/** Kustomization fields whose files configure kustomize plugins: neither Kubernetes objects nor patches. */
export const PLUGIN_CONFIG_FIELDS: ReadonlySet<KustomizationRef['field']> = new Set(['transformers', 'generators', 'validators']);

/**
 * Kustomization fields whose files are inputs of the build, never objects it emits: plugin configurations,
 * replacement and transformer configurations, OpenAPI schemas, Helm values, generator files and env files.
 */
export const INPUT_FIELDS: ReadonlySet<KustomizationRef['field']> = new Set([...PLUGIN_CONFIG_FIELDS, 'replacements', 'openapi', 'configurations', 'helmValues', 'files', 'envs']);

/** Fields whose entries name a file, never a directory. */
export const FILE_ONLY_FIELDS: ReadonlySet<KustomizationRef['field']> = new Set(['envs', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'replacements', 'openapi', 'helmValues']);
