import type { FieldChange, PathSegment } from './drift-types.js';

/** A difference found by the walk, before attribution, ignore rules and masking. */
export interface RawDiff {
  readonly segments: readonly PathSegment[];
  /** Path into the Git object (Git's list indexes), for the source location; undefined when Git lacks it. */
  readonly gitPath?: readonly (string | number)[];
  /** Path into the live object (live list indexes); undefined when live lacks it. */
  readonly livePath?: readonly (string | number)[];
  /** Object keys only: what list semantics, defaults and quantities are looked up by. */
  readonly keyPath: readonly string[];
  readonly change: FieldChange;
  readonly gitValue?: unknown;
  readonly liveValue?: unknown;
  /** For `changed-default`: the server's default where Git leaves the field out. */
  readonly gitDefault?: unknown;
}

/** Where the walk stands in both objects. */
export interface WalkPosition {
  readonly segments: readonly PathSegment[];
  readonly gitPath: readonly (string | number)[];
  readonly livePath: readonly (string | number)[] | undefined;
  readonly keyPath: readonly string[];
}

export const ROOT: WalkPosition = { segments: [], gitPath: [], livePath: [], keyPath: [] };

export function childKey(pos: WalkPosition, key: string): WalkPosition {
  return {
    segments: [...pos.segments, key],
    gitPath: [...pos.gitPath, key],
    livePath: pos.livePath ? [...pos.livePath, key] : undefined,
    keyPath: [...pos.keyPath, key],
  };
}

export function childItem(pos: WalkPosition, gitIndex: number, liveIndex: number | undefined, key?: Record<string, string | number>): WalkPosition {
  return {
    segments: [...pos.segments, key ? { index: liveIndex ?? gitIndex, key } : { index: liveIndex ?? gitIndex }],
    gitPath: [...pos.gitPath, gitIndex],
    livePath: pos.livePath && liveIndex !== undefined ? [...pos.livePath, liveIndex] : undefined,
    keyPath: pos.keyPath,
  };
}
