// A unified diff (`diff -u` / `git diff` shape, three lines of context) of planned files against the texts
// they were planned from: what `codify --dry-run` prints and what a preview shows. Pure; lines keep their `\r`.

const CONTEXT = 3;

export interface FileChange {
  readonly path: string;
  /** Undefined for a created file. */
  readonly before: string | undefined;
  readonly after: string;
}

/** The unified diff of every changed file, in the given order; empty when nothing changes. */
export function renderUnifiedDiff(changes: readonly FileChange[]): string {
  return changes.map(renderFileDiff).join('');
}

function renderFileDiff(change: FileChange): string {
  if (change.before === change.after) return '';
  const oldLines = splitLines(change.before ?? '');
  const newLines = splitLines(change.after);
  const header = `--- ${change.before === undefined ? '/dev/null' : `a/${change.path}`}\n+++ b/${change.path}\n`;
  return header + hunksOf(oldLines, newLines).join('');
}

interface Line {
  readonly text: string;
  readonly hasEnd: boolean;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const last = parts.pop() as string;
  const lines = parts.map((t) => ({ text: t, hasEnd: true }));
  if (last !== '') lines.push({ text: last, hasEnd: false });
  return lines;
}

type Op = { readonly kind: ' ' | '-' | '+'; readonly line: Line };
type NumberedOp = Op & { readonly oldNo: number; readonly newNo: number };

/** Line operations after trimming the common head and tail; the middle is diffed by longest common subsequence. */
function operationsOf(a: Line[], b: Line[]): NumberedOp[] {
  const same = (x: Line | undefined, y: Line | undefined) => x !== undefined && y !== undefined && x.text === y.text && x.hasEnd === y.hasEnd;
  let head = 0;
  while (head < a.length && head < b.length && same(a[head], b[head])) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && same(a[a.length - 1 - tail], b[b.length - 1 - tail])) tail++;
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ kind: ' ', line: a[i] as Line });
  ops.push(...myersOperations(midA, midB, same));
  // Removals before additions inside a change, as diff prints them.
  const middle = ops.splice(head);
  ops.push(...orderRemovalsFirst(middle));
  for (let k = 0; k < tail; k++) ops.push({ kind: ' ', line: a[a.length - tail + k] as Line });
  return numbered(ops);
}

/** Beyond this many differing lines the changed middle is shown as removed, then added (a rewrite, not an edit). */
const MAX_DIFFERENCES = 2000;

/**
 * Myers' O((N+M)·D) shortest edit script: fast for a plan's few changed lines in a long file, whatever the
 * distance between them. Keeps only each round's frontier window, O(D²) memory.
 */
function myersOperations(a: readonly Line[], b: readonly Line[], same: (x: Line | undefined, y: Line | undefined) => boolean): Op[] {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_DIFFERENCES);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && same(a[x], b[y])) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    trace.push(v.slice(offset - d - 1, offset + d + 2));
  }
  if (found < 0) return [...a.map((line) => ({ kind: '-' as const, line })), ...b.map((line) => ({ kind: '+' as const, line }))];
  // Walk back from (n, m) through each round's frontier.
  const out: Op[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d - 1] as Int32Array; // window of round d-1: index k + d (k from -(d-1)-1 … (d-1)+1)
    const at = (k: number) => prev[k + d] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    for (; x > prevX && y > prevY; y--) out.push({ kind: ' ', line: a[--x] as Line });
    if (down) out.push({ kind: '+', line: b[--y] as Line });
    else out.push({ kind: '-', line: a[--x] as Line });
  }
  for (; x > 0 && y > 0; y--) out.push({ kind: ' ', line: a[--x] as Line });
  return out.reverse();
}

/** Each operation with the old and new line index (0-based) it stands at. */
function numbered(ops: readonly Op[]): NumberedOp[] {
  let oldNo = 0;
  let newNo = 0;
  return ops.map((op) => {
    const at = { ...op, oldNo, newNo };
    if (op.kind !== '+') oldNo++;
    if (op.kind !== '-') newNo++;
    return at;
  });
}

function orderRemovalsFirst(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    out.push(...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    run = [];
  };
  for (const op of ops) {
    if (op.kind === ' ') {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function hunksOf(a: Line[], b: Line[]): string[] {
  const ops = operationsOf(a, b);
  const changed = ops.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  const hunks: string[] = [];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] as number;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] as number) - last <= 2 * CONTEXT + 1) last = changed[++k] as number;
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length - 1, last + CONTEXT);
    const slice = ops.slice(from, to + 1);
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    const start = slice[0] as NumberedOp;
    const oldStart = oldCount === 0 ? start.oldNo : start.oldNo + 1;
    const newStart = newCount === 0 ? start.newNo : start.newNo + 1;
    const body = slice.map((o) => `${o.kind}${o.line.text}\n${o.line.hasEnd ? '' : '\\ No newline at end of file\n'}`).join('');
    hunks.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@\n${body}`);
  }
  return hunks;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
