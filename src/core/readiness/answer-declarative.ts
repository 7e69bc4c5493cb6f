// Principle 1: "A system managed by GitOps must have its desired state expressed declaratively."
import { resourceEvidence } from './gitops-agents.js';
import { findingEvidence, stepEvidence, type ReadinessFacts } from './readiness-facts.js';
import type { Evidence, QuestionAnswer } from './readiness-types.js';
import { capEvidence as cap } from './cap-evidence.js';

/** The first five manifest files, then how many more there are. */
function manifestsEvidence(facts: ReadinessFacts): Evidence[] {
  const more = facts.manifestPaths.length - 5;
  return [...facts.manifestPaths.slice(0, 5).map((path) => {
    const first = facts.objects.find((r) => r.file.path === path);
    return first ? resourceEvidence(first, `${facts.objects.filter((r) => r.file.path === path).length} object(s) declared here`) : { path, note: 'manifest' };
  }), ...(more > 0 ? [{ note: `… and ${more} more manifest file(s)` }] : [])];
}

export function answerDeclarative(facts: ReadinessFacts): QuestionAnswer[] {
  const principle = 'declarative' as const;
  const mutations = facts.steps.filter((s) => s.kind === 'mutation' || s.kind === 'delete');
  const pushes = facts.steps.filter((s) => s.kind === 'push');
  const imperative = facts.steps.filter((s) => s.kind !== 'credentials');
  const hasObjects = facts.objects.length > 0;

  const inYaml: QuestionAnswer = !hasObjects
    ? { id: 'declarative.desired-state', principle, question: 'Is the desired state in declarative YAML/config?', answer: 'No', verdict: 'unmet', confidence: 'certain',
      summary: 'No Kubernetes manifest in the repository: the desired state lives elsewhere (scripts, a terminal, the cluster).',
      evidence: cap(mutations.map((s) => stepEvidence(s, 'state set by a command'))),
      remedy: { text: 'Export the running objects as manifests (`kubectl get -o yaml`, cleaned of status and defaults) and commit them.', effort: 'hard' } }
    : mutations.length > 0
      ? { id: 'declarative.desired-state', principle, question: 'Is the desired state in declarative YAML/config?', answer: 'Partial', verdict: 'partial', confidence: 'medium',
        summary: `${facts.objects.length} object(s) are declared in ${facts.manifestPaths.length} file(s), but ${mutations.length} command(s) set state no manifest holds.`,
        evidence: cap([...manifestsEvidence(facts), ...mutations.map((s) => stepEvidence(s, 'state set by a command'))]),
        remedy: { text: 'Move what the commands set (replicas, images, labels) into the manifests and delete the commands.', effort: 'quick' } }
      : { id: 'declarative.desired-state', principle, question: 'Is the desired state in declarative YAML/config?', answer: 'Yes', verdict: 'met', confidence: 'high',
        summary: `${facts.objects.length} object(s) are declared in ${facts.manifestPaths.length} file(s), and no script sets state of its own.`,
        evidence: manifestsEvidence(facts) };

  const steps: QuestionAnswer = imperative.length > 0
    ? { id: 'declarative.imperative-steps', principle, question: 'Are there imperative scripts in the deploy process?', answer: 'Yes', verdict: 'unmet', confidence: 'medium',
      summary: `${imperative.length} imperative step(s) (kubectl/helm commands) in ${new Set(imperative.map((s) => s.path)).size} script or CI file(s).`,
      evidence: cap(imperative.map((s) => stepEvidence(s, s.isCi ? 'CI step' : 'script step'))),
      remedy: { text: 'Let the GitOps agent apply the manifests; keep CI to build, test and commit (image tag updates), and delete the kubectl/helm steps.', effort: pushes.some((s) => s.isCi) ? 'hard' : 'quick' } }
    : { id: 'declarative.imperative-steps', principle, question: 'Are there imperative scripts in the deploy process?', answer: 'No', verdict: 'met', confidence: facts.input.textFiles.length > 0 ? 'medium' : 'low',
      summary: facts.input.textFiles.length > 0 ? `None of the ${facts.input.textFiles.length} script/CI file(s) runs kubectl or helm against a cluster.` : 'No script, Makefile or CI definition in the repository.',
      evidence: [] };

  const missing = [
    ...facts.missingReferences.map(findingEvidence),
    ...facts.undeclaredCustomKinds.map((r) => resourceEvidence(r, `${r.kind} '${r.name}' needs a CustomResourceDefinition declared nowhere here`)),
  ];
  const recreate: QuestionAnswer = !hasObjects
    ? { id: 'declarative.recreate', principle, question: 'Could someone recreate the deployment from config alone?', answer: 'No', verdict: 'unmet', confidence: 'certain',
      summary: 'Nothing is declared: recreating the deployment means replaying the scripts.', evidence: [],
      remedy: { text: 'Declare every object the application needs (workloads, Services, ConfigMaps, Secrets as SealedSecrets or ExternalSecrets).', effort: 'hard' } }
    : facts.missingReferences.length > 0
      ? { id: 'declarative.recreate', principle, question: 'Could someone recreate the deployment from config alone?', answer: 'No', verdict: 'unmet', confidence: 'high',
        summary: `${facts.missingReferences.length} referenced object(s) are declared nowhere in the repository: a fresh cluster would lack them.`,
        evidence: cap(missing),
        remedy: { text: 'Declare each missing ConfigMap, Secret (sealed or external), ServiceAccount and PVC, or mark the reference `optional: true`.', effort: 'quick' } }
      : mutations.length > 0
        ? { id: 'declarative.recreate', principle, question: 'Could someone recreate the deployment from config alone?', answer: 'Partial', verdict: 'partial', confidence: 'medium',
          summary: 'Every reference resolves, but commands change state afterwards: a rebuild would differ.',
          evidence: cap([...missing, ...mutations.map((s) => stepEvidence(s, 'state set by a command'))]),
          remedy: { text: 'Move what the commands set (replicas, images, labels) into the manifests.', effort: 'quick' } }
        : { id: 'declarative.recreate', principle, question: 'Could someone recreate the deployment from config alone?', answer: 'Yes', verdict: 'met', confidence: missing.length > 0 ? 'low' : 'medium',
          summary: missing.length > 0
            ? `Every ConfigMap, Secret, ServiceAccount and PVC the workloads reference is declared; ${missing.length} custom resource(s) need a CRD installed from elsewhere (the agent's bootstrap, a controller's chart).`
            : 'Every ConfigMap, Secret, ServiceAccount, PVC and Service the workloads reference is declared (or generated) in the repository.',
          evidence: cap(missing) };

  return [inYaml, steps, recreate];
}
