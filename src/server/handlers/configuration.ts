// Settings per resource (`workspace/configuration` with the document as scope), merged under the repository's
// `.gitops-authoring.yaml`: the repository file wins over user and workspace settings.
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME, DEFAULT_LINT_CONFIG, mergeLintConfig, parseLintConfig, type LintConfig } from '../../core/config/lint-config.js';
import { normalizeSettings, SETTINGS_SECTION, type GitOpsAuthoringSettings } from '../../protocol/settings.js';
import type { WorkspaceSource } from '../workspace-source.js';

export class ConfigurationService {
  private readonly byUri = new Map<string, Promise<LintConfig>>();
  private repoText: string | undefined;
  private repoTextLoaded = false;
  /** Settings pushed with `workspace/didChangeConfiguration`, for clients that cannot be asked. */
  private pushed: GitOpsAuthoringSettings = normalizeSettings({});

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    private readonly source: WorkspaceSource,
    private readonly root: string | undefined,
  ) {}

  configFor(uri: string): Promise<LintConfig> {
    let config = this.byUri.get(uri);
    if (!config) {
      config = this.settingsFor(uri).then((settings) => this.merge(settings));
      this.byUri.set(uri, config);
    }
    return config;
  }

  /** `workspace/didChangeConfiguration`: forget every cached answer (and keep pushed settings, if any). */
  settingsChanged(pushedSettings: unknown): void {
    if (pushedSettings && typeof pushedSettings === 'object' && SETTINGS_SECTION in pushedSettings) {
      this.pushed = normalizeSettings((pushedSettings as Record<string, unknown>)[SETTINGS_SECTION]);
    }
    this.byUri.clear();
  }

  /** The repository config file changed on disk. */
  repoConfigChanged(): void {
    this.repoTextLoaded = false;
    this.byUri.clear();
  }

  forget(uri: string): void {
    this.byUri.delete(uri);
  }

  private async settingsFor(uri: string): Promise<GitOpsAuthoringSettings> {
    if (!this.canPull) return this.pushed;
    try {
      const [raw] = await this.connection.workspace.getConfiguration([{ scopeUri: uri, section: SETTINGS_SECTION }]);
      return normalizeSettings(raw);
    } catch {
      return this.pushed; // a client that fails the request still gets linted with what we know
    }
  }

  private merge(settings: GitOpsAuthoringSettings): LintConfig {
    const problems: string[] = [];
    const rules: Record<string, string> = { ...settings.rules };
    for (const id of settings.disabledRules) rules[id] = 'off';
    const raw: Record<string, unknown> = { rules, ignorePaths: settings.ignorePaths };
    if (settings.kubernetesVersion) raw.kubernetesVersion = settings.kubernetesVersion;
    const fromSettings = mergeLintConfig(DEFAULT_LINT_CONFIG, raw, problems).config;
    const repoText = this.readRepoConfig();
    const repo = repoText === undefined ? undefined : parseLintConfig(repoText, fromSettings);
    for (const problem of problems) this.connection.console.warn(`settings: ${problem}`);
    for (const problem of repo?.problems ?? []) this.connection.console.warn(`${CONFIG_FILE_NAME}: ${problem}`);
    return repo ? repo.config : fromSettings;
  }

  private readRepoConfig(): string | undefined {
    if (!this.repoTextLoaded) {
      this.repoText = this.root ? this.source.readText(this.root, CONFIG_FILE_NAME) : undefined;
      this.repoTextLoaded = true;
    }
    return this.repoText;
  }
}
