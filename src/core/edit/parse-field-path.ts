// Reads a human field path as drift writes it (`.spec.template.spec.containers[name="app"].image`,
// `.metadata.annotations["example.com/x"]`, `.spec.ports[0]`) back into path segments.
import type { PathSegment } from '../drift/drift-types.js';

/** The segments of `text`, or undefined when it is no such path. */
export function parseFieldPath(text: string): PathSegment[] | undefined {
  const out: PathSegment[] = [];
  let i = 0;
  const s = text.trim();
  if (s === '.' || s === '') return s === '.' ? [] : undefined;
  while (i < s.length) {
    if (s[i] === '.') {
      const m = /^[A-Za-z_$][\w$-]*/.exec(s.slice(i + 1));
      if (!m) return undefined;
      out.push(m[0]);
      i += 1 + m[0].length;
      continue;
    }
    if (s[i] !== '[') return undefined;
    const close = closingBracket(s, i);
    if (close < 0) return undefined;
    const inner = s.slice(i + 1, close);
    i = close + 1;
    if (/^\d+$/.test(inner)) out.push({ index: Number(inner) });
    else if (inner.startsWith('"')) {
      const key = parseJsonString(inner);
      if (key === undefined) return undefined;
      out.push(key);
    } else {
      const key = parseItemKey(inner);
      if (!key) return undefined;
      out.push({ index: -1, key });
    }
  }
  return out;
}

function closingBracket(s: string, open: number): number {
  let quoted = false;
  for (let j = open + 1; j < s.length; j++) {
    if (quoted && s[j] === '\\') j++;
    else if (s[j] === '"') quoted = !quoted;
    else if (!quoted && s[j] === ']') return j;
  }
  return -1;
}

function parseJsonString(text: string): string | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** `name="app"` or `containerPort=80,protocol="TCP"`. */
function parseItemKey(text: string): Record<string, string | number> | undefined {
  const key: Record<string, string | number> = {};
  const re = /\s*([A-Za-z_][\w-]*)=("(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?)\s*(,|$)/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m || m[1] === undefined || m[2] === undefined) return undefined;
    key[m[1]] = m[2].startsWith('"') ? (parseJsonString(m[2]) ?? '') : Number(m[2]);
    at = re.lastIndex;
  }
  return Object.keys(key).length > 0 ? key : undefined;
}
