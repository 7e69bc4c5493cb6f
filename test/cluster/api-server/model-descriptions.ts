// Descriptions and required fields of built-in kinds, read from the doc comments of
// @kubernetes/client-node's generated model declarations (they come from the official OpenAPI).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface ModelDocs {
  description?: string;
  fields: Map<string, string>;
  required: string[];
}

const cache = new Map<string, ModelDocs>();
let modelsDir: string | undefined;

function dir(): string {
  if (!modelsDir) {
    const require = createRequire(__filename);
    modelsDir = join(dirname(require.resolve('@kubernetes/client-node')), 'gen', 'models');
  }
  return modelsDir;
}

function cleanComment(raw: string): string {
  return raw
    .split('\n')
    .map((l) => l.replace(/^\s*\*\s?/, '').trim())
    .filter(Boolean)
    .join(' ')
    .replace(/\\'/g, "'")
    .replace(/\\"/g, '"');
}

export function modelDocs(model: string): ModelDocs {
  const cached = cache.get(model);
  if (cached) return cached;
  const docs: ModelDocs = { fields: new Map(), required: [] };
  let text = '';
  try {
    text = readFileSync(join(dir(), `${model}.d.ts`), 'utf8');
  } catch {
    cache.set(model, docs);
    return docs;
  }
  const cls = /\/\*\*\n((?:(?!\*\/)[\s\S])*?)\*\/\nexport declare class/.exec(text);
  if (cls?.[1]) docs.description = cleanComment(cls[1]);
  const prop = /(?:\/\*\*\n((?:(?!\*\/)[\s\S])*?)\*\/\n)?\s*'([^']+)'(\?)?:/g;
  const body = text.slice(text.indexOf('export declare class'));
  for (const m of body.matchAll(prop)) {
    const name = m[2] as string;
    if (m[1]) docs.fields.set(name, cleanComment(m[1]));
    if (!m[3]) docs.required.push(name);
  }
  cache.set(model, docs);
  return docs;
}
