// Who is a person at a keyboard: the field managers of the tools people use to change a cluster by hand.
// A field such a manager owns that Git does not declare is a change a person made live (drift); fields other
// managers own (controllers, webhooks, the GitOps agent) are theirs to keep. Settings add names
// (`drift.personTools` in .gitops-authoring.yaml).

/**
 * The built-in list. `kubectl-*` stands for every kubectl subcommand's manager (`kubectl-edit`,
 * `kubectl-patch`, `kubectl-set`, `kubectl-create`, `kubectl-label`, `kubectl-annotate`, `kubectl-rollout`,
 * `kubectl-client-side-apply`, …); browsers record the User-Agent's product (`Mozilla`).
 */
export const DEFAULT_PERSON_TOOLS: readonly string[] = [
  'kubectl', 'kubectl-*', 'oc', 'k9s', 'lens', 'OpenLens', 'headlamp', 'kubernetes-dashboard', 'dashboard',
  'octant', 'kubie', 'helm', 'Mozilla',
];

/** `name` or `prefix-*` (trailing `*` matches any rest); case-insensitive, as UIs spell their names freely. */
function matches(pattern: string, manager: string): boolean {
  const p = pattern.toLowerCase();
  const m = manager.toLowerCase();
  return p.endsWith('*') ? m.startsWith(p.slice(0, -1)) : m === p;
}

/**
 * Whether `manager` is a person's tool. The environment's own agent managers never are (a repository deployed
 * with `kubectl apply` as its agent writes Git's values, not a person's).
 */
export function isPersonTool(manager: string, extra: readonly string[] = [], agentManagers: readonly string[] = []): boolean {
  if (agentManagers.includes(manager)) return false;
  return [...DEFAULT_PERSON_TOOLS, ...extra].some((p) => matches(p, manager));
}
