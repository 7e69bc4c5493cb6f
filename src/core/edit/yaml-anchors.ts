// YAML anchors and aliases make one text serve several fields: editing it (or anything below it) through one
// path would change the others too. Such edits are refused; a person decides.
import type { ValuePath } from '../manifest/manifest-types.js';
import type { ManifestResource } from '../resource/manifest-resource.js';

const ANCHOR = /(^|[\s:\-,[{])&[^\s,[\]{}]+/;

/**
 * Why an edit at `path` (or below it) would reach other fields: the path or an ancestor is an alias (`*name`)
 * or carries an anchor (`&name`). Undefined when the text at `path` belongs to that path alone.
 */
export function sharedThroughAnchor(resource: ManifestResource, path: ValuePath): string | undefined {
  const { text, lines } = resource.file;
  for (let i = 1; i <= path.length; i++) {
    const at = resource.document.locator.locate([...resource.basePath, ...path.slice(0, i)]);
    if (!at) return undefined;
    const where = path.slice(0, i).join('.');
    if (text.startsWith('*', lines.offsetAt(at.value.start))) return `${where} is a YAML alias (*) of a value other fields share; edit it by hand`;
    const start = at.key ? lines.offsetAt(at.key.end) : lines.offsetAt({ line: at.value.start.line, character: 0 });
    if (ANCHOR.test(text.slice(start, lines.offsetAt(at.value.start)))) return `${where} carries a YAML anchor (&) that other fields may refer to; changing it would change them too: edit it by hand`;
  }
  return undefined;
}

/** Whether `text` defines an anchor (`&name`). */
export function definesAnchor(text: string): boolean {
  return ANCHOR.test(text);
}
