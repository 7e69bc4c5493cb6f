// The extension's settings as the server reads them (`workspace/configuration`, section `gitopsAuthoring`,
// resource scope). Declared once; package.json `contributes.configuration` mirrors it (a test checks that).

/** Severity names as settings and `.gitops-authoring.yaml` spell them; `off` disables a rule. */
export type RuleSeveritySetting = 'error' | 'warning' | 'info' | 'hint' | 'off';

export const SETTINGS_SECTION = 'gitopsAuthoring';

export interface GitOpsAuthoringSettings {
  /** Kubernetes minor version to validate against (`1.33`); empty means the repository's or the default. */
  readonly kubernetesVersion: string;
  /** Per-rule severity overrides: rule id → severity. */
  readonly rules: Readonly<Record<string, RuleSeveritySetting>>;
  /** Rule ids to turn off (shorthand for `rules: { id: off }`). */
  readonly disabledRules: readonly string[];
  /** Glob patterns (repository-relative) of files that are never linted. */
  readonly ignorePaths: readonly string[];
}

export const DEFAULT_SETTINGS: GitOpsAuthoringSettings = {
  kubernetesVersion: '',
  rules: {},
  disabledRules: [],
  ignorePaths: [],
};

/** Setting keys under the section, as package.json declares them (`gitopsAuthoring.<key>`). */
export const SETTING_KEYS = ['kubernetesVersion', 'rules', 'disabledRules', 'ignorePaths'] as const satisfies readonly (keyof GitOpsAuthoringSettings)[];

const SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint', 'off']);

/** Reads whatever the client sent (possibly partial, possibly wrong types) into well-formed settings. */
export function normalizeSettings(raw: unknown): GitOpsAuthoringSettings {
  const record = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const rules: Record<string, RuleSeveritySetting> = {};
  if (typeof record.rules === 'object' && record.rules !== null && !Array.isArray(record.rules)) {
    for (const [id, value] of Object.entries(record.rules as Record<string, unknown>)) {
      if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as RuleSeveritySetting;
    }
  }
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : []);
  return {
    kubernetesVersion: typeof record.kubernetesVersion === 'string' ? record.kubernetesVersion.trim() : '',
    rules,
    disabledRules: strings(record.disabledRules),
    ignorePaths: strings(record.ignorePaths),
  };
}
