import { readConfigFileText } from './read-config-file.js';
import type { Severity } from '../findings/finding.js';
import { isRecord } from '../resource/manifest-resource.js';
import { globToRegExp } from './glob.js';

export const CONFIG_FILE_NAME = '.gitops-authoring.yaml';
export const DEFAULT_KUBERNETES_VERSION = '1.36';
export const SUPPORTED_KUBERNETES_VERSIONS = ['1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36'] as const;

export type RuleSetting = Severity | 'off';

/** The repository's lint configuration (`.gitops-authoring.yaml`), merged over editor or CLI settings. */
export interface LintConfig {
  readonly kubernetesVersion: string;
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly ruleOptions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly ignorePaths: readonly string[];
}

export const DEFAULT_LINT_CONFIG: LintConfig = {
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  rules: {},
  ruleOptions: {},
  ignorePaths: [],
};

const SETTINGS = new Set<RuleSetting>(['error', 'warning', 'info', 'hint', 'off']);

export interface ParsedConfig {
  readonly config: LintConfig;
  /** Human-readable problems (unknown keys, bad values); the rest of the file still applies. */
  readonly problems: readonly string[];
}

/** Reads a config file's text. Unknown or malformed entries are reported, never fatal. */
export function parseLintConfig(text: string, base: LintConfig = DEFAULT_LINT_CONFIG): ParsedConfig {
  const problems: string[] = [];
  const read = readConfigFileText(CONFIG_FILE_NAME, text);
  if ('problem' in read) return { config: base, problems: [read.problem] };
  const raw = read.value;
  if (raw === null || raw === undefined) return { config: base, problems };
  if (!isRecord(raw)) return { config: base, problems: ['expected a mapping at the top level'] };
  return mergeLintConfig(base, raw, problems);
}

/** Merges a plain settings object (from the config file or the editor) over a base config. */
export function mergeLintConfig(base: LintConfig, raw: Record<string, unknown>, problems: string[] = []): ParsedConfig {
  let kubernetesVersion = base.kubernetesVersion;
  const rules: Record<string, RuleSetting> = { ...base.rules };
  const ruleOptions: Record<string, Record<string, unknown>> = { ...base.ruleOptions };
  let ignorePaths = [...base.ignorePaths];

  for (const [key, value] of Object.entries(raw)) {
    if (key === 'kubernetesVersion') {
      const v = normalizeKubernetesVersion(value);
      if (v) kubernetesVersion = v;
      else problems.push(`kubernetesVersion: '${String(value)}' is not one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`);
    } else if (key === 'rules') {
      if (!isRecord(value)) { problems.push('rules: expected a mapping of rule id to severity'); continue; }
      for (const [id, setting] of Object.entries(value)) {
        // YAML 1.1 (how the file is read, as Kubernetes reads YAML) makes an unquoted `off` the boolean false.
        if (setting === false) rules[id] = 'off';
        else if (typeof setting === 'string' && SETTINGS.has(setting as RuleSetting)) rules[id] = setting as RuleSetting;
        else if (isRecord(setting)) {
          const { severity, ...options } = setting;
          if (severity === false) rules[id] = 'off';
          else if (severity !== undefined) {
            if (typeof severity === 'string' && SETTINGS.has(severity as RuleSetting)) rules[id] = severity as RuleSetting;
            else problems.push(`rules.${id}.severity: expected one of ${[...SETTINGS].join(', ')}`);
          }
          ruleOptions[id] = { ...ruleOptions[id], ...options };
        } else problems.push(`rules.${id}: expected one of ${[...SETTINGS].join(', ')} or a mapping`);
      }
    } else if (key === 'ignorePaths') {
      if (Array.isArray(value) && value.every((v) => typeof v === 'string')) ignorePaths = [...ignorePaths, ...(value as string[])];
      else problems.push('ignorePaths: expected a list of glob patterns');
    } else if (key === 'drift' || key === 'writeBack') {
      // Read by `gitops-authoring drift` (environments, ignore rules) and `codify` (branch names, forges); not lint settings.
    } else {
      problems.push(`unknown key '${key}' (known: kubernetesVersion, rules, ignorePaths, drift, writeBack)`);
    }
  }
  return { config: { kubernetesVersion, rules, ruleOptions, ignorePaths }, problems };
}

export function normalizeKubernetesVersion(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const m = /^v?(\d+)\.(\d+)/.exec(String(value));
  if (!m) return undefined;
  const v = `${m[1]}.${m[2]}`;
  return (SUPPORTED_KUBERNETES_VERSIONS as readonly string[]).includes(v) ? v : undefined;
}

export function ignoredPathMatchers(config: LintConfig): RegExp[] {
  return config.ignorePaths.map(globToRegExp);
}
