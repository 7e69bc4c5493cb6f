// Opt-in CodeLens above drifted lines (`gitopsAuthoring.drift.codeLens`, off by default: a CodeLens shifts
// lines, which people dislike): `Drift: replicas 3 → 5 (kubectl scale)`, opening the Git ↔ live diff.
// A thin renderer of `computeCodeLenses`.
//
// Exports:
// - `registerDriftCodeLens(store, getSettings)`: vscode.Disposable (a CodeLensProvider on the extension's
//   document selector; answers nothing while the setting is off).
import * as vscode from 'vscode';
import type { DriftStore } from './drift-store.js';
import { computeCodeLenses, type DriftEditorSettings } from './drift-decoration-model.js';
import { DRIFT_SHOW_DIFF_COMMAND } from './drift-hover-model.js';
import { environmentNameIn } from './drift-decorations.js';
import { DOCUMENT_SELECTOR } from '../client-config.js';

export function registerDriftCodeLens(store: DriftStore, getSettings: () => DriftEditorSettings): vscode.Disposable {
  const changed = new vscode.EventEmitter<void>();
  const environmentName = environmentNameIn(store);
  const subscription = store.onChange((change) => {
    if (change.uris.size > 0 && getSettings().codeLens) changed.fire();
  });
  return vscode.Disposable.from(
    changed,
    { dispose: () => subscription.dispose() },
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('gitopsAuthoring.drift.codeLens')) changed.fire();
    }),
    vscode.languages.registerCodeLensProvider([...DOCUMENT_SELECTOR], {
      onDidChangeCodeLenses: changed.event,
      provideCodeLenses(document) {
        const lenses = computeCodeLenses(store.findingsIn(document.uri.toString()), { settings: getSettings(), now: Date.now(), environmentName, lineCount: document.lineCount });
        return lenses.map((lens) => new vscode.CodeLens(new vscode.Range(lens.line, 0, lens.line, 0), { title: lens.title, command: DRIFT_SHOW_DIFF_COMMAND, arguments: [lens.argument] }));
      },
    }),
  );
}
