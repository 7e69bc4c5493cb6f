// The real write-back backend of the language server: the planner over a running drift service and the Git
// adapter (simple-git); the extension host opens pull requests. Paths the extension sends are relative to the workspace
// folder; Git wants them relative to the repository's top level (the folder may be inside the repository).
import { commitOnNewBranch, preflightWriteBack, repositoryPathsOf } from '../../adapters/git/git-writeback.js';
import { planCodifyFromDrift, planIntentFromDrift } from '../../adapters/writeback/plan-from-drift.js';
import { branchNameFrom } from '../../core/edit/branch-name.js';
import type { WriteBackBackend } from './writeback-backend.js';

export function createNodeWriteBackBackend(processEnv?: NodeJS.ProcessEnv): WriteBackBackend {
  /** The folder's paths as the repository names them. */
  const inRepository = (root: string, files: readonly string[]): Promise<string[]> => repositoryPathsOf(root, files, processEnv);
  return {
    planCodify: (service, resourceId, options) => planCodifyFromDrift(service, resourceId, options),
    planIntent: (service, resourceId, options) => planIntentFromDrift(service, resourceId, options),
    preflight: async (request) => preflightWriteBack({ ...request, files: await inRepository(request.root, request.files) }, processEnv),
    commit: async (request) => commitOnNewBranch({ ...request, files: await inRepository(request.root, request.files) }, processEnv),
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
