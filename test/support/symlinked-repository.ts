// A repository with symbolic links out of it and one to a directory inside it, for the scan's tests (CLI and
// language server): `base/repo` (the folder scanned) beside `base/outside`, which nothing may read.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n`;

/** The manifests the scan of `repo` finds: none through a link. */
export const REPOSITORY_MANIFESTS = ['apps/cm.yaml', 'apps/kustomization.yaml', 'kustomization.yaml'];

/**
 * Writes `base/outside/secret.yaml` (ConfigMap `outside`) and `base/repo` with ConfigMap `inside`, kustomizations,
 * `up -> ..`, `apps/ext -> <absolute outside>`, `linked.yaml -> ../outside/secret.yaml` and `current -> apps`.
 */
export function writeSymlinkedRepository(base: string): { repo: string; outside: string } {
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  mkdirSync(join(repo, 'apps'), { recursive: true });
  mkdirSync(outside, { recursive: true });
  writeFileSync(join(outside, 'secret.yaml'), configMap('outside'));
  writeFileSync(join(repo, 'apps', 'cm.yaml'), configMap('inside'));
  writeFileSync(join(repo, 'apps', 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
  writeFileSync(join(repo, 'kustomization.yaml'), 'resources:\n  - current\n');
  symlinkSync('..', join(repo, 'up'), 'dir'); // the folder holding the repository (and `outside`)
  symlinkSync(outside, join(repo, 'apps', 'ext'), 'dir'); // an absolute link out
  symlinkSync(join('..', 'outside', 'secret.yaml'), join(repo, 'linked.yaml'), 'file'); // a file out
  symlinkSync('apps', join(repo, 'current'), 'dir'); // a second name for a directory inside
  return { repo, outside };
}
