// Flux post-build substitution (`spec.postBuild`): which `${VAR}`s the rendered objects use, and which a
// Kustomization defines. Flux replaces an undefined variable with an empty string, silently.
import type { ValuePath } from '../../manifest/manifest-types.js';
import { getAt, isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import { groupOf } from '../../resource/resource-key.js';
import type { WorkspaceIndex } from '../../workspace/workspace-index.js';
import { namespacesMatch } from '../../workspace/this-repository.js';
import { perWorkspace } from '../../workspace/per-workspace.js';

export interface VariableUse {
  readonly name: string;
  readonly resource: ManifestResource;
  readonly path: ValuePath;
}

// `${NAME}` without a default or operator; `$${NAME}` is Flux's escape for a literal.
const PLAIN_VARIABLE = /(^|[^$])\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const DISABLED = 'kustomize.toolkit.fluxcd.io/substitute';

function isSubstitutionDisabled(resource: ManifestResource): boolean {
  for (const field of ['annotations', 'labels']) {
    const map = getAt(resource.object, ['metadata', field]);
    if (isRecord(map) && map[DISABLED] === 'disabled') return true;
  }
  return false;
}

/** Plain `${VAR}` uses in the string values of the objects in `files` (first use of each name per object). */
export function variableUses(workspace: WorkspaceIndex, files: Iterable<string>): VariableUse[] {
  const out: VariableUse[] = [];
  for (const file of files) {
    for (const resource of workspace.resourcesInFile(file)) {
      if (isSubstitutionDisabled(resource)) continue;
      const seen = new Set<string>();
      const walk = (value: unknown, path: (string | number)[]) => {
        if (typeof value === 'string') {
          if (!value.includes('${')) return;
          for (const m of value.matchAll(PLAIN_VARIABLE)) {
            const name = m[2] as string;
            if (seen.has(name)) continue;
            seen.add(name);
            out.push({ name, resource, path });
          }
        } else if (Array.isArray(value)) value.forEach((v, i) => walk(v, [...path, i]));
        else if (isRecord(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
      };
      walk(resource.object, []);
    }
  }
  return out;
}

/**
 * Names a Kustomization defines, or undefined when they cannot be known: a `substituteFrom` object that is not
 * in the repository (created out of band, generated, or from a secret store) could define anything.
 */
export function definedVariables(workspace: WorkspaceIndex, kustomization: ManifestResource): Set<string> | undefined {
  if (postBuildIsPatchedIn(workspace)) return undefined;
  const defined = new Set<string>();
  const substitute = getAt(kustomization.object, ['spec', 'postBuild', 'substitute']);
  if (isRecord(substitute)) for (const key of Object.keys(substitute)) defined.add(key);
  const from = getAt(kustomization.object, ['spec', 'postBuild', 'substituteFrom']);
  if (from === undefined || from === null) return defined;
  if (!Array.isArray(from)) return undefined;
  for (const ref of from) {
    if (!isRecord(ref) || typeof ref.name !== 'string' || ref.name.includes('${')) return undefined;
    const keys = keysOf(workspace, String(ref.kind), ref.name, kustomization.namespace);
    if (!keys) return undefined;
    keys.forEach((k) => defined.add(k));
  }
  return defined;
}

/**
 * A parent Kustomization may patch `postBuild` into its children (`spec.patches`), a common way to share
 * cluster variables: the children's own definitions are then not the whole story.
 */
const postBuildIsPatchedIn = perWorkspace((workspace: WorkspaceIndex): boolean =>
  workspace.resourcesByKind('Kustomization').some((k) => {
    const patches = getAt(k.object, ['spec', 'patches']);
    return Array.isArray(patches) && patches.some((p) => isRecord(p) && typeof p.patch === 'string' && /postBuild|substitute/.test(p.patch));
  }));

function keysOf(workspace: WorkspaceIndex, kind: string, name: string, namespace: string): string[] | undefined {
  const generated = [...workspace.kustomizations.values()].some((k) => {
    const value = k.file.documents[0]?.value;
    return isRecord(value) && ['configMapGenerator', 'secretGenerator'].some((g) => Array.isArray(value[g]) && (value[g] as unknown[]).some((e) => isRecord(e) && e.name === name));
  });
  if (generated) return undefined;
  const candidates = workspace.resources.filter((r) => r.name === name && namespacesMatch(r.namespace, namespace));
  const keys: string[] = [];
  let found = false;
  for (const r of candidates) {
    if (r.kind === kind && groupOf(r.apiVersion) === '') {
      found = true;
      for (const field of ['data', 'stringData', 'binaryData']) {
        const map = r.object[field];
        if (isRecord(map)) keys.push(...Object.keys(map));
      }
    } else if (kind === 'Secret' && r.kind === 'SealedSecret') {
      found = true;
      const map = getAt(r.object, ['spec', 'encryptedData']);
      if (isRecord(map)) keys.push(...Object.keys(map));
    } else if (kind === 'Secret' && r.kind === 'ExternalSecret') {
      return undefined; // keys come from the secret store
    }
  }
  return found ? keys : undefined;
}
