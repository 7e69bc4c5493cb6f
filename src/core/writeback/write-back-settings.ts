// The `writeBack:` section of `.gitops-authoring.yaml` (the editor has the same settings as VS Code settings):
//   writeBack:
//     branchTemplate: gitops/codify-{kind}-{name}-{hash}
// Where a pull request is opened (the forge's API URL, which receives the user's token) is never read from a
// repository file: a cloned repository could send the token anywhere. It comes from the user (CLI `--pr` and
// `--api-url`, the environment, the editor's user settings).
import { isRecord } from '../resource/manifest-resource.js';
import { DEFAULT_BRANCH_TEMPLATE } from '../edit/branch-name.js';

export interface WriteBackSettings {
  readonly branchTemplate: string;
  /** Human-readable problems; the rest still applies. */
  readonly problems: readonly string[];
}

export const FORGES_IN_REPOSITORY_PROBLEM =
  'writeBack.forges: ignored: a repository file may not choose where your token is sent; use --pr github|gitlab with --api-url URL (or GITHUB_API_URL / GITLAB_API_URL)';

export function parseWriteBackSettings(raw: unknown): WriteBackSettings {
  const problems: string[] = [];
  let branchTemplate = DEFAULT_BRANCH_TEMPLATE;
  if (raw === undefined || raw === null) return { branchTemplate, problems };
  if (!isRecord(raw)) return { branchTemplate, problems: ['writeBack: expected a mapping'] };
  for (const [key, value] of Object.entries(raw)) {
    if (key === 'branchTemplate') {
      if (typeof value === 'string' && value.trim() !== '') branchTemplate = value.trim();
      else problems.push(`writeBack.branchTemplate: expected a text such as ${DEFAULT_BRANCH_TEMPLATE}`);
    } else if (key === 'forges') problems.push(FORGES_IN_REPOSITORY_PROBLEM);
    else problems.push(`writeBack: unknown key '${key}' (known: branchTemplate)`);
  }
  return { branchTemplate, problems };
}
