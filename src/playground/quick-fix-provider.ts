// Quick fixes as Monaco code actions: the fixes the rules planned (core/edit) and the suppressions the
// language server offers too (core/lint/suppression-fixes.ts), for the markers under the cursor.
import type { IDisposable, languages } from 'monaco-editor/editor/editor.api.js';
import { isMarkerOf, MARKER_SOURCE, toMonacoRange } from './finding-markers.js';
import type { PlaygroundFinding } from './lint-protocol.js';
import type { monaco } from './monaco-editor-features.js';

export function registerQuickFixes(api: typeof monaco, findingsOf: () => readonly PlaygroundFinding[]): IDisposable {
  return api.languages.registerCodeActionProvider('yaml', {
    provideCodeActions(model, _range, context) {
      const actions: languages.CodeAction[] = [];
      const suppressions: languages.CodeAction[] = [];
      for (const marker of context.markers) {
        if (marker.source !== MARKER_SOURCE) continue;
        const finding = findingsOf().find((f) => isMarkerOf(marker, f));
        for (const fix of finding?.fixes ?? []) {
          const action: languages.CodeAction = {
            title: fix.title,
            kind: 'quickfix',
            diagnostics: [marker],
            isPreferred: fix.isPreferred,
            edit: { edits: fix.edits.map((e) => ({ resource: model.uri, versionId: model.getVersionId(), textEdit: { range: toMonacoRange(e.range), text: e.newText } })) },
          };
          (fix.isSuppression ? suppressions : actions).push(action);
        }
      }
      return { actions: [...actions, ...suppressions], dispose() {} };
    },
  }, { providedCodeActionKinds: ['quickfix'] });
}
