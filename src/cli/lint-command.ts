import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME, DEFAULT_LINT_CONFIG, normalizeKubernetesVersion, parseLintConfig, SUPPORTED_KUBERNETES_VERSIONS, type LintConfig } from '../core/config/lint-config.js';
import type { Finding } from '../core/findings/finding.js';
import { ENGINE_CHECKS } from '../core/lint/engine-checks.js';
import { lintWorkspace } from '../core/lint/lint-engine.js';
import { RULES } from '../core/lint/rule-list.js';
import { locateInResource, type ManifestResource } from '../core/resource/manifest-resource.js';
import { joinPath } from '../core/text/posix-path.js';
import { buildWorkspaceIndex } from '../core/workspace/workspace-index.js';
import { collectInputs, type LintInput } from './collect-inputs.js';
import { createValidator } from './engine-validator.js';
import { formatJson } from './formats/format-json.js';
import { formatSarif } from './formats/format-sarif.js';
import { formatText } from './formats/format-text.js';
import { summarize, type CheckedFile } from './lint-summary.js';
import { UsageError, type ParsedArgs } from './parse-args.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
  readonly isTty: boolean;
  readonly version: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;

/** `lint [paths… | -]`: exit 0 without error findings, 1 with, 2 for usage or I/O problems. */
export function runLint(args: ParsedArgs, io: CliIo): number {
  const format = (args.options.get('format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
  const config = resolveConfig(args, io);
  const inputs = collectInputs(args.positionals, io.readStdin);
  const validator = createValidator();
  const deps = { rules: RULES, validator };

  const checked: CheckedFile[] = [];
  for (const input of inputs) checked.push(...lintInput(input, config, deps));
  const chartTemplateDirs = inputs.flatMap((input) => (input.chartTemplateDirs ?? []).map((dir) => displayPath(input, dir)));

  const summary = summarize(checked);
  if (format === 'json') io.stdout(formatJson(checked, summary, config.kubernetesVersion, chartTemplateDirs));
  else if (format === 'sarif') io.stdout(formatSarif(checked, [...ENGINE_CHECKS, ...RULES.map((r) => r.meta)], io.version));
  else io.stdout(formatText(checked, summary, io.isTty && !process.env.NO_COLOR, chartTemplateDirs));
  if (checked.some((f) => f.unreadable)) return 2;
  return summary.findingsBySeverity.error > 0 ? 1 : 0;
}

function lintInput(input: LintInput, config: LintConfig, deps: Parameters<typeof lintWorkspace>[2]): CheckedFile[] {
  const index = buildWorkspaceIndex(input.files, input.listing, input.repository);
  const display = (path: string) => displayPath(input, path);
  const relocate = (f: Finding): Finding => ({ ...f, path: display(f.path), related: f.related?.map((r) => ({ ...r, path: display(r.path) })) });
  const results: CheckedFile[] = lintWorkspace(index, config, deps).map((result) => {
    const objectLines = index.resourcesInFile(result.path).map(linesOfObject);
    const templateDocuments = result.ignored ? 0 : (index.files.get(result.path)?.documents.filter((d) => d.isTemplate).length ?? 0);
    return { ...result, path: display(result.path), findings: result.findings.map(relocate), objectLines, templateDocuments, ...(input.isNamedFiles ? { isNamed: true } : {}) };
  });
  for (const u of input.unreadable) results.push({ path: display(u.path), findings: [], resourceCount: 0, ignored: false, objectLines: [], unreadable: u.reason, templateDocuments: 0 });
  return results;
}

/** A repository-relative path as the user named it: prefixed with the directory argument. */
function displayPath(input: LintInput, path: string): string {
  return input.displayRoot && input.displayRoot !== '.' ? joinPath(input.displayRoot, path) : path;
}

/** The lines an object spans: its document, or its own item inside a `kind: List` (each item counts on its own). */
function linesOfObject(resource: ManifestResource): { start: number; end: number } {
  const range = resource.basePath.length === 0 ? resource.document.range : locateInResource(resource, []).whole;
  return { start: range.start.line, end: range.end.line };
}

function resolveConfig(args: ParsedArgs, io: CliIo): LintConfig {
  const explicit = args.options.get('config');
  let config = DEFAULT_LINT_CONFIG;
  let configPath: string | undefined;
  if (typeof explicit === 'string') {
    if (!existsSync(explicit)) throw new UsageError(`config file not found: ${explicit}`);
    configPath = explicit;
  } else {
    const firstDir = args.positionals.find((p) => p !== '-' && existsSync(join(p, CONFIG_FILE_NAME)));
    const candidate = firstDir ? join(firstDir, CONFIG_FILE_NAME) : CONFIG_FILE_NAME;
    if (existsSync(candidate)) configPath = candidate;
  }
  if (configPath) {
    let text: string;
    try {
      text = readFileSync(configPath, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read config file ${configPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    const parsed = parseLintConfig(text);
    for (const problem of parsed.problems) io.stderr(`${configPath}: ${problem}\n`);
    config = parsed.config;
  }
  const version = args.options.get('kubernetes-version');
  if (typeof version === 'string') {
    const normalized = normalizeKubernetesVersion(version);
    if (!normalized) throw new UsageError(`--kubernetes-version must be one of ${SUPPORTED_KUBERNETES_VERSIONS.join(', ')}`);
    config = { ...config, kubernetesVersion: normalized };
  }
  return config;
}
