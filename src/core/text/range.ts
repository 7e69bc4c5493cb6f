// Positions as the Language Server Protocol counts them: 0-based lines, UTF-16 code units.

export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function isBefore(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

export function containsPosition(range: Range, p: Position): boolean {
  return !isBefore(p, range.start) && !isBefore(range.end, p);
}
