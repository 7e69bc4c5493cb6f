// The real write-back backend of the language server: the planner over a running drift service, the Git
// adapter (simple-git) and the pull-request adapters. Paths the extension sends are relative to the workspace
// folder; Git wants them relative to the repository's top level (the folder may be inside the repository).
import { commitOnNewBranch, preflightWriteBack, repositoryPathsOf } from '../../adapters/git/git-writeback.js';
import { openPullRequest } from '../../adapters/pr/open-pull-request.js';
import { planCodifyFromDrift, planIntentFromDrift } from '../../adapters/writeback/plan-from-drift.js';
import { branchNameFrom } from '../../core/edit/branch-name.js';
import { choosePullRequestTarget } from '../../core/writeback/pull-request-target.js';
import { parseRemoteUrl } from '../../core/writeback/remote-url.js';
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
        date: new Date(),
      }),
    openPullRequest: async (order) => {
      const repository = parseRemoteUrl(order.remoteUrl);
      if (!repository) throw new Error(`the remote ${order.remoteUrl} is not a hosted repository: open the pull request by hand`);
      const forges = order.apiUrl ? { [repository.host]: { provider: order.provider, apiBase: order.apiUrl } } : {};
      const target = choosePullRequestTarget(repository, order.base, order.head, forges, order.provider);
      const outcome = await openPullRequest({ target, branch: order.head, base: order.base, text: { title: order.title, body: order.body }, token: order.token });
      if (outcome.kind === 'compare') throw new Error(outcome.reason);
      return { url: outcome.url ?? target.compareUrl };
    },
    compareUrl: (remoteUrl, base, head) => {
      const repository = parseRemoteUrl(remoteUrl);
      return repository ? choosePullRequestTarget(repository, base, head).compareUrl : undefined;
    },
  };
}
