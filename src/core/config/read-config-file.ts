// The one reader of a settings file's text (`.gitops-authoring.yaml`, the CLI's `--settings FILE`): read as
// manifests are (YAML 1.1, linear in size, alias and size limits), so a hostile file costs no more than its
// size, and every problem is one line that says where.
import { parseManifest } from '../manifest/parse-manifest.js';

export type ConfigFileText = { readonly value: unknown } | { readonly problem: string };

export function readConfigFileText(path: string, text: string): ConfigFileText {
  const file = parseManifest(path, text);
  const problem = file.problems[0] ?? file.documents.flatMap((d) => d.problems).find((f) => f.severity === 'error');
  if (problem) return { problem: `not valid YAML: ${problem.message.split('\n')[0]} (line ${problem.range.start.line + 1})` };
  if (file.documents.length > 1) return { problem: 'not valid YAML: expected one document, found several (---)' };
  return { value: file.documents[0]?.value ?? null };
}
