// The real write-back backend of the language server: the planner over a running drift service and the Git
// adapter (simple-git); the extension host opens pull requests. Paths the extension sends are relative to the workspace
// folder; Git wants them relative to the repository's top level (the folder may be inside the repository).
// The planner and the Git adapter are imported on first use: lint never needs them, so start-up does not load them.
import { branchNameFrom } from '../../core/edit/branch-name.js';
import type { WriteBackBackend } from './writeback-backend.js';

const gitAdapter = () => import('../../adapters/git/git-writeback.js');
const planner = () => import('../../adapters/writeback/plan-from-drift.js');

export function createNodeWriteBackBackend(processEnv?: NodeJS.ProcessEnv): WriteBackBackend {
  /** The folder's paths as the repository names them. */
  const inRepository = async (root: string, files: readonly string[]): Promise<string[]> => (await gitAdapter()).repositoryPathsOf(root, files, processEnv);
  return {
    planCodify: async (service, resourceId, options) => (await planner()).planCodifyFromDrift(service, resourceId, options),
    planIntent: async (service, resourceId, options) => (await planner()).planIntentFromDrift(service, resourceId, options),
    preflight: async (request) => (await gitAdapter()).preflightWriteBack({ ...request, files: await inRepository(request.root, request.files) }, processEnv),
    commit: async (request) => (await gitAdapter()).commitOnNewBranch({ ...request, files: await inRepository(request.root, request.files) }, processEnv),
    branchName: (template, subject) =>
      branchNameFrom(template, {
        ...(subject.kind ? { kind: subject.kind } : {}),
        ...(subject.namespace ? { namespace: subject.namespace } : {}),
        ...(subject.name ? { name: subject.name } : {}),
        ...(subject.environment ? { env: subject.environment } : {}),
        ...(subject.field ? { field: subject.field } : {}),
        ...(subject.hash ? { hash: subject.hash } : {}),
        date: new Date(),
      }),
  };
}
