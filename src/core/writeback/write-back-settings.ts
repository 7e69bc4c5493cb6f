// The `writeBack:` section of `.gitops-authoring.yaml` (the editor has the same settings as VS Code settings):
//   writeBack:
//     branchTemplate: gitops/codify-{kind}-{name}-{date}
//     forges:                      # host → provider; github.com and gitlab.com are known
//       ghe.corp.example: { provider: github, apiBase: https://ghe.corp.example/api/v3 }
//       git.corp.example: { provider: gitlab }
import { isRecord } from '../resource/manifest-resource.js';
import { DEFAULT_BRANCH_TEMPLATE } from '../edit/branch-name.js';
import type { ForgeSetting, ForgeSettings } from './pull-request-target.js';

export interface WriteBackSettings {
  readonly branchTemplate: string;
  readonly forges: ForgeSettings;
  /** Human-readable problems; the rest still applies. */
  readonly problems: readonly string[];
}

export function parseWriteBackSettings(raw: unknown): WriteBackSettings {
  const problems: string[] = [];
  let branchTemplate = DEFAULT_BRANCH_TEMPLATE;
  const forges: Record<string, ForgeSetting> = {};
  if (raw === undefined || raw === null) return { branchTemplate, forges, problems };
  if (!isRecord(raw)) return { branchTemplate, forges, problems: ['writeBack: expected a mapping'] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'branchTemplate') {
      if (typeof value === 'string' && value.trim() !== '') branchTemplate = value.trim();
      else problems.push('writeBack.branchTemplate: expected a text such as gitops/codify-{kind}-{name}-{date}');
    } else if (key === 'forges') {
      if (!isRecord(value)) {
        problems.push('writeBack.forges: expected a mapping of host → { provider: github|gitlab, apiBase? }');
        continue;
      }
      for (const [host, forge] of Object.entries(value)) {
        const provider = isRecord(forge) ? forge.provider : undefined;
        const apiBase = isRecord(forge) ? forge.apiBase : undefined;
        if (provider !== 'github' && provider !== 'gitlab') problems.push(`writeBack.forges.${host}.provider: expected github or gitlab`);
        else if (apiBase !== undefined && (typeof apiBase !== 'string' || !/^https?:\/\/[^\s]+$/.test(apiBase))) problems.push(`writeBack.forges.${host}.apiBase: expected an http(s) URL`);
        else forges[host.toLowerCase()] = { provider, ...(typeof apiBase === 'string' ? { apiBase } : {}) };
      }
    } else problems.push(`writeBack: unknown key '${key}' (known: branchTemplate, forges)`);
  }
  return { branchTemplate, forges, problems };
}
