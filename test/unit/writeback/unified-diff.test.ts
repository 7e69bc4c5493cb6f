// renderUnifiedDiff against the real `git diff --no-index`: the same hunks, line for line.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { renderUnifiedDiff } from '../../../src/core/writeback/unified-diff.js';

function gitDiff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ga-diff-'));
  try {
    writeFileSync(join(dir, 'a'), before);
    writeFileSync(join(dir, 'b'), after);
    try {
      execFileSync('git', ['diff', '--no-index', '--no-color', '-U3', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
      return '';
    } catch (error) {
      const out = (error as { stdout: string }).stdout;
      return out.slice(out.indexOf('@@')).replace(/^(@@ [^@]+ @@).*$/gm, '$1');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function ours(before: string, after: string): string {
  const out = renderUnifiedDiff([{ path: 'x.yaml', before, after }]);
  return out.slice(out.indexOf('@@'));
}

const LONG = Array.from({ length: 30 }, (_, i) => `line${i}: ${i}`).join('\n') + '\n';

describe('renderUnifiedDiff', () => {
  const cases: [string, string, string][] = [
    ['one value', 'a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 5\nc: 3\n'],
    ['far apart edits: two hunks', LONG, LONG.replace('line2: 2', 'line2: two').replace('line25: 25', 'line25: x')],
    ['close edits: one hunk', LONG, LONG.replace('line2: 2', 'line2: two').replace('line8: 8', 'line8: x')],
    ['inserted lines', LONG, LONG.replace('line10: 10\n', 'line10: 10\n  new: a\n  new2: b\n')],
    ['first and last line', 'a\nb\nc\n', 'A\nb\nC\n'],
    ['no newline at the end', 'a: 1\nb: 2', 'a: 1\nb: 3'],
    ['newline added at the end', 'a: 1\nb: 2', 'a: 1\nb: 2\n'],
    ['edits 4,000 lines apart: two hunks', Array.from({ length: 4000 }, (_, i) => `k${i}: ${i}`).join('\n') + '\n', Array.from({ length: 4000 }, (_, i) => `k${i}: ${i === 3 || i === 3990 ? 'x' : i}`).join('\n') + '\n'],
    ['CRLF kept', 'a: 1\r\nb: 2\r\nc: 3\r\n', 'a: 1\r\nb: 7\r\nc: 3\r\n'],
  ];
  for (const [name, before, after] of cases) {
    it(`${name}: same hunks as git diff`, () => {
      assert.equal(ours(before, after), gitDiff(before, after));
    });
  }

  it('a diff with repeated lines (where several diffs are right) applies with git apply', () => {
    const before = 'x\nx\nx\ny\nx\nx\n';
    const after = 'x\nx\nz\ny\nx\nx\nx\n';
    const dir = mkdtempSync(join(tmpdir(), 'ga-apply-'));
    try {
      writeFileSync(join(dir, 'x.yaml'), before);
      writeFileSync(join(dir, 'p.diff'), renderUnifiedDiff([{ path: 'x.yaml', before, after }]));
      execFileSync('git', ['apply', '--unsafe-paths', 'p.diff'], { cwd: dir });
      assert.equal(readFileSync(join(dir, 'x.yaml'), 'utf8'), after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('random edits of random files: the diff applies with git apply and gives the new text', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const dir = mkdtempSync(join(tmpdir(), 'ga-apply-'));
    try {
      for (let round = 0; round < 12; round++) {
        const before = Array.from({ length: 5 + random(60) }, () => ['a: 1', 'b: 2', '  c: 3', '- d', ''][random(5)]).join('\n') + (random(2) ? '\n' : '');
        const lines = before.split('\n');
        for (let e = 0; e < 1 + random(6); e++) {
          const at = random(lines.length);
          const what = random(3);
          if (what === 0) lines.splice(at, 1);
          else if (what === 1) lines.splice(at, 0, `new ${round}.${e}`);
          else lines[at] = `changed ${round}.${e}`;
        }
        const after = lines.join('\n');
        if (after === before) continue;
        writeFileSync(join(dir, 'x.yaml'), before);
        writeFileSync(join(dir, 'p.diff'), renderUnifiedDiff([{ path: 'x.yaml', before, after }]));
        execFileSync('git', ['apply', '--unsafe-paths', 'p.diff'], { cwd: dir });
        assert.equal(readFileSync(join(dir, 'x.yaml'), 'utf8'), after, `round ${round}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a created file diffs against /dev/null; an unchanged file prints nothing', () => {
    assert.equal(renderUnifiedDiff([{ path: 'p.yaml', before: undefined, after: 'a: 1\nb: 2\n' }, { path: 'same.yaml', before: 'a\n', after: 'a\n' }]),
      '--- /dev/null\n+++ b/p.yaml\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n');
    assert.equal(renderUnifiedDiff([{ path: 'app.yaml', before: 'a: 1\n', after: 'a: 2\n' }]), '--- a/app.yaml\n+++ b/app.yaml\n@@ -1 +1 @@\n-a: 1\n+a: 2\n');
  });
});
