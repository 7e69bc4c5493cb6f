// Label selectors (query string and LabelSelector objects) and field selectors.
import { badRequest } from './status-errors.js';
import { getPath, isObject, type JsonValue, type KubeObject } from './types.js';

type Requirement =
  | { op: 'exists' | 'notexists'; key: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: '=' | '!='; key: string; value: string };

/** Splits on commas that are not inside parentheses. */
function splitTerms(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur);
  return out.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(s: string): Requirement[] {
  return splitTerms(s).map((term) => {
    let m = /^(\S+)\s+(in|notin)\s+\((.*)\)$/.exec(term);
    if (m) return { op: m[2] as 'in' | 'notin', key: m[1] as string, values: (m[3] as string).split(',').map((v) => v.trim()).filter(Boolean) };
    m = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (m) return { op: m[2] === '!=' ? '!=' : '=', key: m[1] as string, value: (m[3] as string).trim() };
    if (term.startsWith('!')) return { op: 'notexists', key: term.slice(1).trim() };
    if (/^[A-Za-z0-9./_-]+$/.test(term)) return { op: 'exists', key: term };
    throw badRequest(`unable to parse requirement: found '${term}', expected: in, notin, =, ==, !=, gt, lt`);
  });
}

function matches(reqs: Requirement[], labels: Record<string, JsonValue>): boolean {
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const v = has ? String(labels[r.key]) : undefined;
    switch (r.op) {
      case 'exists':
        return has;
      case 'notexists':
        return !has;
      case 'in':
        return v !== undefined && r.values.includes(v);
      case 'notin':
        return v === undefined || !r.values.includes(v);
      case '=':
        return v === r.value;
      case '!=':
        return v !== r.value;
    }
  });
}

export function labelsMatch(selector: string, obj: KubeObject): boolean {
  const labels = isObject(obj.metadata.labels) ? obj.metadata.labels : {};
  return matches(parseLabelSelector(selector), labels);
}

/** Whether a metav1.LabelSelector (matchLabels + matchExpressions) selects these labels. */
export function labelSelectorMatches(sel: JsonValue | undefined, labels: Record<string, JsonValue>): boolean {
  if (!isObject(sel)) return false;
  return matches(labelSelectorRequirements(sel), labels);
}

function labelSelectorRequirements(sel: Record<string, JsonValue>): Requirement[] {
  const reqs: Requirement[] = [];
  if (isObject(sel.matchLabels)) for (const [k, v] of Object.entries(sel.matchLabels)) reqs.push({ op: '=', key: k, value: String(v) });
  if (Array.isArray(sel.matchExpressions)) {
    for (const e of sel.matchExpressions) {
      if (!isObject(e)) continue;
      const key = String(e.key);
      const values = Array.isArray(e.values) ? e.values.map(String) : [];
      const op = String(e.operator);
      if (op === 'In') reqs.push({ op: 'in', key, values });
      else if (op === 'NotIn') reqs.push({ op: 'notin', key, values });
      else if (op === 'Exists') reqs.push({ op: 'exists', key });
      else if (op === 'DoesNotExist') reqs.push({ op: 'notexists', key });
    }
  }
  return reqs;
}

/** The string form of a LabelSelector, as the scale subresource reports it in status.selector. */
export function labelSelectorString(sel: JsonValue | undefined): string {
  if (!isObject(sel)) return '';
  return labelSelectorRequirements(sel)
    .map((r) => {
      switch (r.op) {
        case '=':
          return `${r.key}=${r.value}`;
        case '!=':
          return `${r.key}!=${r.value}`;
        case 'in':
          return `${r.key} in (${r.values.join(',')})`;
        case 'notin':
          return `${r.key} notin (${r.values.join(',')})`;
        case 'exists':
          return r.key;
        case 'notexists':
          return `!${r.key}`;
      }
    })
    .sort()
    .join(',');
}

/** Field selectors: metadata.name, metadata.namespace and any other dotted path with = / == / !=. */
export function fieldsMatch(selector: string, obj: KubeObject): boolean {
  return splitTerms(selector).every((term) => {
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(term);
    if (!m) throw badRequest(`invalid selector: '${selector}'; can't understand '${term}'`);
    const actual = getPath(obj, (m[1] as string).trim().split('.'));
    const value = actual === undefined || actual === null ? '' : String(actual);
    return m[2] === '!=' ? value !== m[3] : value === m[3];
  });
}
