// Small text-edit planners the rules' quick fixes share. They edit the smallest span and keep comments.
import type { Fix, TextEdit } from '../findings/finding.js';
import type { ValuePath } from '../manifest/manifest-types.js';
import { locateInResource, type ManifestResource } from '../resource/manifest-resource.js';
import type { LineIndex } from '../text/line-index.js';

/** Replaces the text of an existing value (scalar) with `newText`. */
export function replaceValueEdit(resource: ManifestResource, path: ValuePath, newText: string): TextEdit | undefined {
  const located = resource.document.locator.locate([...resource.basePath, ...path]);
  if (!located) return undefined;
  return { path: resource.file.path, range: located.value, newText };
}

/**
 * Inserts `yamlLines` (already in block style, unindented) as new members of the mapping at `parentPath`,
 * right after its last line, indented like its existing members. Returns undefined for flow mappings.
 */
export function insertMembersEdit(resource: ManifestResource, parentPath: ValuePath, yamlLines: readonly string[]): TextEdit | undefined {
  const parent = resource.document.locator.locate([...resource.basePath, ...parentPath]);
  if (!parent) return undefined;
  const lines = resource.file.lines;
  const firstValueLine = lines.lineText(parent.value.start.line);
  if (firstValueLine.slice(parent.value.start.character).startsWith('{')) return undefined;
  const indent = parent.value.start.character;
  const eol = resource.file.text.includes('\r\n') ? '\r\n' : '\n';
  const endLine = lastContentLine(lines, parent.value.end);
  const at = { line: endLine, character: lines.lineText(endLine).length };
  const newText = yamlLines.map((l) => eol + ' '.repeat(indent) + l).join('');
  return { path: resource.file.path, range: { start: at, end: at }, newText };
}

/** Adds `metadata.annotations[key] = value` (creating `annotations` when missing). */
export function addAnnotationEdit(resource: ManifestResource, key: string, value: string): TextEdit | undefined {
  const quoted = JSON.stringify(value);
  const annotations = resource.document.locator.locate([...resource.basePath, 'metadata', 'annotations']);
  if (annotations) return insertMembersEdit(resource, ['metadata', 'annotations'], [`${key}: ${quoted}`]);
  return insertMembersEdit(resource, ['metadata'], ['annotations:', `  ${key}: ${quoted}`]);
}

/** Inserts a comment line above the line where `path` starts, with the same indentation. */
export function commentAboveEdit(resource: ManifestResource, path: ValuePath, comment: string): TextEdit {
  const located = locateInResource(resource, path);
  const lines = resource.file.lines;
  const line = located.whole.start.line;
  const text = lines.lineText(line);
  const indent = text.length - text.trimStart().length;
  const eol = resource.file.text.includes('\r\n') ? '\r\n' : '\n';
  const at = { line, character: 0 };
  return { path: resource.file.path, range: { start: at, end: at }, newText: `${' '.repeat(indent)}# ${comment}${eol}` };
}

export function fixOf(title: string, ...edits: (TextEdit | undefined)[]): Fix[] {
  const real = edits.filter((e): e is TextEdit => e !== undefined);
  return real.length === edits.length && real.length > 0 ? [{ title, edits: real }] : [];
}

/** A value node can end at the start of the next line (after its newline): step back to the last content line. */
function lastContentLine(lines: LineIndex, end: { line: number; character: number }): number {
  let line = end.character === 0 && end.line > 0 ? end.line - 1 : end.line;
  while (line > 0 && lines.lineText(line).trim() === '') line--;
  return line;
}
