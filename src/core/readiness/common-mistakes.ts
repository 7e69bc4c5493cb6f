// The course's common mistakes, found in the repository: secrets in Git, branch-per-environment, a push
// pipeline called GitOps, no drift alerts, one giant unsplit repository.
import { ALERTS_REMEDY } from './answer-reconciled.js';
import { capEvidence } from './cap-evidence.js';
import { unitEvidence } from './gitops-agents.js';
import { findingEvidence, stepEvidence, type ReadinessFacts } from './readiness-facts.js';
import { mentionsGitOps } from './deploy-steps.js';
import type { Evidence, MistakeFinding } from './readiness-types.js';

const ENVIRONMENT_BRANCH = /^(?:.*\/)?(dev|develop|development|test|testing|qa|uat|stage|staging|preprod|pre-prod|prod|production|live|sandbox)$/i;

/** Branch names that name an environment (`staging`, `origin/prod`): the adapter reads their file lists. */
export function isEnvironmentBranchName(name: string): boolean {
  return ENVIRONMENT_BRANCH.test(name);
}

/** Thresholds for "one giant unsplit repository": objects applied by one unit, or in the whole repository. */
export const GIANT_UNIT_OBJECTS = 500;
export const GIANT_REPOSITORY_OBJECTS = 3000;

export function findMistakes(facts: ReadinessFacts): MistakeFinding[] {
  const out: MistakeFinding[] = [];
  if (facts.plaintextSecrets.length > 0) {
    out.push({
      id: 'secrets-in-git', title: 'Secrets stored in Git', confidence: 'high',
      message: `${facts.plaintextSecrets.length} plaintext Secret value(s) are committed (base64 is not encryption).`,
      evidence: capEvidence(facts.plaintextSecrets.map(findingEvidence)),
      remedy: { text: 'Replace them with SealedSecrets, ExternalSecrets or SOPS-encrypted files, and rotate the values: they stay in the history.', effort: 'hard' },
    });
  }

  const git = facts.input.git;
  if (git) {
    const head = new Set(git.trackedPaths.filter((p) => facts.manifestPaths.includes(p)));
    const branches = git.branches.filter((b) => isEnvironmentBranchName(b.name) && b.paths !== undefined);
    const overlapping = branches.filter((b) => {
      if (head.size === 0) return false;
      const shared = (b.paths ?? []).filter((p) => head.has(p)).length;
      return shared / head.size >= 0.5;
    });
    const envNames = new Set(overlapping.map((b) => b.name.replace(/^.*\//, '').toLowerCase()));
    if (envNames.size >= 2 || (envNames.size === 1 && git.currentBranch !== undefined && isEnvironmentBranchName(git.currentBranch))) {
      out.push({
        id: 'branch-per-environment', title: 'Branch-per-environment', confidence: 'medium',
        message: `Branches ${overlapping.map((b) => `'${b.name}'`).join(', ')} hold the same manifest paths: environments live on branches, so promotion means merging.`,
        evidence: overlapping.map((b) => ({ note: `branch '${b.name}' holds ${(b.paths ?? []).filter((p) => head.has(p)).length} of the ${head.size} manifest paths of ${git.currentBranch ?? 'HEAD'}` })),
        remedy: { text: 'Use one branch with a directory per environment (kustomize overlays: `overlays/staging`, `overlays/production`), each pulled by its own agent unit.', effort: 'hard' },
      });
    }
  }

  const ciPushes = facts.steps.filter((s) => s.isCi && (s.kind === 'push' || s.kind === 'mutation'));
  const calledGitOps = ciPushes.filter((s) => mentionsGitOps(s.path) || mentionsGitOps(facts.input.textFiles.find((f) => f.path === s.path)?.text ?? ''));
  if (calledGitOps.length > 0) {
    out.push({
      id: 'push-pipeline-called-gitops', title: 'Push pipeline called GitOps', confidence: 'medium',
      message: `${new Set(calledGitOps.map((s) => s.path)).size} CI pipeline(s) named GitOps push to the cluster with kubectl/helm: no agent reconciles what they apply.`,
      evidence: capEvidence(calledGitOps.map((s) => stepEvidence(s, 'pushes'))),
      remedy: { text: 'True GitOps is pull-based: let CI update Git and an in-cluster agent apply it.', effort: 'hard' },
    });
  }

  if (facts.alerts.length === 0 && facts.objects.length > 0) {
    out.push({
      id: 'no-drift-alerts', title: 'No drift detection alerts', confidence: 'high',
      message: facts.units.length > 0 ? 'The agent is configured without alerts: nobody hears about drift or failed reconciliations.' : 'Nothing detects drift, and nothing would alert.',
      evidence: facts.units.slice(0, 5).map((u) => unitEvidence(u, [], `${u.resource.kind} '${u.resource.name}' has no Alert`)),
      remedy: { text: ALERTS_REMEDY, effort: 'quick' },
    });
  }

  const bigUnits = facts.ownUnits.filter((u) => u.path !== undefined && countUnder(facts, u.path) >= GIANT_UNIT_OBJECTS);
  if (bigUnits.length > 0 || facts.objects.length >= GIANT_REPOSITORY_OBJECTS) {
    const evidence: Evidence[] = bigUnits.map((u) => unitEvidence(u, ['spec'], `${u.resource.kind} '${u.resource.name}' applies ${countUnder(facts, u.path ?? '')} objects from '${u.path || '.'}'`));
    out.push({
      id: 'giant-repository', title: 'One giant unsplit repository', confidence: 'low',
      message: `${facts.objects.length} objects in ${facts.manifestPaths.length} files${bigUnits.length > 0 ? `; ${bigUnits.length} unit(s) apply ${GIANT_UNIT_OBJECTS}+ objects at once` : ''}: slow syncs and coupled changes.`,
      evidence: evidence.length > 0 ? evidence : [{ note: `${facts.objects.length} objects declared` }],
      remedy: { text: 'Split into smaller units (one Kustomization/Application per app and environment), or into repositories per team.', effort: 'hard' },
    });
  }
  return out;
}

function countUnder(facts: ReadinessFacts, dir: string): number {
  return dir === '' ? facts.objects.length : facts.objects.filter((r) => r.file.path.startsWith(`${dir}/`)).length;
}
