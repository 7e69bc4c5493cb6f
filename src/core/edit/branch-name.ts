// The write-back branch's name, from a template setting, made a valid Git ref name by the rules of
// `git check-ref-format --branch` (no `..`, no control characters or ` ~^:?*[\`, no component starting with
// `.` or ending with `.lock`, no `@{`, not `@`, no trailing `/` or `.`).

/** The CLI's default: deterministic, so the same unresolved drift names the same branch (no duplicate pull request). */
export const DEFAULT_BRANCH_TEMPLATE = 'gitops/codify-{kind}-{name}-{hash}';

export interface BranchNameValues {
  readonly kind?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly env?: string;
  /** `YYYYMMDD-HHMMSS` (UTC) when given a Date. */
  readonly date?: Date;
  /** The first field's last path segment (`replicas`, `image`). */
  readonly field?: string;
  /** `driftHashOf` the codified resources, fields and live values: the same drift, the same name (absent: the date). */
  readonly hash?: string;
}

const MAX_LENGTH = 100;

/** Fills `{kind}`, `{namespace}`, `{name}`, `{env}`, `{date}`, `{field}`, `{hash}` (unknown placeholders are dropped) and sanitizes the result. */
export function branchNameFrom(template: string, values: BranchNameValues): string {
  const filled = template.replace(/\{(\w+)\}/g, (_m, key: string) => {
    if (key === 'date') return values.date ? stamp(values.date) : '';
    // Nothing to hash (a caller without a plan): the date keeps the name new.
    if (key === 'hash' && !values.hash) return values.date ? stamp(values.date) : '';
    const value = (values as Record<string, unknown>)[key];
    return typeof value === 'string' ? value.toLowerCase() : '';
  });
  return sanitizeBranchName(filled) || sanitizeBranchName(DEFAULT_BRANCH_TEMPLATE.replace(/\{(\w+)\}/g, (_m, key: string) => (key === 'hash' && values.hash ? values.hash : 'x')));
}

/** A valid branch name made from any text ('' when nothing usable is left). */
export function sanitizeBranchName(raw: string): string {
  const components = raw
    // eslint-disable-next-line no-control-regex -- git forbids control characters in ref names
    .replace(/[\x00-\x20\x7f~^:?*[\\]+/g, '-')
    .replace(/@\{/g, '-')
    .split('/')
    .map((c) => c.replace(/\.{2,}/g, '.').replace(/-{2,}/g, '-').replace(/^[.-]+/, '').replace(/(\.lock)+$/i, '').replace(/[.-]+$/, ''))
    .filter((c) => c !== '');
  let name = components.join('/');
  if (name.length > MAX_LENGTH) name = name.slice(0, MAX_LENGTH).replace(/[./-]+$/, '').replace(/(\.lock)+$/i, '');
  return name === '@' ? '' : name;
}

/** Whether the name is one `sanitizeBranchName` leaves as it is (a valid Git branch name; a few valid ones, like `a--b`, are not). */
export function isValidBranchName(name: string): boolean {
  return name !== '' && sanitizeBranchName(name) === name;
}

function stamp(date: Date): string {
  const iso = date.toISOString(); // 2026-12-04T20:41:07.123Z
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}
