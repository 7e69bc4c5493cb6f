import { pathToFileURL } from 'node:url';
import { assessReadiness } from '../../core/readiness/assess-readiness.js';
import type { ClusterFacts, ReadinessInput } from '../../core/readiness/readiness-types.js';
import type { ReadinessFolderReport, ReadinessReportParams, ReadinessReportResult } from '../../protocol/lsp-extensions.js';

export type ReadinessInputReader = (root: string) => Promise<ReadinessInput>;

/**
 * The readiness report of each workspace folder (or the one asked for), read from disk and git. A folder that
 * cannot be read answers with its error; the others still get their report.
 */
export async function provideReadiness(roots: readonly string[], params: ReadinessReportParams, read: ReadinessInputReader | undefined, clusterOf: (root: string) => ClusterFacts | undefined = () => undefined): Promise<ReadinessReportResult> {
  const chosen = roots.filter((root) => params.folderUri === undefined || pathToFileURL(root).href === params.folderUri);
  const folders: ReadinessFolderReport[] = [];
  for (const root of chosen) {
    const folderUri = pathToFileURL(root).href;
    if (!read) {
      folders.push({ folderUri, error: 'the readiness report is not available in this server' });
      continue;
    }
    try {
      // The live drift count when the drift view is connected to every environment of the folder.
      const cluster = clusterOf(root);
      folders.push({ folderUri, report: assessReadiness({ ...(await read(root)), ...(cluster ? { cluster } : {}) }) });
    } catch (error) {
      folders.push({ folderUri, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return { folders };
}
