import type { Finding } from '../findings/finding.js';
import type { LineIndex } from '../text/line-index.js';
import type { Range } from '../text/range.js';

/** A path into a parsed value: object keys and array indexes, as JSON pointers have them. */
export type ValuePath = readonly (string | number)[];

/** Where a value sits in the source: what `SourceLocator` (source-locator.ts builds one per document) answers. */
export interface Located {
  /** Range of the key, for object members. */
  readonly key?: Range;
  /** Range of the value (for an empty value: where the value would be). */
  readonly value: Range;
  /** From the key (or the item's start) to the end of the value. */
  readonly whole: Range;
  /** Column (UTF-16) at which the key, or the sequence item, starts. */
  readonly indent: number;
}

/** Finds the source range of any path in a parsed document, lazily (ranges are only computed when asked). */
export interface SourceLocator {
  locate(path: ValuePath): Located | undefined;
  /** The deepest prefix of `path` that exists in the source, with how many segments matched. */
  locateNearest(path: ValuePath): { readonly located: Located; readonly depth: number };
}

export interface ManifestDocument {
  /** 0-based position of the document in its file. */
  readonly index: number;
  readonly range: Range;
  /** The plain JavaScript value, or undefined when the document could not be read at all. */
  readonly value: unknown;
  readonly locator: SourceLocator;
  /** True when the document holds Go/Helm template syntax and is no YAML yet. */
  readonly isTemplate: boolean;
  /** Parse problems of this document (syntax, duplicate keys, limits). */
  readonly problems: readonly Finding[];
}

export interface ManifestFile {
  /** Repository-relative POSIX path. */
  readonly path: string;
  readonly text: string;
  /** Offsets ↔ positions of `text`, built once per parse (fix planners and suppression checks share it). */
  readonly lines: LineIndex;
  readonly format: 'yaml' | 'json';
  readonly documents: readonly ManifestDocument[];
  /** Problems that concern the whole file (too large, not readable). */
  readonly problems: readonly Finding[];
  /**
   * Its content could not be read (its lint worker failed, and no earlier read of it exists): it stands in with no
   * documents, and other files' checks treat the objects it may declare as unknown, never as missing.
   */
  readonly isUnread?: boolean;
}
