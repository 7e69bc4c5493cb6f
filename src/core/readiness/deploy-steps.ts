// Imperative deploy steps and cluster credentials found in scripts, Makefiles and CI definitions. Text
// patterns: a heuristic, so every step carries the line it was read from.
import type { Range } from '../text/range.js';
import type { TextFile } from './readiness-types.js';

export type StepKind =
  /** `kubectl apply`, `helm install/upgrade`: pushes the declared state. */
  | 'push'
  /** `kubectl create/scale/set/patch/edit/…`: state that lives in no file. */
  | 'mutation'
  /** `kubectl delete`. */
  | 'delete'
  /** Cluster credentials: KUBECONFIG, kube context actions, cloud get-credentials. */
  | 'credentials';

export interface DeployStep {
  readonly kind: StepKind;
  readonly path: string;
  readonly range: Range;
  /** The matched command, trimmed (never the rest of the line: it may hold a token). */
  readonly command: string;
  readonly isCi: boolean;
}

const CI_PATHS: readonly RegExp[] = [
  /^\.github\/workflows\/[^/]+\.ya?ml$/i,
  /(^|\/)\.gitlab-ci\.ya?ml$/i,
  /(^|\/)Jenkinsfile[^/]*$/,
  /(^|\/)azure-pipelines[^/]*\.ya?ml$/i,
  /^\.circleci\/config\.ya?ml$/i,
  /(^|\/)bitbucket-pipelines\.ya?ml$/i,
  /(^|\/)\.drone\.ya?ml$/i,
  /(^|\/)\.travis\.ya?ml$/i,
  /^\.buildkite\/[^/]+\.ya?ml$/i,
  /(^|\/)cloudbuild\.ya?ml$/i,
  /^\.tekton\/[^/]+\.ya?ml$/i,
];
const SCRIPT_PATHS: readonly RegExp[] = [
  /\.(sh|bash|zsh|ps1|mk)$/i,
  /(^|\/)(GNU)?[Mm]akefile$/,
  /(^|\/)[Jj]ustfile$/,
  /(^|\/)Taskfile\.ya?ml$/i,
  /(^|\/)Tiltfile$/,
];

/** CI pipeline definitions: they run on machines outside the cluster. */
export function isCiPath(path: string): boolean {
  return CI_PATHS.some((p) => p.test(path));
}

/** Files the adapter should hand over as text: CI definitions and scripts. */
export function isDeployTextPath(path: string): boolean {
  return isCiPath(path) || SCRIPT_PATHS.some((p) => p.test(path));
}

const KUBECTL = String.raw`(?:kubectl|oc)(?:\s+--?[a-z-]+(?:[=\s]+[^\s-][^\s]*)?)*\s+`;
const PATTERNS: readonly { kind: StepKind; re: RegExp }[] = [
  { kind: 'push', re: new RegExp(String.raw`\b${KUBECTL}(apply|replace)\b`) },
  { kind: 'push', re: /\bhelm(?:file)?\s+(?:[^\n|;&]*\s)?(install|upgrade|sync|apply)\b/ },
  { kind: 'push', re: /\bkustomize\s+build\b[^\n]*\|\s*(?:kubectl|oc)\s+apply\b/ },
  { kind: 'mutation', re: new RegExp(String.raw`\b${KUBECTL}(create|scale|set|patch|edit|label|annotate|expose|run|autoscale|rollout\s+(?:restart|undo))\b`) },
  { kind: 'delete', re: new RegExp(String.raw`\b${KUBECTL}delete\b`) },
  { kind: 'credentials', re: /\bKUBE_?CONFIG|\bKUBE_TOKEN\b|\bkubeconfig\b/i },
  { kind: 'credentials', re: /\b(?:azure\/(?:k8s|aks)-set-context|google-github-actions\/get-gke-credentials|aws-actions\/amazon-eks|tale\/kubectl-action|actions-hub\/kubectl|steebchen\/kubectl|digitalocean\/action-doctl)\b/i },
  { kind: 'credentials', re: /\b(?:container\s+clusters\s+get-credentials|aks\s+get-credentials|eks\s+update-kubeconfig|kubernetes\s+cluster\s+kubeconfig|kubectl\s+config\s+(?:set-credentials|set-cluster|use-context|set-context))\b/ },
];

/** Dry runs, diffs and client-side validation touch no cluster state. */
const HARMLESS = /--dry-run(?:=(?:client|server|true))?\b|\bkubectl\s+diff\b|\bkubeconform\b|\bkubeval\b|--help\b/;

function isComment(line: string, path: string): boolean {
  const t = line.trimStart();
  if (t.startsWith('#')) return true;
  return /Jenkinsfile|\.groovy$/.test(path) && t.startsWith('//');
}

/** CI jobs that make a throwaway cluster to test against (kind, k3d, minikube): their kubectl is no deploy. */
const EPHEMERAL_CLUSTER = /\bkind\s+create\s+cluster\b|\bk3d\s+cluster\s+create\b|\bminikube\s+start\b|\b(?:helm\/kind-action|AbsaOSS\/k3d-action|medyagh\/setup-minikube|nolar\/setup-k3d-k3s)\b/;

export function createsThrowawayCluster(text: string): boolean {
  return EPHEMERAL_CLUSTER.test(text);
}

/**
 * Every deploy step, line by line (one per kind and line: a line that pushes counts once). Files that create
 * a throwaway cluster (kind, k3d, minikube) are tests, not deploys: they yield no step.
 */
export function findDeploySteps(files: readonly TextFile[]): DeployStep[] {
  const out: DeployStep[] = [];
  for (const file of files) {
    if (createsThrowawayCluster(file.text)) continue;
    const isCi = isCiPath(file.path);
    file.text.split(/\r?\n/).forEach((line, n) => {
      if (isComment(line, file.path)) return;
      const seen = new Set<StepKind>();
      for (const { kind, re } of PATTERNS) {
        if (seen.has(kind)) continue;
        const m = re.exec(line);
        if (!m) continue;
        if (kind !== 'credentials' && HARMLESS.test(line)) continue;
        seen.add(kind);
        const start = m.index;
        const end = m.index + m[0].length;
        out.push({ kind, path: file.path, isCi, command: quoteCommand(m[0]), range: { start: { line: n, character: start }, end: { line: n, character: end } } });
      }
    });
  }
  return out;
}

/** Credential flags whose value is masked when a command is quoted (`kubectl --token=… apply`). */
const SECRET_FLAG = /(--(?:token|password|username|client-key|client-certificate|auth-provider-arg)[^\s=]*)(?:=|\s+)\S+/g;

function quoteCommand(matched: string): string {
  return matched.replace(SECRET_FLAG, '$1=…').replace(/\s+/g, ' ').trim();
}

/** The text mentions GitOps (a workflow named "GitOps deploy", a job `gitops:`). */
export function mentionsGitOps(text: string): boolean {
  return /git-?ops/i.test(text);
}
