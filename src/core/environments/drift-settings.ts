import { readArgoIgnoreDifferences, readFluxIgnoreRules, type IgnoreRule } from '../drift/ignore-rules.js';
import { isRecord } from '../resource/manifest-resource.js';
import type { EnvironmentSetting } from './environment.js';

/**
 * The user's drift settings (editor settings, or a YAML file for the CLI):
 *   environments: [{name, path, context?, namespace?}]
 *   ignoreDifferences: [...]   # Argo CD dialect
 *   driftIgnoreRules: [...]    # Flux dialect
 * Unknown keys and malformed entries are reported, the rest still applies.
 */
export interface DriftSettings {
  readonly environments: readonly EnvironmentSetting[];
  readonly ignoreRules: readonly IgnoreRule[];
  readonly problems: readonly string[];
}

export function parseDriftSettings(value: unknown): DriftSettings {
  const problems: string[] = [];
  if (value === undefined || value === null) return { environments: [], ignoreRules: [], problems };
  if (!isRecord(value)) return { environments: [], ignoreRules: [], problems: ['drift settings must be a mapping'] };
  for (const key of Object.keys(value)) {
    if (!['environments', 'ignoreDifferences', 'driftIgnoreRules'].includes(key)) problems.push(`unknown key '${key}' (known: environments, ignoreDifferences, driftIgnoreRules)`);
  }
  const environments: EnvironmentSetting[] = [];
  const list = Array.isArray(value.environments) ? value.environments : [];
  list.forEach((e, i) => {
    if (!isRecord(e) || typeof e.name !== 'string' || typeof e.path !== 'string') {
      problems.push(`environments[${i}] needs a name and a path`);
      return;
    }
    environments.push({
      name: e.name, path: e.path,
      ...(typeof e.context === 'string' ? { context: e.context } : {}),
      ...(typeof e.namespace === 'string' ? { namespace: e.namespace } : {}),
    });
  });
  const ignoreRules = [...readArgoIgnoreDifferences(value.ignoreDifferences, 'settings'), ...readFluxIgnoreRules(value.driftIgnoreRules, 'settings')];
  for (const r of ignoreRules) problems.push(...r.problems);
  return { environments, ignoreRules, problems };
}
