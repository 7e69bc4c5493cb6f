// Writes an EditPlan to the repository's files: each file's current text must be the text the plan was made
// from ("changed since planning" otherwise); every new text is computed and written to a temporary file next
// to its target before any target is replaced (rename), so a failure leaves no file half written and, as far
// as the file system allows, none replaced.
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { EditPlan } from '../../core/edit/edit-plan.js';
import { applyFileEdits } from '../../core/writeback/apply-file-edits.js';
import type { FileChange } from '../../core/writeback/unified-diff.js';

/** The plan does not fit the files on disk any more (or cannot be written): nothing was written. */
export class PlanApplyError extends Error {
  constructor(message: string, readonly path?: string) {
    super(message);
    this.name = 'PlanApplyError';
  }
}

/** The planned files' texts at planning time, by repository-relative path (absent for files the plan creates). */
export type PlannedTexts = ReadonlyMap<string, string>;

/** Each planned file's text before and after, computed without writing: what a dry run shows. Throws PlanApplyError. */
export function planFileChanges(root: string, plan: EditPlan, originals: PlannedTexts): FileChange[] {
  return plan.files.map((file) => {
    const target = writableTarget(root, file.path);
    const current = readCurrent(target);
    const original = originals.get(file.path);
    if (!file.create && original === undefined) throw new PlanApplyError(`${file.path}: the text it was planned from is unknown; plan again`, file.path);
    if (current !== original) {
      throw new PlanApplyError(current === undefined
        ? `${file.path} was deleted since the change was planned; plan again`
        : `${file.path} changed since the change was planned (saved edits, a pull or a checkout); plan again`, file.path);
    }
    const applied = applyFileEdits(file, original);
    if ('problem' in applied) throw new PlanApplyError(applied.problem, file.path);
    return { path: file.path, before: original, after: applied.text };
  });
}

/** Writes the plan; returns what changed. Nothing is written when any file does not match or cannot be written. */
export function applyPlanToFiles(root: string, plan: EditPlan, originals: PlannedTexts): FileChange[] {
  const changes = planFileChanges(root, plan, originals).filter((c) => c.before !== c.after);
  const staged: { temp: string; target: string; before: string | undefined }[] = [];
  try {
    for (const change of changes) {
      const target = writableTarget(root, change.path);
      const temp = `${target}.gitops-authoring-${process.pid}-${staged.length}.tmp`;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(temp, change.after, { flag: 'wx' });
      staged.push({ temp, target, before: change.before });
      if (change.before !== undefined) chmodSync(temp, statSync(target).mode & 0o7777);
    }
  } catch (error) {
    for (const s of staged) removeQuietly(s.temp);
    throw new PlanApplyError(`could not write the planned files (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was changed`);
  }
  const done: (typeof staged)[number][] = [];
  try {
    for (const s of staged) {
      renameSync(s.temp, s.target);
      done.push(s);
    }
  } catch (error) {
    // Put back the files already replaced, so the repository holds the whole plan or none of it.
    for (const s of done) {
      if (s.before === undefined) removeQuietly(s.target);
      else writeFileSync(s.target, s.before);
    }
    for (const s of staged.slice(done.length)) removeQuietly(s.temp);
    throw new PlanApplyError(`could not replace the planned files (${(error as NodeJS.ErrnoException).code ?? String(error)}); nothing was changed`);
  }
  return changes;
}

function targetPath(root: string, path: string): string {
  const base = resolve(root);
  const target = resolve(base, path);
  if (path.startsWith('/') || !target.startsWith(base + sep)) throw new PlanApplyError(`${path} is outside the repository`, path);
  return target;
}

/**
 * The file a path names, through symbolic links (the link stays a link), refused when a link leads outside the
 * repository: a cloned repository's `app.yaml -> ~/.bashrc` must not be read or written.
 */
function writableTarget(root: string, path: string): string {
  const target = targetPath(root, path);
  const real = realpathOfExistingPart(target);
  const repository = repositoryTopOf(realpathOfExistingPart(resolve(root)));
  if (real !== repository && !real.startsWith(repository + sep)) {
    throw new PlanApplyError(`${path} is a symbolic link (or lies under one) that leads outside the repository; nothing was written`, path);
  }
  return real;
}

/** The real path of `path`, following links as far as the path exists (a file to create keeps its own name). */
function realpathOfExistingPart(path: string): string {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    try {
      return join(realpathSync(current), ...rest);
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      rest.unshift(basename(current));
      current = parent;
    }
  }
}

/** The top level of the Git repository holding `dir` (the nearest folder with `.git`), else `dir` itself. */
function repositoryTopOf(dir: string): string {
  for (let current = dir; ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return dir;
  }
}

function readCurrent(target: string): string | undefined {
  try {
    return readFileSync(target, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PlanApplyError(`${target} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

