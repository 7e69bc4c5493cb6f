import { CODIFY_FLAGS, CODIFY_VALUED, DRIFT_FLAGS, DRIFT_VALUED, READINESS_FLAGS } from './command-options.js';
import { runLint, type CliIo } from './lint-command.js';
import { parseArgs, UsageError } from './parse-args.js';

export const USAGE = `Usage: gitops-authoring <command> [options]

Commands:
  lint [paths… | -]    Lint Kubernetes manifests (directories are recursed; .gitignore and node_modules skipped; - reads stdin)
  drift [repo-path]    Compare what the repository declares with the live cluster, per resource and field
  readiness [path]     GitOps readiness report: the four principles scored from the repository, with the evidence
  codify [repo-path]   Write live changes (drift) back to Git: planned in the right layer, committed on a new branch, pushed, a PR

Options for lint:
  --format text|json|sarif     Output format (default: text)
  --kubernetes-version X.Y     Kubernetes version whose schemas apply (1.30–1.36; default from config, else 1.36)
  --config FILE                Configuration file (default: .gitops-authoring.yaml in the linted directory or here)

Exit status: 0 no error-severity finding, 1 error findings, 2 usage or I/O problem.

Options for drift:
  --context C                  kube context (default: the environment's, else the current-context)
  --env NAME                   environment (a Flux Kustomization or Argo CD Application in the repo)
  --kubeconfig F               kubeconfig file, or a list like KUBECONFIG (default: KUBECONFIG, ~/.kube/config)
  --format text|json           Output format (default: text)
  --settings F                 Drift settings YAML (default: the drift: section of .gitops-authoring.yaml):
                               environments (name, path, context, namespace),
                               ignoreDifferences (Argo CD dialect), driftIgnoreRules (Flux dialect),
                               personTools (field managers of people's tools), countLiveOnlyMetadata,
                               listUnmanaged
  --unmanaged                  Also list live objects in the namespaces Git deploys to that nothing deploys
                               (no GitOps mark, no owner, not in Git; not counted in the exit status)
  --exact                      Compare with a server-side dry-run apply of each object (exact; needs patch rights)
  --timeout S                  Seconds to wait for the cluster (default: 30)

Exit status: 0 all Synced, 1 any Drifted/Missing/Orphan, 2 Unknown or errors (e.g. cluster unreachable).

Options for readiness:
  --format text|json|markdown  Output format (default: text)
  --cluster                    Also count the resources that drift now (uses --context, --kubeconfig, --timeout)

Exit status: 0 report written (whatever the score), 2 usage or I/O problem, or --cluster and the cluster cannot be read.

Options for codify (and --env, --context, --kubeconfig, --settings, --timeout as for drift):
  --resource KIND/NAMESPACE/NAME  one resource (default: every Drifted resource of the environment, one commit)
  --field PATH                 one drifted field, e.g. .spec.replicas (default: every drifted field)
  --layer environment|base     where a value that a shared base sets is written (asked otherwise)
  --branch NAME                the new branch (default: writeBack.branchTemplate, gitops/codify-{kind}-{name}-{hash}:
                               the same drift names the same branch, so a cron job never opens a duplicate PR)
  --push                       push the branch to the upstream remote (or the only remote)
  --pr github|gitlab           push and open a pull/merge request (token: GITHUB_TOKEN or GH_TOKEN, GITLAB_TOKEN;
                               without a token: the compare URL)
  --api-url URL                the forge's REST API for --pr (GitHub Enterprise, self-hosted GitLab; default:
                               GITHUB_API_URL / GITLAB_API_URL, else from the remote's host); https only
  --dry-run                    print the unified diff; write nothing

Exit status: 0 nothing to codify, 1 changes written (--dry-run: changes to write), 2 refusals and errors.
`;

const VALUED = new Set<string>(['format', 'kubernetes-version', 'config', ...DRIFT_VALUED, ...CODIFY_VALUED]);
const FLAGS = new Set<string>(['help', 'version', ...DRIFT_FLAGS, ...READINESS_FLAGS, ...CODIFY_FLAGS]);

/** Synchronous for lint; drift talks to a cluster and answers with a promise. */
export function runCli(argv: readonly string[], io: CliIo): number | Promise<number> {
  try {
    const args = parseArgs(argv, VALUED, FLAGS);
    if (args.options.has('version')) {
      io.stdout(`${io.version}\n`);
      return 0;
    }
    if (args.options.has('help') || args.command === 'help') {
      io.stdout(USAGE);
      return 0;
    }
    if (args.command === undefined) throw new UsageError('missing command (try: gitops-authoring lint .)');
    if (args.command === 'lint') return runLint(args, io);
    // The cluster and Git commands are imported when run (their own chunks of the bundle): `lint` never loads
    // @kubernetes/client-node or simple-git.
    if (args.command === 'drift') return import('./drift-command.js').then((m) => m.runDrift(args, io)).catch((error: unknown) => reportError(error, io));
    if (args.command === 'codify') return import('./codify-command.js').then((m) => m.runCodifyCommand(args, io)).catch((error: unknown) => reportError(error, io));
    if (args.command === 'readiness') return import('./readiness-command.js').then((m) => m.runReadiness(args, io)).catch((error: unknown) => reportError(error, io));
    throw new UsageError(`unknown command '${args.command}'`);
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  io.stderr(`gitops-authoring: ${error instanceof Error ? error.message : String(error)}\n`);
  return 2;
}
