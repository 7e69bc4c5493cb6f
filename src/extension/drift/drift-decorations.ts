// Editor decorations on drifted lines: a thin renderer of `computeLineDecorations` (the logic lives there).
// After-text in `gitopsAuthoring.driftAfterForeground`, a whole-line left bar in `gitopsAuthoring.driftGutter`
// at the gutter's edge (drawn in the overlay layer: it shifts nothing), and an overview-ruler mark in
// `gitopsAuthoring.driftOverviewRuler` (a line that only says Unknown gets the after-text, not the marks). A document is redrawn only when a store change names its URI, when its
// editor becomes visible, when a `gitopsAuthoring.drift` setting changes, and once a minute for the ages.
//
// Exports:
// - `registerDriftDecorations(store, getSettings, options?)`: vscode.Disposable. `getSettings()` answers the
//   `gitopsAuthoring.drift.decorations` / `.codeLens` settings; decorations off clears every editor and
//   draws nothing until the setting is true again.
// - `environmentNameIn(store)`: the name shown for an environment (its name, or the folder's for '').
import * as vscode from 'vscode';
import type { DriftStore } from './drift-store.js';
import { computeLineDecorations, type DriftEditorSettings } from './drift-decoration-model.js';
import { folderNameOf } from './drift-format.js';

const SETTINGS_PREFIX = 'gitopsAuthoring.drift';

export interface DriftDecorationOptions {
  readonly now?: () => number;
  readonly ageRefreshMs?: number;
}

export function environmentNameIn(store: DriftStore): (environmentId: string) => string {
  return (id) => {
    const env = store.environment(id);
    return env ? env.name || folderNameOf(env.folderUri) : id;
  };
}

export function registerDriftDecorations(store: DriftStore, getSettings: () => DriftEditorSettings, options: DriftDecorationOptions = {}): vscode.Disposable {
  const now = options.now ?? Date.now;
  const lineType = vscode.window.createTextEditorDecorationType({
    isWholeLine: true,
    borderWidth: '0 0 0 2px',
    borderStyle: 'solid',
    borderColor: new vscode.ThemeColor('gitopsAuthoring.driftGutter'),
    overviewRulerColor: new vscode.ThemeColor('gitopsAuthoring.driftOverviewRuler'),
    overviewRulerLane: vscode.OverviewRulerLane.Right,
  });
  const afterType = vscode.window.createTextEditorDecorationType({
    after: { color: new vscode.ThemeColor('gitopsAuthoring.driftAfterForeground'), margin: '0 0 0 2em', fontStyle: 'italic' },
    // Grows with text typed at the line's end, so the after-text stays after it (as GitLens does).
    rangeBehavior: vscode.DecorationRangeBehavior.OpenOpen,
  });
  const environmentName = environmentNameIn(store);
  /** Editors we drew something into (to clear them when drift goes away or the setting turns off). */
  const decorated = new Set<vscode.TextEditor>();

  const render = (editor: vscode.TextEditor): void => {
    const document = editor.document;
    const findings = store.findingsIn(document.uri.toString());
    if (findings.length === 0 && !decorated.has(editor)) return;
    const lines = computeLineDecorations(findings, { settings: getSettings(), now: now(), environmentName, lineCount: document.lineCount });
    const lineRanges: vscode.Range[] = [];
    const afters: vscode.DecorationOptions[] = [];
    for (const decoration of lines) {
      const end = document.lineAt(decoration.line).range.end;
      if (decoration.isDrifted) lineRanges.push(new vscode.Range(decoration.line, 0, decoration.line, 0));
      afters.push({ range: new vscode.Range(end, end), renderOptions: { after: { contentText: decoration.afterText } } });
    }
    editor.setDecorations(lineType, lineRanges);
    editor.setDecorations(afterType, afters);
    if (lines.length > 0) decorated.add(editor);
    else decorated.delete(editor);
  };

  let visible = new Set(vscode.window.visibleTextEditors);
  for (const editor of visible) render(editor);

  const subscription = store.onChange((change) => {
    if (change.uris.size === 0) return;
    for (const editor of vscode.window.visibleTextEditors) if (change.uris.has(editor.document.uri.toString())) render(editor);
  });
  const timer = setInterval(() => {
    for (const editor of vscode.window.visibleTextEditors) if (decorated.has(editor)) render(editor);
  }, options.ageRefreshMs ?? 60_000);

  return vscode.Disposable.from(
    lineType,
    afterType,
    { dispose: () => subscription.dispose() },
    { dispose: () => clearInterval(timer) },
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      const next = new Set(editors);
      for (const editor of editors) if (!visible.has(editor)) render(editor);
      for (const editor of decorated) if (!next.has(editor)) decorated.delete(editor);
      visible = next;
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_PREFIX)) return;
      for (const editor of vscode.window.visibleTextEditors) render(editor);
    }),
  );
}
