import { resolve } from 'node:path';
import { assessReadiness } from '../core/readiness/assess-readiness.js';
import { renderReadinessMarkdown, renderReadinessText } from '../core/readiness/render-readiness.js';
import type { ClusterFacts } from '../core/readiness/readiness-types.js';
import { countByStatus } from '../core/drift/compute-drift.js';
import { loadWorkspace } from '../adapters/fs/load-workspace.js';
import { createDriftService } from '../adapters/drift/drift-service.js';
import { gatherReadinessInput } from '../adapters/readiness/gather-readiness-input.js';
import type { DriftCliIo } from './drift-command.js';
import { UsageError, type ParsedArgs } from './parse-args.js';

const FORMATS = ['text', 'json', 'markdown'] as const;

/**
 * `readiness [path] [--format text|json|markdown] [--cluster [--context C] [--kubeconfig F] [--timeout S]]`:
 * the GitOps readiness report. Exit 0 whatever the score (it is a report, not a gate); 2 on errors.
 */
export async function runReadiness(args: ParsedArgs, io: DriftCliIo): Promise<number> {
  const format = (args.options.get('format') ?? 'text') as string;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')} for readiness`);
  if (args.positionals.length > 1) throw new UsageError('readiness takes one repository path');
  const root = resolve(args.positionals[0] ?? '.');
  const cluster = args.options.has('cluster') ? await readClusterFacts(root, args, io) : undefined;
  const report = assessReadiness(await gatherReadinessInput(root, cluster));
  if (format === 'json') io.stdout(`${JSON.stringify({ root, ...report }, null, 2)}\n`);
  else if (format === 'markdown') io.stdout(renderReadinessMarkdown(report));
  else io.stdout(renderReadinessText(report));
  return 0;
}

/** The current drift count from the drift engine; a cluster that cannot be read is an error (exit 2), never "0 drift". */
async function readClusterFacts(root: string, args: ParsedArgs, io: DriftCliIo): Promise<ClusterFacts> {
  const timeoutSeconds = Number(args.options.get('timeout') ?? 30);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) throw new UsageError('--timeout must be a number of seconds');
  const service = await createDriftService({
    root,
    index: loadWorkspace(root).index,
    ...(typeof args.options.get('kubeconfig') === 'string' ? { kubeconfig: args.options.get('kubeconfig') as string } : {}),
    ...(typeof args.options.get('context') === 'string' ? { context: args.options.get('context') as string } : {}),
    ...(io.env ? { processEnv: io.env } : {}),
    requestTimeoutMs: Math.min(timeoutSeconds * 1000, 30_000),
  });
  try {
    await service.whenSynced(timeoutSeconds * 1000);
    const counts = countByStatus(service.results());
    return {
      context: service.context,
      resourceCount: service.results().length,
      driftCount: counts.Drifted + counts.Missing + counts.Orphan,
      unknownCount: counts.Unknown,
    };
  } finally {
    service.stop();
  }
}
