// applyFileEdits: last to first, overlap refused, CRLF kept; redactCredentials removes URL credentials and tokens.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFileEdits } from '../../../src/core/writeback/apply-file-edits.js';
import { redactCredentials } from '../../../src/core/writeback/redact-credentials.js';

const at = (line: number, character: number) => ({ line, character });
const edit = (sl: number, sc: number, el: number, ec: number, newText: string) => ({ path: 'a.yaml', range: { start: at(sl, sc), end: at(el, ec) }, newText });

describe('applyFileEdits', () => {
  it('applies several edits in any order, each against the original positions', () => {
    const out = applyFileEdits({ path: 'a.yaml', edits: [edit(2, 3, 2, 4, '30'), edit(0, 3, 0, 4, '10')] }, 'a: 1\nb: 2\nc: 3\n');
    assert.deepEqual(out, { text: 'a: 10\nb: 2\nc: 30\n' });
  });

  it('writes inserted lines in the file\'s CRLF line ends', () => {
    const out = applyFileEdits({ path: 'a.yaml', edits: [edit(1, 0, 1, 0, 'x: 1\n  y: 2\n')] }, 'a: 1\r\nb: 2\r\n');
    assert.deepEqual(out, { text: 'a: 1\r\nx: 1\r\n  y: 2\r\nb: 2\r\n' });
  });

  it('refuses overlapping edits, a missing file and a created file that exists', () => {
    assert.ok('problem' in applyFileEdits({ path: 'a.yaml', edits: [edit(0, 0, 0, 4, 'x'), edit(0, 2, 0, 3, 'y')] }, 'a: 1\n'));
    assert.ok('problem' in applyFileEdits({ path: 'a.yaml', edits: [edit(0, 0, 0, 1, 'x')] }, undefined));
    assert.ok('problem' in applyFileEdits({ path: 'a.yaml', create: true, edits: [edit(0, 0, 0, 0, 'x: 1\n')] }, 'old'));
    assert.deepEqual(applyFileEdits({ path: 'a.yaml', create: true, edits: [edit(0, 0, 0, 0, 'x: 1\n')] }, undefined), { text: 'x: 1\n' });
  });
});

describe('redactCredentials', () => {
  it('removes user:token@ from URLs and token-shaped words', () => {
    const text = "fatal: unable to access 'https://x-access-token:ghs_abcdefghijklmnopqrstuvwx@github.com/o/r.git/': 403; token glpat-ABCDEFGHIJKLMNOPQRST and Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345";
    const out = redactCredentials(text);
    assert.doesNotMatch(out, /ghs_|glpat-A|abcdefghijklmnopqrstuvwxyz/);
    assert.match(out, /https:\/\/github\.com\/o\/r\.git/);
    assert.match(out, /Bearer \*\*\*/);
    assert.equal(redactCredentials('ssh://git@host/x and https://host/y'), 'ssh://host/x and https://host/y');
  });
});
