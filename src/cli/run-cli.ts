import { runLint, type CliIo } from './lint-command.js';
import { parseArgs, UsageError } from './parse-args.js';

export const USAGE = `Usage: gitops-authoring <command> [options]

Commands:
  lint [paths… | -]    Lint Kubernetes manifests (directories are recursed; .gitignore and node_modules skipped; - reads stdin)

Options for lint:
  --format text|json|sarif     Output format (default: text)
  --kubernetes-version X.Y     Kubernetes version whose schemas apply (1.30–1.33; default from config, else 1.33)
  --config FILE                Configuration file (default: .gitops-authoring.yaml in the linted directory or here)

Exit status: 0 no error-severity finding, 1 error findings, 2 usage or I/O problem.
`;

const VALUED = new Set(['format', 'kubernetes-version', 'config']);
const FLAGS = new Set(['help', 'version']);

export function runCli(argv: readonly string[], io: CliIo): number {
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
    throw new UsageError(`unknown command '${args.command}'`);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gitops-authoring: ${error.message}\n`);
      return 2;
    }
    io.stderr(`gitops-authoring: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
