/** Parsed command line: the command, its positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
  readonly command: string | undefined;
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string | true>;
}

export class UsageError extends Error {}

/** Parses `cmd [args…] [--opt value | --opt=value | --flag]`; `valued` lists the options that take a value. */
export function parseArgs(argv: readonly string[], valued: ReadonlySet<string>, flags: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  let command: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = arg.slice(2, eq === -1 ? undefined : eq);
      if (valued.has(name)) {
        const value = eq !== -1 ? arg.slice(eq + 1) : argv[++i];
        if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
        options.set(name, value);
      } else if (flags.has(name)) {
        if (eq !== -1) throw new UsageError(`option --${name} takes no value`);
        options.set(name, true);
      } else throw new UsageError(`unknown option --${name}`);
    } else if (arg.startsWith('-') && arg !== '-') {
      if (arg === '-h') options.set('help', true);
      else throw new UsageError(`unknown option ${arg}`);
    } else if (command === undefined) command = arg;
    else positionals.push(arg);
  }
  return { command, positionals, options };
}
