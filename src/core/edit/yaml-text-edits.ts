// The one place where YAML text edits are planned: lint quick fixes, suppression comments and (later)
// write-back all use these. Each edits the smallest span and keeps comments, quoting, indentation and line ends.
import type { TextEdit } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { getAt, isRecord, type ManifestResource } from '../resource/manifest-resource.js';
import { LineIndex } from '../text/line-index.js';

/** Replaces the text of an existing value (scalar) with `newText`. */
export function replaceValueEdit(resource: ManifestResource, path: ValuePath, newText: string): TextEdit | undefined {
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (!located) return undefined;
  return { path: resource.file.path, range: located.value, newText };
}

/**
 * Inserts `yamlLines` (already in block style, unindented) as new members of the mapping at `parentPath`,
 * indented like its existing members: one `key: value` line goes where a person puts a single value, above the
 * first member that holds a block mapping or list (`replicas:` above `selector:` and the pod template, with
 * that member's comments kept above it); anything else after the mapping's last line. Returns undefined for
 * flow mappings.
 */
export function insertMembersEdit(resource: ManifestResource, parentPath: ValuePath, yamlLines: readonly string[]): TextEdit | undefined {
  const parent = resource.document.locator.locate([...resource.basePath, ...parentPath]);
  if (!parent) return undefined;
  const lines = resource.file.lines;
  const firstValueLine = lines.lineText(parent.value.start.line);
  if (firstValueLine.slice(parent.value.start.character).startsWith('{')) return undefined;
  const indent = parent.value.start.character;
  const eol = lineEndOf(resource.file.text);
  const before = yamlLines.length === 1 && !/:\s*$/.test(yamlLines[0] ?? '') ? lineOfFirstCollectionMember(resource, parentPath, indent) : undefined;
  if (before !== undefined) {
    const at = { line: before, character: 0 };
    return { path: resource.file.path, range: { start: at, end: at }, newText: ' '.repeat(indent) + (yamlLines[0] ?? '') + eol };
  }
  const endLine = lastContentLine(lines, parent.value.end);
  const at = { line: endLine, character: lines.lineText(endLine).length };
  const newText = yamlLines.map((l) => eol + ' '.repeat(indent) + l).join('');
  return { path: resource.file.path, range: { start: at, end: at }, newText };
}

/**
 * The line to insert above: the first member of the mapping whose value is a block mapping or list, when its
 * key starts its own line at the members' column; above the comment lines directly over it.
 */
function lineOfFirstCollectionMember(resource: ManifestResource, parentPath: ValuePath, indent: number): number | undefined {
  const holder = getAt(resource.object, parentPath);
  if (!isRecord(holder)) return undefined;
  const lines = resource.file.lines;
  for (const [key, value] of Object.entries(holder)) {
    if (value === null || typeof value !== 'object') continue;
    const keyRange = resource.document.locator.locate([...resource.basePath, ...parentPath, key])?.key;
    if (!keyRange || keyRange.start.character !== indent || lines.lineText(keyRange.start.line).slice(0, indent).trim() !== '') return undefined;
    const valueText = lines.lineText(keyRange.start.line).slice(keyRange.end.character);
    if (/^\s*:\s*[[{]/.test(valueText)) continue;
    let line = keyRange.start.line;
    while (line > 0 && /^\s*#/.test(lines.lineText(line - 1)) && lines.lineText(line - 1).indexOf('#') === indent) line--;
    return line;
  }
  return undefined;
}

/** Adds `metadata.annotations[key] = value` (creating `annotations` when missing). */
export function addAnnotationEdit(resource: ManifestResource, key: string, value: string): TextEdit | undefined {
  const quoted = JSON.stringify(value);
  const annotations = resource.document.locator.locate([...resource.basePath, 'metadata', 'annotations']);
  if (annotations) return insertMembersEdit(resource, ['metadata', 'annotations'], [`${key}: ${quoted}`]);
  return insertMembersEdit(resource, ['metadata'], ['annotations:', `  ${key}: ${quoted}`]);
}

/**
 * A comment line above `line`, indented like the line's content; above a `- key:` item line, at the item's
 * column, where a comment reads as part of the list.
 */
export function commentAboveLineEdit(path: string, text: string, line: number, comment: string, lines: LineIndex = new LineIndex(text)): TextEdit {
  const content = lines.lineText(line);
  const indent = content.length - content.replace(/^[ ]*(?:-[ ]+)*/, '').length;
  const column = /^[ ]*-[ ]/.test(content) ? content.indexOf('-') : indent;
  const at = { line, character: 0 };
  return { path, range: { start: at, end: at }, newText: `${' '.repeat(column)}# ${comment}${lineEndOf(text)}` };
}

/** The file's line end: CRLF when it already uses CRLF, else LF. */
export function lineEndOf(text: string): '\r\n' | '\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** A value node can end at the start of the next line (after its newline): step back to the last content line. */
export function lastContentLine(lines: LineIndex, end: { line: number; character: number }): number {
  let line = end.character === 0 && end.line > 0 ? end.line - 1 : end.line;
  while (line > 0 && lines.lineText(line).trim() === '') line--;
  return line;
}
