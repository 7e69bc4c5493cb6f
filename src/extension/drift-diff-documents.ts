// Git ↔ live diff: read-only virtual documents (scheme `gitops-authoring-drift`) served from the server's
// `driftDocuments` answer, opened with `vscode.diff`. An open diff follows the cluster: when the store changes
// the resource, both sides are fetched again.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { driftDocumentsRequest, type DriftDocumentsResult } from '../protocol/drift-messages.js';
import type { DriftStore } from './drift/drift-store.js';
import { describeAbsentSide, diffDocumentUriParts, diffSideText, diffTitle, DRIFT_DIFF_SCHEME, parseDiffDocumentQuery, type DiffSide } from './drift-diff-uris.js';

const keyOf = (environmentId: string, resourceId: string): string => `${environmentId}\u0000${resourceId}`;

export class DriftDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly results = new Map<string, Promise<DriftDocumentsResult>>();
  /** URIs handed out, per resource key, to refresh when the resource changes. */
  private readonly uris = new Map<string, vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly store: DriftStore,
    private readonly client: () => LanguageClient | undefined,
  ) {
    this.disposables.push(
      this.changed,
      vscode.workspace.registerTextDocumentContentProvider(DRIFT_DIFF_SCHEME, this),
      store.onChange((change) => {
        const touched = new Set(change.resources.map((r) => keyOf(r.environmentId, r.id)));
        for (const [key, uris] of this.uris) {
          const environmentId = key.slice(0, key.indexOf('\u0000'));
          if (!touched.has(key) && !change.reset.includes(environmentId)) continue;
          this.results.delete(key);
          for (const uri of uris) this.changed.fire(uri);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme !== DRIFT_DIFF_SCHEME) return;
        const ref = parseDiffDocumentQuery(document.uri.query);
        if (!ref) return;
        const key = keyOf(ref.environmentId, ref.resourceId);
        const isSame = (d: vscode.TextDocument): boolean => {
          const other = d.uri.scheme === DRIFT_DIFF_SCHEME ? parseDiffDocumentQuery(d.uri.query) : undefined;
          return other !== undefined && keyOf(other.environmentId, other.resourceId) === key;
        };
        const open = vscode.workspace.textDocuments.some((d) => d !== document && isSame(d));
        if (!open) {
          this.uris.delete(key);
          this.results.delete(key);
        }
      }),
    );
  }

  /** Opens the diff of one resource: Git on the left, live on the right. */
  async show(environmentId: string, resourceId: string): Promise<void> {
    const key = keyOf(environmentId, resourceId);
    this.results.delete(key); // always fresh when asked
    const result = await this.fetch(environmentId, resourceId);
    const resource = this.store.resource(environmentId, resourceId);
    const object = resource ? { kind: resource.key.kind, name: resource.key.name } : objectOf(resourceId);
    const uriOf = (side: DiffSide) => vscode.Uri.from(diffDocumentUriParts({ environmentId, resourceId, side }, object));
    const left = uriOf('git');
    const right = uriOf('live');
    this.uris.set(key, [left, right]);
    // A diff opened before keeps its documents: tell VS Code they changed, or it shows the old text.
    this.changed.fire(left);
    this.changed.fire(right);
    const context = result.context ?? this.store.environment(environmentId)?.context;
    await vscode.commands.executeCommand('vscode.diff', left, right, diffTitle(object, context), { preview: true });
    const absent = describeAbsentSide(result);
    if (absent) void vscode.window.showInformationMessage(absent);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseDiffDocumentQuery(uri.query);
    if (!ref) return '# Not a GitOps Authoring drift document.\n';
    try {
      const result = await this.fetch(ref.environmentId, ref.resourceId);
      const resource = this.store.resource(ref.environmentId, ref.resourceId);
      return diffSideText(result, ref.side, resource?.status, resource?.reason);
    } catch (error) {
      return `# The ${ref.side === 'git' ? 'Git' : 'live'} side could not be read: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }

  private fetch(environmentId: string, resourceId: string): Promise<DriftDocumentsResult> {
    const key = keyOf(environmentId, resourceId);
    let result = this.results.get(key);
    if (!result) {
      const client = this.client();
      if (!client) return Promise.reject(new Error('the GitOps Authoring language server is not running'));
      result = client.sendRequest(driftDocumentsRequest, { environmentId, resourceId });
      result.catch(() => this.results.delete(key));
      this.results.set(key, result);
    }
    return result;
  }
}

/** Kind and name from a `group/kind/namespace/name` id, for a resource the store no longer has. */
function objectOf(resourceId: string): { kind: string; name: string } {
  const parts = resourceId.split('/');
  return { kind: parts[1] ?? 'object', name: parts.slice(3).join('/') || resourceId };
}
