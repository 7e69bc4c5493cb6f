import { readArgoIgnoreDifferences, readFluxIgnoreRules, type IgnoreRule } from '../drift/ignore-rules.js';
import { isRecord } from '../resource/manifest-resource.js';
import { DEFAULT_AGENT_MANAGERS } from '../drift/suggest-action.js';
import type { Environment, EnvironmentSetting } from './environment.js';

/**
 * The user's drift settings (editor settings, or a YAML file for the CLI):
 *   environments: [{name, path, context?, namespace?}]
 *   ignoreDifferences: [...]   # Argo CD dialect
 *   driftIgnoreRules: [...]    # Flux dialect
 *   personTools: [name, prefix-*]   # field managers that are a person's tools, besides the built-in list
 *   countLiveOnlyMetadata: true     # labels/annotations a person added live count as drift
 *   listUnmanaged: true             # the CLI lists live objects in managed namespaces that nothing deploys
 * Unknown keys and malformed entries are reported, the rest still applies.
 */
export interface DriftSettings {
  readonly environments: readonly EnvironmentSetting[];
  readonly ignoreRules: readonly IgnoreRule[];
  readonly personTools: readonly string[];
  readonly countLiveOnlyMetadata: boolean;
  readonly listUnmanaged: boolean;
  readonly problems: readonly string[];
}

const KNOWN_KEYS = ['environments', 'ignoreDifferences', 'driftIgnoreRules', 'personTools', 'countLiveOnlyMetadata', 'listUnmanaged'];

export function parseDriftSettings(value: unknown): DriftSettings {
  const problems: string[] = [];
  const none = { environments: [], ignoreRules: [], personTools: [], countLiveOnlyMetadata: false, listUnmanaged: false };
  if (value === undefined || value === null) return { ...none, problems };
  if (!isRecord(value)) return { ...none, problems: ['drift settings must be a mapping'] };
  for (const key of Object.keys(value)) {
    if (!KNOWN_KEYS.includes(key)) problems.push(`unknown key '${key}' (known: ${KNOWN_KEYS.join(', ')})`);
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
  const personTools: string[] = [];
  if (value.personTools !== undefined) {
    if (Array.isArray(value.personTools) && value.personTools.every((t): t is string => typeof t === 'string' && t !== '')) personTools.push(...value.personTools);
    else problems.push('personTools must be a list of field manager names (a trailing * matches a prefix)');
  }
  for (const flag of ['countLiveOnlyMetadata', 'listUnmanaged']) {
    if (value[flag] !== undefined && typeof value[flag] !== 'boolean') problems.push(`${flag} must be true or false`);
  }
  return { environments, ignoreRules, personTools, countLiveOnlyMetadata: value.countLiveOnlyMetadata === true, listUnmanaged: value.listUnmanaged === true, problems };
}

/**
 * The environment with what settings add to every environment (ignore rules, person tools, metadata
 * counting); without an environment, one for the whole repository when settings say anything, else undefined.
 */
export function withDriftSettings(env: Environment | undefined, settings: DriftSettings): Environment | undefined {
  const says = settings.ignoreRules.length > 0 || settings.personTools.length > 0 || settings.countLiveOnlyMetadata;
  if (!env && !says) return undefined;
  const base: Environment = env ?? { name: '', path: '', forceNamespace: false, detectedFrom: 'settings', ignoreRules: [], agentManagers: DEFAULT_AGENT_MANAGERS };
  return {
    ...base,
    ignoreRules: [...base.ignoreRules, ...settings.ignoreRules],
    ...(settings.personTools.length > 0 ? { personTools: settings.personTools } : {}),
    ...(settings.countLiveOnlyMetadata ? { countLiveOnlyMetadata: true } : {}),
  };
}
