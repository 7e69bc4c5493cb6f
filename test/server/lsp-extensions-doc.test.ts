// docs/lsp-extensions.md describes src/protocol; its hash line proves it was reviewed after the last change.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';

const PROTOCOL_FILES = ['src/protocol/lsp-extensions.ts', 'src/protocol/settings.ts', 'src/protocol/drift-messages.ts', 'src/protocol/writeback-messages.ts', 'src/protocol/agent-control-messages.ts', 'src/protocol/drift-edit-messages.ts'];
const METHOD_FILES = ['src/protocol/lsp-extensions.ts', 'src/protocol/drift-messages.ts', 'src/protocol/writeback-messages.ts', 'src/protocol/agent-control-messages.ts', 'src/protocol/drift-edit-messages.ts'];

describe('docs/lsp-extensions.md', () => {
  it('carries the hash of the protocol declarations', () => {
    const hash = createHash('sha256');
    for (const file of PROTOCOL_FILES) hash.update(readFileSync(file, 'utf8'));
    const expected = hash.digest('hex').slice(0, 16);
    const doc = readFileSync('docs/lsp-extensions.md', 'utf8');
    const actual = /<!-- protocol-hash: ([0-9a-f]+) -->/.exec(doc)?.[1];
    assert.equal(actual, expected, `src/protocol changed: update docs/lsp-extensions.md, then its hash line to ${expected}`);
  });

  it('names every custom method declared in src/protocol', () => {
    const source = METHOD_FILES.map((file) => readFileSync(file, 'utf8')).join('\n');
    const doc = readFileSync('docs/lsp-extensions.md', 'utf8');
    const methods = [...source.matchAll(/\$\{METHOD_PREFIX\}(\w+)/g)].map((m) => `gitopsAuthoring/${m[1]}`);
    assert.ok(methods.length >= 7, `found only ${methods.join(', ')}`);
    for (const method of methods) assert.ok(doc.includes(`\`${method}\``), `${method} is not documented`);
  });
});
