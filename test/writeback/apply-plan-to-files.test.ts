// applyPlanToFiles on a real directory: written atomically, refused (nothing written) when a file changed since planning.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { EditPlan } from '../../src/core/edit/edit-plan.js';
import { applyPlanToFiles, PlanApplyError, planFileChanges } from '../../src/adapters/writeback/apply-plan-to-files.js';

const at = (line: number, character: number) => ({ line, character });
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ga-apply-'));
  writeFileSync(join(dir, 'app.yaml'), 'spec:\r\n  replicas: 3 # peak\r\n');
  mkdirSync(join(dir, 'overlays'));
  writeFileSync(join(dir, 'overlays', 'kustomization.yaml'), 'resources:\n- ../app.yaml\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function plan(): EditPlan {
  return {
    files: [
      { path: 'app.yaml', edits: [{ path: 'app.yaml', range: { start: at(1, 12), end: at(1, 13) }, newText: '5' }] },
      { path: 'overlays/kustomization.yaml', edits: [{ path: 'overlays/kustomization.yaml', range: { start: at(2, 0), end: at(2, 0) }, newText: 'patches:\n- path: patch.yaml\n' }] },
      { path: 'overlays/patch.yaml', create: true, edits: [{ path: 'overlays/patch.yaml', range: { start: at(0, 0), end: at(0, 0) }, newText: 'kind: Deployment\n' }] },
    ],
    fields: [], summary: [], commitMessage: 'm', refused: [],
  };
}

function originals(): Map<string, string> {
  return new Map([['app.yaml', readFileSync(join(dir, 'app.yaml'), 'utf8')], ['overlays/kustomization.yaml', readFileSync(join(dir, 'overlays', 'kustomization.yaml'), 'utf8')]]);
}

function tree(): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(join(dir, rel))) {
      const p = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, p)).isDirectory()) walk(p);
      else out[p] = readFileSync(join(dir, p), 'utf8');
    }
  };
  walk('');
  return out;
}

