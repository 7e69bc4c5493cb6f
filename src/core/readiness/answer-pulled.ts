// Principle 3: "Software agents automatically pull the desired state declarations from the source."
import { capEvidence } from './cap-evidence.js';
import { unitEvidence, type AgentUnit } from './gitops-agents.js';
import { stepEvidence, type ReadinessFacts } from './readiness-facts.js';
import type { Evidence, QuestionAnswer } from './readiness-types.js';

function describeUnit(unit: AgentUnit): string {
  const what = unit.tool === 'flux' ? `Flux ${unit.resource.kind}` : `Argo CD ${unit.resource.kind}`;
  return `${what} '${unit.resource.name}' pulls ${unit.path !== undefined ? `'${unit.path || '.'}'` : 'a chart'}${unit.sourceUrl ? ` from ${unit.sourceUrl}` : ''}`;
}

export function unitsEvidence(units: readonly AgentUnit[]): Evidence[] {
  return capEvidence(units.map((u) => unitEvidence(u, [], describeUnit(u))));
}

export function answerPulled(facts: ReadinessFacts): QuestionAnswer[] {
  const principle = 'pulled' as const;
  const own = facts.ownUnits;
  const others = facts.units.filter((u) => !own.includes(u));
  const hasAgent = own.length > 0;

  const agent: QuestionAnswer = hasAgent
    ? { id: 'pulled.agent', principle, question: 'Does an agent pull from Git?', answer: 'Yes', verdict: 'met', confidence: 'high',
      summary: `${own.length} agent unit(s) pull this repository.`, evidence: unitsEvidence(own) }
    : others.length > 0
      ? { id: 'pulled.agent', principle, question: 'Does an agent pull from Git?', answer: 'Partial', verdict: 'partial', confidence: 'medium',
        summary: `${others.length} agent unit(s) are declared, but none pulls this repository (another source or a chart).`, evidence: unitsEvidence(others),
        remedy: { text: 'Point a Flux Kustomization (GitRepository source) or an Argo CD Application at this repository\'s paths.', effort: 'quick' } }
      : { id: 'pulled.agent', principle, question: 'Does an agent pull from Git?', answer: 'No', verdict: 'unmet', confidence: 'high',
        summary: 'No Flux Kustomization/HelmRelease or Argo CD Application in the repository.', evidence: [],
        remedy: { text: 'Install a GitOps agent in the cluster (`flux bootstrap git …`, or Argo CD with an Application per environment) and commit its configuration here.', effort: 'hard' } };

  const pushes = facts.steps.filter((s) => s.kind === 'push' || s.kind === 'mutation' || s.kind === 'delete');
  const ciPushes = pushes.filter((s) => s.isCi);
  const scriptPushes = pushes.filter((s) => !s.isCi);
  const pushOrPull: QuestionAnswer = ciPushes.length > 0
    ? { id: 'pulled.push-or-pull', principle, question: 'Or does CI/CD push to cluster?', answer: 'Push', verdict: 'unmet', confidence: 'medium',
      summary: `CI applies to the cluster in ${ciPushes.length} step(s)${hasAgent ? ', next to the agent: two writers' : ''}.`,
      evidence: capEvidence(ciPushes.map((s) => stepEvidence(s, 'CI pushes'))),
      remedy: { text: 'Make CI commit the new image tag (or let an image automation do it) and let the agent pull; remove the kubectl/helm steps from CI.', effort: 'hard' } }
    : !hasAgent
      ? { id: 'pulled.push-or-pull', principle, question: 'Or does CI/CD push to cluster?', answer: 'Push', verdict: 'unmet', confidence: scriptPushes.length > 0 ? 'medium' : 'low',
        summary: scriptPushes.length > 0 ? `Nothing pulls; ${scriptPushes.length} script step(s) push by hand.` : 'Nothing pulls: whatever deploys pushes from outside the cluster.',
        evidence: capEvidence(scriptPushes.map((s) => stepEvidence(s, 'pushes by hand'))),
        remedy: { text: 'Let an in-cluster agent pull this repository.', effort: 'hard' } }
      : scriptPushes.length > 0
        ? { id: 'pulled.push-or-pull', principle, question: 'Or does CI/CD push to cluster?', answer: 'Partial', verdict: 'partial', confidence: 'medium',
          summary: `The agent pulls, but ${scriptPushes.length} script step(s) still push by hand.`,
          evidence: capEvidence(scriptPushes.map((s) => stepEvidence(s, 'pushes by hand'))),
          remedy: { text: 'Delete the scripts that apply by hand: the agent applies what is merged.', effort: 'quick' } }
        : { id: 'pulled.push-or-pull', principle, question: 'Or does CI/CD push to cluster?', answer: 'Pull', verdict: 'met', confidence: 'medium',
          summary: 'No CI step or script applies to the cluster; the agent pulls.', evidence: [] };

  const credentials = facts.steps.filter((s) => s.kind === 'credentials');
  const ciCredentials = credentials.filter((s) => s.isCi);
  const kubeconfigs = facts.input.index.resources.filter((r) => r.kind === 'Config' && r.apiVersion === 'v1' && 'clusters' in r.object);
  const external = [...ciCredentials.map((s) => stepEvidence(s, 'CI holds cluster credentials')), ...kubeconfigs.map((r) => ({ path: r.file.path, note: 'a kubeconfig committed to the repository' }))];
  const scriptCredentials = credentials.filter((s) => !s.isCi);
  const who: QuestionAnswer = external.length > 0
    ? { id: 'pulled.credentials', principle, question: 'Who has cluster credentials?', answer: 'External systems', verdict: 'unmet', confidence: 'medium',
      summary: `${external.length} place(s) give a system outside the cluster credentials to it.`, evidence: capEvidence(external),
      remedy: { text: 'Remove the kubeconfig/cloud credentials from CI secrets and the repository once the agent deploys; the agent only needs read access to Git.', effort: 'hard' } }
    : !hasAgent
      ? { id: 'pulled.credentials', principle, question: 'Who has cluster credentials?', answer: 'External systems', verdict: 'unmet', confidence: 'low',
        summary: 'Nothing in the cluster pulls, so whoever deploys holds credentials to it.', evidence: capEvidence(scriptCredentials.map((s) => stepEvidence(s, 'uses cluster credentials'))),
        remedy: { text: 'Let an in-cluster agent deploy, then take cluster write access away from people and pipelines.', effort: 'hard' } }
      : scriptCredentials.length > 0
        ? { id: 'pulled.credentials', principle, question: 'Who has cluster credentials?', answer: 'Partial', verdict: 'partial', confidence: 'low',
          summary: `Scripts still fetch cluster credentials in ${scriptCredentials.length} place(s).`, evidence: capEvidence(scriptCredentials.map((s) => stepEvidence(s, 'uses cluster credentials'))),
          remedy: { text: 'Keep scripts to read-only access (or none); changes go through Git.', effort: 'quick' } }
        : { id: 'pulled.credentials', principle, question: 'Who has cluster credentials?', answer: 'Only in-cluster', verdict: 'met', confidence: 'medium',
          summary: 'No CI definition or script handles cluster credentials; the agent runs in the cluster.', evidence: [] };

  return [agent, pushOrPull, who];
}
