// The hover on a drifted line of a YAML or JSON manifest: a thin renderer of `computeDriftHover`.
// Command links are trusted for our drift command ids only (`DRIFT_HOVER_COMMANDS`), never wholesale.
//
// Exports:
// - `registerDriftHover(store)`: vscode.Disposable (a HoverProvider on the extension's document selector).
import * as vscode from 'vscode';
import type { DriftStore } from './drift-store.js';
import { computeDriftHover, findingsOnLine } from './drift-hover-model.js';
import { environmentNameIn } from './drift-decorations.js';
import { DOCUMENT_SELECTOR } from '../client-config.js';

export function registerDriftHover(store: DriftStore, options: { readonly now?: () => number } = {}): vscode.Disposable {
  const now = options.now ?? Date.now;
  const environmentName = environmentNameIn(store);
  return vscode.languages.registerHoverProvider([...DOCUMENT_SELECTOR], {
    provideHover(document, position) {
      const onLine = findingsOnLine(store.findingsIn(document.uri.toString()), position.line);
      const hover = computeDriftHover(onLine, {
        now: now(),
        environmentName: (id) => (store.environment(id)?.name ? environmentName(id) : ''),
        environmentContext: (id) => store.environment(id)?.context,
      });
      if (!hover) return undefined;
      const markdown = new vscode.MarkdownString(hover.markdown);
      markdown.isTrusted = { enabledCommands: [...hover.commands] };
      return new vscode.Hover(markdown, document.lineAt(position.line).range);
    },
  });
}