describe('applyPlanToFiles', () => {
  it('writes every planned file (edits, CRLF kept, a created file) and keeps the file mode', () => {
    chmodSync(join(dir, 'app.yaml'), 0o640);
    const changes = applyPlanToFiles(dir, plan(), originals());
    assert.deepEqual(changes.map((c) => c.path), ['app.yaml', 'overlays/kustomization.yaml', 'overlays/patch.yaml']);
    assert.deepEqual(tree(), {
      'app.yaml': 'spec:\r\n  replicas: 5 # peak\r\n',
      'overlays/kustomization.yaml': 'resources:\n- ../app.yaml\npatches:\n- path: patch.yaml\n',
      'overlays/patch.yaml': 'kind: Deployment\n',
    });
    assert.equal(statSync(join(dir, 'app.yaml')).mode & 0o777, 0o640);
  });

  it('refuses a file changed since planning and writes nothing at all', () => {
    const texts = originals();
    writeFileSync(join(dir, 'overlays', 'kustomization.yaml'), 'resources:\n- ../app.yaml\n# saved meanwhile\n');
    const before = tree();
    assert.throws(() => applyPlanToFiles(dir, plan(), texts), (e: unknown) => e instanceof PlanApplyError && /overlays\/kustomization\.yaml changed since the change was planned/.test(e.message));
    assert.deepEqual(tree(), before);
  });

  it('refuses a created file that appeared meanwhile, and a path outside the repository', () => {
    writeFileSync(join(dir, 'overlays', 'patch.yaml'), 'mine\n');
    assert.throws(() => applyPlanToFiles(dir, plan(), originals()), /overlays\/patch\.yaml changed since/);
    const outside: EditPlan = { ...plan(), files: [{ path: '../evil.yaml', create: true, edits: [{ path: '../evil.yaml', range: { start: at(0, 0), end: at(0, 0) }, newText: 'x' }] }] };
    assert.throws(() => applyPlanToFiles(dir, outside, new Map()), /outside the repository/);
    assert.equal(existsSync(join(dir, '..', 'evil.yaml')), false);
  });

  it('refuses a symbolic link that leads outside the repository (a file or a folder on the way), writing and reading nothing there', () => {
    const outside = mkdtempSync(join(tmpdir(), 'ga-outside-'));
    try {
      writeFileSync(join(outside, 'victim.yaml'), 'spec:\r\n  replicas: 3 # peak\r\n');
      rmSync(join(dir, 'app.yaml'));
      symlinkSync(join(outside, 'victim.yaml'), join(dir, 'app.yaml'));
      const texts = new Map([['app.yaml', 'spec:\r\n  replicas: 3 # peak\r\n'], ['overlays/kustomization.yaml', readFileSync(join(dir, 'overlays', 'kustomization.yaml'), 'utf8')]]);
      const before = tree();
      assert.throws(() => applyPlanToFiles(dir, plan(), texts), (e: unknown) => e instanceof PlanApplyError && /app\.yaml is a symbolic link .*outside the repository/.test(e.message));
      assert.throws(() => planFileChanges(dir, plan(), texts), /outside the repository/);
      assert.equal(readFileSync(join(outside, 'victim.yaml'), 'utf8'), 'spec:\r\n  replicas: 3 # peak\r\n');
      assert.deepEqual(tree(), before);

      // A folder on the way: overlays/ -> outside; the created file would land there.
      rmSync(join(dir, 'app.yaml'));
      writeFileSync(join(dir, 'app.yaml'), 'spec:\r\n  replicas: 3 # peak\r\n');
      rmSync(join(dir, 'overlays'), { recursive: true });
      symlinkSync(outside, join(dir, 'overlays'));
      const created: EditPlan = { ...plan(), files: [plan().files[2] as EditPlan['files'][number]] };
      assert.throws(() => applyPlanToFiles(dir, created, new Map()), /overlays\/patch\.yaml is a symbolic link .*outside the repository/);
      assert.equal(existsSync(join(outside, 'patch.yaml')), false);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a symbolic link inside the repository is written through, and stays a link', () => {
    mkdirSync(join(dir, 'base'));
    writeFileSync(join(dir, 'base', 'app.yaml'), readFileSync(join(dir, 'app.yaml')));
    rmSync(join(dir, 'app.yaml'));
    symlinkSync(join('base', 'app.yaml'), join(dir, 'app.yaml'));
    applyPlanToFiles(dir, { ...plan(), files: [plan().files[0] as EditPlan['files'][number]] }, new Map([['app.yaml', 'spec:\r\n  replicas: 3 # peak\r\n']]));
    assert.equal(lstatSync(join(dir, 'app.yaml')).isSymbolicLink(), true);
    assert.equal(readFileSync(join(dir, 'base', 'app.yaml'), 'utf8'), 'spec:\r\n  replicas: 5 # peak\r\n');
  });

  it('a file that cannot be written leaves every file as it was', () => {
    const texts = originals();
    // The second file's temporary name is taken by a directory: its write fails after the first was staged.
    mkdirSync(join(dir, 'overlays', `kustomization.yaml.gitops-authoring-${process.pid}-1.tmp`));
    const before = tree();
    assert.throws(() => applyPlanToFiles(dir, plan(), texts), /could not write the planned files \((EISDIR|EEXIST)\); nothing was changed/);
    assert.deepEqual(tree(), before);
    assert.equal(existsSync(join(dir, `app.yaml.gitops-authoring-${process.pid}-0.tmp`)), false, 'the first temporary file is removed');
  });

  it('planFileChanges computes the texts without writing', () => {
    const before = tree();
    const changes = planFileChanges(dir, plan(), originals());
    assert.equal(changes[0]?.after, 'spec:\r\n  replicas: 5 # peak\r\n');
    assert.deepEqual(tree(), before);
  });
});
