// The read-only documents of the Git ↔ live diff, free of `vscode` so it is unit-tested in plain Node.
// Scheme `gitops-authoring-drift`; the path names the object (the tab shows it, `.yaml` picks the language);
// the query says which environment, resource and side.
import type { DriftDocumentsResult } from '../protocol/drift-messages.js';

export const DRIFT_DIFF_SCHEME = 'gitops-authoring-drift';

export type DiffSide = 'git' | 'live';

export interface DiffDocumentRef {
  readonly environmentId: string;
  readonly resourceId: string;
  readonly side: DiffSide;
}

/** The parts of a diff document's URI (`vscode.Uri.from` takes them as they are). */
export function diffDocumentUriParts(ref: DiffDocumentRef, object: { readonly kind: string; readonly name: string }): { scheme: string; path: string; query: string } {
  const name = `${object.name} (${object.kind}) · ${ref.side === 'git' ? 'Git' : 'live'}.yaml`.replace(/[/\\]/g, '_');
  const query = new URLSearchParams({ env: ref.environmentId, id: ref.resourceId, side: ref.side }).toString();
  return { scheme: DRIFT_DIFF_SCHEME, path: `/${name}`, query };
}

/** Reads a diff document's query back, or undefined when it is not one of ours. */
export function parseDiffDocumentQuery(query: string): DiffDocumentRef | undefined {
  const params = new URLSearchParams(query);
  const environmentId = params.get('env');
  const resourceId = params.get('id');
  const side = params.get('side');
  if (environmentId === null || !resourceId || (side !== 'git' && side !== 'live')) return undefined;
  return { environmentId, resourceId, side };
}

/** `<name> (<Kind>): Git ↔ live (<context>)`. */
export function diffTitle(object: { readonly kind: string; readonly name: string }, context: string | undefined): string {
  return `${object.name} (${object.kind}): Git ↔ live (${context ?? 'no context'})`;
}

/**
 * A side's text; when the side is absent, a comment that says why instead of an empty page. While the resource
 * is Unknown the live side is marked as the last state read, never passed off as the cluster's current one.
 */
export function diffSideText(result: DriftDocumentsResult, side: DiffSide, status?: string, reason?: string): string {
  const text = side === 'git' ? result.git : result.live;
  if (text !== undefined && side === 'live' && status === 'Unknown') return `# Unknown${reason ? ` (${reason})` : ''}: the cluster cannot be read now; below is the last live state read.\n${text}`;
  if (text !== undefined) return text;
  if (side === 'git') return `# ${result.label} is not in Git${status === 'Orphan' ? ' (Orphan: it exists only in the cluster)' : ''}.\n`;
  if (status === 'Unknown') return `# ${result.label}: the live object cannot be read (Unknown).\n`;
  return `# ${result.label} is not in the cluster${status === 'Missing' ? ' (Missing)' : ''}${result.context ? ` (context ${result.context})` : ''}.\n`;
}

/** A one-line note for the user when a side is absent, or undefined when both sides exist. */
export function describeAbsentSide(result: DriftDocumentsResult): string | undefined {
  if (result.git === undefined && result.live === undefined) return `${result.label}: neither Git nor the cluster has it any more.`;
  if (result.git === undefined) return `${result.label} exists only in the cluster: the Git side of the diff is empty.`;
  if (result.live === undefined) return `${result.label} is not in the cluster (or cannot be read): the live side of the diff is empty.`;
  return undefined;
}
