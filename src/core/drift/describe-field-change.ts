// One wording for a drifted field's values, shared by the CLI and the editor: `git 3 → live 5`,
// `added live: DEBUG=1`, `git (default: None) → live ClientIP`.
import { isRecord } from '../resource/manifest-resource.js';
import { FieldChange } from './drift-types.js';

export interface FieldValues {
  readonly change: FieldChange;
  readonly gitValue?: unknown;
  readonly liveValue?: unknown;
  readonly gitDefault?: unknown;
}

/** How a value is written (the caller cuts or quotes it). */
export type ShowValue = (value: unknown) => string;

/** Strings as they are, anything else as JSON; absent as `(none)`. */
export const showPlain: ShowValue = (value) => (value === undefined ? '(none)' : typeof value === 'string' ? value : JSON.stringify(value) ?? String(value));

/** What a person added, short: an env variable `NAME=value`, a container `name (image)`, else the value. */
export function describeAddedValue(value: unknown, show: ShowValue = showPlain): string {
  if (isRecord(value) && typeof value.name === 'string') {
    if ('value' in value && Object.keys(value).length === 2) return `${value.name}=${show(value.value)}`;
    if (typeof value.image === 'string') return `${value.name} (${value.image})`;
  }
  return show(value);
}

/** `git A → live B`; `added live: …`; `git (default: D) → live B`. `withSides: false` drops the words git/live. */
export function describeFieldChange(f: FieldValues, show: ShowValue = showPlain, withSides = true): string {
  const git = withSides ? 'git ' : '';
  const live = withSides ? 'live ' : '';
  if (f.change === FieldChange.AddedLive) return `added live: ${describeAddedValue(f.liveValue, show)}`;
  if (f.change === FieldChange.ChangedDefault) return `${git}(default: ${show(f.gitDefault)}) → ${live}${show(f.liveValue)}`;
  return `${git}${show(f.gitValue)} → ${live}${show(f.liveValue)}`;
}
