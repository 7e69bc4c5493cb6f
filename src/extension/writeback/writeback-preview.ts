// The planned change before it is applied: read-only documents (scheme `gitops-authoring-writeback`) holding
// each planned file as it was planned against and as it will be, opened side by side with `vscode.diff`.
import * as vscode from 'vscode';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import type { WriteBackFileText } from '../../protocol/writeback-messages.js';
import { applyFileEdits } from '../../core/writeback/apply-file-edits.js';

export const WRITEBACK_PREVIEW_SCHEME = 'gitops-authoring-writeback';

export class WriteBackPreview implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly registration: vscode.Disposable;
  private next = 0;

  constructor() {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(WRITEBACK_PREVIEW_SCHEME, this);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  /** Opens one diff per planned file (before ↔ after); returns the preview URIs (to close them later). */
  async show(plan: EditPlan, files: readonly WriteBackFileText[]): Promise<vscode.Uri[]> {
    const id = ++this.next;
    const opened: vscode.Uri[] = [];
    for (const file of plan.files) {
      const before = files.find((f) => f.path === file.path)?.text ?? '';
      const applied = applyFileEdits(file, file.create ? undefined : before);
      if ('problem' in applied) throw new Error(`the planned change cannot be shown: ${applied.problem}`);
      const after = applied.text;
      const name = file.path.split('/').pop() ?? file.path;
      const left = this.put(`/${id}/before/${file.path}`, before);
      const right = this.put(`/${id}/after/${file.path}`, after);
      opened.push(left, right);
      await vscode.commands.executeCommand('vscode.diff', left, right, `${name}: planned change (Git ↔ after commit)`, { preview: false });
    }
    return opened;
  }

  /** Forgets the texts of a preview (its tabs are closed by the caller). */
  forget(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) this.texts.delete(uri.toString());
  }

  dispose(): void {
    this.registration.dispose();
    this.texts.clear();
  }

  private put(path: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: WRITEBACK_PREVIEW_SCHEME, path });
    this.texts.set(uri.toString(), text);
    return uri;
  }
}
