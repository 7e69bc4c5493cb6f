// Where the cursor is in a block-style YAML document, read from the text's indentation alone, so it works on
// the half-typed, unparseable YAML that completion sees. Flow collections and block scalars are not followed.
import type { ValuePath } from '../core/manifest/manifest-types.js';
import type { LineIndex } from '../core/text/line-index.js';
import type { Position } from '../core/text/range.js';

interface LineToken {
  readonly column: number;
  readonly kind: 'item' | 'key';
  readonly key?: string;
  /** For keys: the value text after `:` on the same line (comments removed). */
  readonly inlineValue?: string;
}

export interface CursorContext {
  /** Path of the mapping or sequence that holds the cursor's line, from the document root. */
  readonly parentPath: ValuePath;
  /** The key on the cursor's line, when there is one (complete or being typed). */
  readonly key?: string;
  /** True when the cursor is after `key:` (a value is being typed). */
  readonly inValue: boolean;
  /** The word being typed and where it starts (completion replaces it). */
  readonly prefix: string;
  readonly prefixStart: Position;
  /** Column where a key at this level starts (completion indents continuation lines from it). */
  readonly column: number;
  /** Keys already present in the same mapping, which completion does not offer again. */
  readonly siblingKeys: ReadonlySet<string>;
  /** First line of the YAML document (after its `---`). */
  readonly documentStartLine: number;
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?))\s*:(?:\s+|$)/;

export function tokenizeLine(text: string): LineToken[] {
  const tokens: LineToken[] = [];
  let i = 0;
  while (text[i] === ' ') i++;
  for (;;) {
    if (text[i] === '-' && (text[i + 1] === ' ' || i + 1 === text.length)) {
      tokens.push({ column: i, kind: 'item' });
      i++;
      while (text[i] === ' ') i++;
      continue;
    }
    const rest = text.slice(i);
    if (rest === '' || rest.startsWith('#')) break;
    const m = KEY.exec(rest);
    if (m && m[1] !== undefined) {
      const inlineValue = stripComment(rest.slice(m[0].length)).trim();
      tokens.push({ column: i, kind: 'key', key: unquote(m[1].trim()), inlineValue });
    }
    break;
  }
  return tokens;
}

export function cursorContext(lines: LineIndex, position: Position): CursorContext {
  const lineText = lines.lineText(position.line);
  const before = lineText.slice(0, position.character);
  const documentStartLine = findDocumentStart(lines, position.line);
  const tokens = tokenizeLine(lineText);
  const wordMatch = /[^\s:-][^\s:]*$/.exec(before);
  const prefix = wordMatch ? wordMatch[0] : '';
  const prefixStart = { line: position.line, character: position.character - prefix.length };

  const keyToken = tokens.find((t) => t.kind === 'key');
  const colon = keyToken ? lineText.indexOf(':', keyToken.column + (keyToken.key?.length ?? 0)) : -1;
  const inValue = keyToken !== undefined && colon !== -1 && position.character > colon;
  const items = tokens.filter((t) => t.kind === 'item' && t.column < position.character);
  const trimmed = before.trimStart();
  let column = keyToken?.column ?? (trimmed === '' || trimmed === prefix ? before.length - trimmed.length : position.character);
  if (!keyToken && items.length > 0) column = before.length - trimmed.replace(/^(-\s+)+/, '').length;

  // Items on the cursor's own line open sequences whose index we must count.
  const ancestors = findAncestors(lines, position.line, documentStartLine, items.length > 0 ? (items[0] as LineToken).column : column, items.length > 0);
  const path: (string | number)[] = [...ancestors];
  for (const item of items) path.push(countItemIndex(lines, position.line, item.column, documentStartLine));
  const siblingKeys = collectSiblingKeys(lines, position.line, column, documentStartLine, items.length > 0);
  return { parentPath: path, key: keyToken?.key, inValue, prefix, prefixStart, column, siblingKeys, documentStartLine };
}

/** The full path of the key (or the value) under the cursor, for hover. */
export function pathAtPosition(lines: LineIndex, position: Position): ValuePath | undefined {
  const context = cursorContext(lines, { line: position.line, character: lines.lineText(position.line).length });
  return context.key === undefined ? undefined : [...context.parentPath, context.key];
}

/**
 * Keys and item indexes above `line` that contain `column`. After an item, the owner may also be a key at the
 * item's own column: a compact sequence (`containers:` then `- name: a` at the same indentation).
 */
function findAncestors(lines: LineIndex, line: number, startLine: number, column: number, startsWithItem: boolean): (string | number)[] {
  const path: (string | number)[] = [];
  let target = column;
  let afterItem = startsWithItem;
  const take = (t: LineToken, l: number) => {
    path.unshift(t.kind === 'key' ? (t.key as string) : countItemIndex(lines, l, t.column, startLine));
    target = t.column;
    afterItem = t.kind === 'item';
  };
  for (let l = line - 1; l >= startLine && (target > 0 || afterItem); l--) {
    const tokens = tokenizeLine(lines.lineText(l));
    let owner: LineToken | undefined;
    for (const t of tokens) if (t.column < target || (afterItem && t.kind === 'key' && t.column === target)) owner = t;
    if (!owner) continue;
    take(owner, l);
    // The tokens before the owner on its line are its ancestors too (`- name:` → item, then key).
    for (let i = tokens.indexOf(owner) - 1; i >= 0; i--) take(tokens[i] as LineToken, l);
  }
  return path;
}

/** Index of the sequence item starting at (line, column): items at that column above it, up to the parent. */
function countItemIndex(lines: LineIndex, line: number, column: number, startLine: number): number {
  let index = 0;
  for (let l = line - 1; l >= startLine; l--) {
    const tokens = tokenizeLine(lines.lineText(l));
    if (tokens.length === 0) continue;
    if (tokens.some((t) => t.kind === 'item' && t.column === column)) index++;
    else if ((tokens[0] as LineToken).column < column || (tokens[0] as LineToken).column === column) break;
  }
  return index;
}

function collectSiblingKeys(lines: LineIndex, line: number, column: number, startLine: number, startsItem: boolean): Set<string> {
  const keys = new Set<string>();
  const scan = (from: number, step: 1 | -1) => {
    for (let l = from; l >= startLine && l < lines.lineCount; l += step) {
      const text = lines.lineText(l);
      if (step === 1 && /^---/.test(text)) return;
      const tokens = tokenizeLine(text);
      if (tokens.length === 0) continue;
      const first = tokens[0] as LineToken;
      const key = tokens.find((t) => t.kind === 'key' && t.column === column);
      if (key?.key) keys.add(key.key);
      // A shallower line, or (going up) the start of this item, closes the mapping.
      if (first.column < column && !key) return;
      if (step === -1 && tokens.some((t) => t.kind === 'item' && t.column < column)) return;
      if (step === 1 && tokens.some((t) => t.kind === 'item' && t.column < column)) return;
    }
  };
  if (!startsItem) scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}

function findDocumentStart(lines: LineIndex, line: number): number {
  for (let l = line; l >= 0; l--) if (/^---(?:\s|$)/.test(lines.lineText(l))) return l === line ? l : l + 1;
  return 0;
}

function stripComment(value: string): string {
  const hash = value.search(/(?:^|\s)#/);
  return hash === -1 ? value : value.slice(0, hash);
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}
