// Issue 14, the server keeps answering: a large open document (the 4 MB ConfigMap with 200,000 keys)
// is parsed and linted in a worker thread. Over the real server (in-memory LSP streams, the real worker):
// requests on other documents are answered while it is linted, shutdown is answered, a newer edit cancels a
// stale lint, a worker past its deadline leaves a file-limits finding, and the worker's findings are the
// main thread's. Ordering is asserted by events (what arrived before what), never by timing.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ShutdownRequest } from 'vscode-languageserver-protocol';
import { nodeWorkspaceSource } from '../../src/server/node-workspace-source.js';
import type { ServerDeps } from '../../src/server/server-deps.js';
import { WorkspaceState } from '../../src/server/workspace-state.js';
import type { LspTestSession } from './support/lsp-test-session.js';
import { ANSWERS_DURING_LINT, answeredUntil, HUGE, POD, realDeps, startSession, WAIT_MS, wideMap } from './support/off-thread-session.js';

describe('a 4 MB document is linted off the main thread', { timeout: 4 * WAIT_MS }, () => {
  let session: LspTestSession;
  before(async () => {
    session = await startSession({ deps: realDeps({}) });
    await session.open('pod.yaml', POD);
    await session.diagnosticsFor('pod.yaml');
  });
  after(() => session.dispose());

  it('answers hover, completion and symbols on another document while the huge one is linted, then publishes it', async () => {
    await session.open('wide.yaml', HUGE);
    const since = session.mark();
    let isPublished = false;
    const published = session.diagnosticsFor('wide.yaml', (d) => d.version === 1, since).then((d) => ((isPublished = true), d));
    const answered = await answeredUntil(session, 'pod.yaml', () => isPublished);
    assert.ok(answered >= ANSWERS_DURING_LINT, `only ${answered} answers arrived before the huge document's diagnostics`);
    const diagnostics = (await published).diagnostics;
    // Read, or on a very loaded machine refused by the per-document time budget: never stopped as a worker.
    assert.deepEqual(diagnostics.filter((d) => d.code === 'yaml-syntax' || d.message.startsWith('File not validated')), []);
  });

  it('an edit while it is linted cancels the stale lint: only the newest version is published, and requests keep being answered', async () => {
    const line = (n: number) => ({ start: { line: 5 + n, character: 2 }, end: { line: 5 + n, character: 2 } });
    const since = session.mark();
    const stale = await session.change('wide.yaml', { range: line(0), text: 'a' });
    const newest = await session.change('wide.yaml', { range: line(1), text: 'b' });
    let isPublished = false;
    const published = session.diagnosticsFor('wide.yaml', (d) => d.version === newest, since).then(() => (isPublished = true));
    const answered = await answeredUntil(session, 'pod.yaml', () => isPublished);
    await published;
    assert.ok(answered >= ANSWERS_DURING_LINT, `only ${answered} answers arrived before the newest version's diagnostics`);
    assert.deepEqual(session.published('wide.yaml', since).filter((d) => d.version === stale), [], 'the overtaken version is never published');
  });

  it('a stuck document stalls no other: an edited small document and a second large one are published before it', async () => {
    await session.open('second.yaml', wideMap(20_000, 'second')); // ~450 KB: its own worker, started here
    await session.diagnosticsFor('second.yaml');
    const since = session.mark();
    const version = await session.change('wide.yaml', { range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } }, text: 'c' });
    const podVersion = await session.change('pod.yaml', { text: POD.replace('name: p', 'name: q') });
    const secondVersion = await session.change('second.yaml', { range: { start: { line: 5, character: 2 }, end: { line: 5, character: 2 } }, text: 'd' });
    const order: string[] = [];
    // The second document's worker sees the huge one as its summary, never as a text to parse again.
    await Promise.all([
      session.diagnosticsFor('wide.yaml', (d) => d.version === version, since).then(() => order.push('huge')),
      session.diagnosticsFor('pod.yaml', (d) => d.version === podVersion, since).then(() => order.push('pod')),
      session.diagnosticsFor('second.yaml', (d) => d.version === secondVersion, since).then(() => order.push('second')),
    ]);
    assert.equal(order.at(-1), 'huge', order.join(', '));
  });
});

describe('the main thread\'s index learns what the worker read', { timeout: 4 * WAIT_MS }, () => {
  it('a reference to a ConfigMap in a large document resolves, and dangles again once it is renamed', async () => {
    // 20,000 keys (~450 KB): linted in a worker, and well inside the per-document time budget even under load.
    const session = await startSession({ deps: realDeps({}) });
    try {
      await session.open('pod.yaml', POD);
      await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.some((x) => x.code === 'dangling-reference'));
      const since = session.mark();
      await session.open('wide.yaml', wideMap(20_000));
      await session.diagnosticsFor('pod.yaml', (d) => !d.diagnostics.some((x) => x.code === 'dangling-reference'), since);
      const renamed = session.mark();
      const version = await session.change('wide.yaml', { range: { start: { line: 3, character: 8 }, end: { line: 3, character: 12 } }, text: 'renamed' });
      await session.diagnosticsFor('wide.yaml', (d) => d.version === version, renamed);
      const pod = await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.some((x) => x.code === 'dangling-reference'), renamed);
      assert.match(pod.diagnostics.find((d) => d.code === 'dangling-reference')?.message ?? '', /ConfigMap 'wide' is referenced but declared nowhere/);
    } finally {
      await session.dispose();
    }
  });
});

describe('shutdown while a huge document is linted', { timeout: 4 * WAIT_MS }, () => {
  it('is answered before the lint finishes', async () => {
    const session = await startSession({ deps: realDeps({}) });
    try {
      await session.open('pod.yaml', POD);
      await session.diagnosticsFor('pod.yaml');
      const since = session.mark();
      await session.open('wide.yaml', HUGE);
      const events: string[] = [];
      void session.diagnosticsFor('wide.yaml', () => true, since).then(() => events.push('diagnostics'), () => undefined);
      // A few answers first, so that the lint is under way when shutdown is sent.
      await answeredUntil(session, 'pod.yaml', () => events.length > 0);
      await session.client.sendRequest(ShutdownRequest.type);
      events.push('shutdown');
      assert.deepEqual(events.filter((e) => e !== ''), ['shutdown']);
    } finally {
      await session.dispose();
    }
  });
});

describe('the lint worker', { timeout: 4 * WAIT_MS }, () => {
  it('past its deadline is stopped: the file gets one file-limits finding, other documents are still linted', async () => {
    const session = await startSession({ deps: realDeps({ minChars: 1000, deadlineMs: 1 }) });
    try {
      await session.open('wide.yaml', wideMap(100));
      const stopped = await session.diagnosticsFor('wide.yaml');
      assert.deepEqual(stopped.diagnostics.map((d) => [d.code, d.message]), [['file-limits', 'File not validated: linting it took longer than 1 ms, so it was stopped; other files\' checks treat the objects it may declare as unknown until it is read.']]);
      await session.open('pod.yaml', POD.replace('wide', 'missing').replace('busybox:1.36', 'busybox'));
      const pod = await session.diagnosticsFor('pod.yaml');
      assert.ok(pod.diagnostics.some((d) => d.code === 'image-tag'), JSON.stringify(pod.diagnostics));
      // The stopped file was never read: the ConfigMap may be declared there, so no reference to it dangles.
      assert.ok(!pod.diagnostics.some((d) => d.code === 'dangling-reference'), JSON.stringify(pod.diagnostics));
    } finally {
      await session.dispose();
    }
  });

  it('finds what the main thread finds, cross-file rules and the repository listing included', async () => {
    const files = {
      'apps/present/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: present\n  namespace: apps\ndata:\n  a: b\n',
      'clusters/prod/source.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: repo\n  namespace: flux-system\nspec:\n  url: https://example.com/repo.git\n  ref:\n    branch: main\n',
    };
    const text = [
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: present\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps/present\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: repo\n',
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: missing\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps/missing\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: nowhere\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  namespace: apps\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app: d }\n  template:\n    metadata:\n      labels: { app: d }\n    spec:\n      containers:\n        - name: c\n          image: nginx:latest\n          envFrom:\n            - configMapRef: { name: present }\n            - configMapRef: { name: absent }\n',
      wideMap(300, 'filler'),
    ].join('---\n');
    const lintWith = async (deps: Partial<ServerDeps>) => {
      const session = await startSession({ files, deps });
      try {
        await session.open('clusters/prod/apps.yaml', text);
        return (await session.diagnosticsFor('clusters/prod/apps.yaml')).diagnostics;
      } finally {
        await session.dispose();
      }
    };
    const here = await lintWith(realDeps());
    const inWorker = await lintWith(realDeps({ minChars: 1000 }));
    assert.ok(here.length >= 3, JSON.stringify(here));
    assert.deepEqual(inWorker, here);
  });

  it('knows the repository root as the main thread does: a single wrong Flux path is found in the worker too', async () => {
    // The folder is a repository's root (what git says), so one Kustomization whose path exists nowhere is an error.
    const source = { ...nodeWorkspaceSource, repositoryFacts: () => ({ prefix: '', remoteUrls: ['https://example.com/repo.git'] }) };
    const files = { 'clusters/prod/source.yaml': 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: repo\n  namespace: flux-system\nspec:\n  interval: 10m\n  url: https://example.com/repo.git\n  ref:\n    branch: main\n' };
    const text = ['apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps\n  namespace: flux-system\nspec:\n  interval: 10m\n  path: ./apps/missing\n  prune: true\n  sourceRef:\n    kind: GitRepository\n    name: repo\n', wideMap(300, 'filler')].join('---\n');
    const lintWith = async (deps: Partial<ServerDeps>) => {
      const session = await startSession({ files, deps: { ...deps, source } });
      try {
        await session.open('clusters/prod/apps.yaml', text);
        return (await session.diagnosticsFor('clusters/prod/apps.yaml')).diagnostics;
      } finally {
        await session.dispose();
      }
    };
    const here = await lintWith(realDeps());
    assert.ok(here.some((d) => /apps\/missing/.test(d.message)), JSON.stringify(here));
    assert.deepEqual(await lintWith(realDeps({ minChars: 1000 })), here);
  });
});

describe('the main thread keeps what the worker reported', () => {
  const text = wideMap(3);
  const source = { scan: () => ({ manifestPaths: ['wide.yaml'], listing: { entryType: () => undefined } }), readText: () => text };
  const summary = { index: 0, range: { start: { line: 0, character: 0 }, end: { line: 8, character: 0 } }, value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wide' } }, isTemplate: false, problems: [], located: [] };

  it('a large buffer is never parsed here: its index entry is the worker\'s summary, also once it is closed as saved', () => {
    const state = new WorkspaceState(source, '/repo', () => true);
    state.setOpen('file:///repo/wide.yaml', 'wide.yaml', 1, text);
    assert.deepEqual(state.index().resources, [], 'nothing known before the worker reports (no parse here)');
    assert.equal(state.acceptOffThreadParse('wide.yaml', 1, { documents: [summary], problems: [] }), true, 'a new object: other files depend on it');
    assert.deepEqual(state.index().resourcesInFile('wide.yaml').map((r) => r.object), [summary.value]);
    state.close('wide.yaml');
    assert.deepEqual(state.index().resourcesInFile('wide.yaml').map((r) => r.object), [summary.value], 'closed as saved: the summary, not a parse of the disk text');
    assert.deepEqual(state.takePendingDiskParses(), [], 'nothing left for a worker to read');
    assert.deepEqual([...state.sourceTexts()].map(([path, , parse]) => [path, parse?.documents.length]), [['wide.yaml', 1]], 'other workers get the report, not a text to parse');
  });

  it('a large file on disk is never parsed here: it stands in empty until a worker reports, and its report outlives a re-read of the same text', () => {
    const state = new WorkspaceState(source, '/repo', () => true);
    state.loadFromDisk();
    assert.deepEqual(state.index().resources, [], 'nothing known before the worker reports (no parse here)');
    assert.deepEqual(state.takePendingDiskParses(), ['wide.yaml']);
    assert.equal(state.acceptDiskParse('wide.yaml', `${text}# other\n`, { documents: [summary], problems: [] }), false, 'a report of another text');
    assert.equal(state.acceptDiskParse('wide.yaml', text, { documents: [summary], problems: [] }), true, 'a new object: other files depend on it');
    assert.deepEqual(state.index().resourcesInFile('wide.yaml').map((r) => r.object), [summary.value]);
    state.loadFromDisk();
    assert.deepEqual(state.takePendingDiskParses(), [], 'the same text read again: the report stands');
    assert.deepEqual(state.index().resourcesInFile('wide.yaml').map((r) => r.object), [summary.value]);
    assert.deepEqual([...state.sourceTexts()].map(([path, , parse]) => [path, parse?.documents.length]), [['wide.yaml', 1]], 'other workers get the report, not a text to parse');
  });

  it('a large file opened as read at start-up keeps that read when its worker fails, and other workers are sent it', () => {
    const state = new WorkspaceState(source, '/repo', () => true);
    state.loadFromDisk();
    assert.equal(state.acceptDiskParse('wide.yaml', text, { documents: [summary], problems: [] }), true);
    state.setOpen('file:///repo/wide.yaml', 'wide.yaml', 1, text);
    assert.deepEqual([...state.sourceTexts()].map(([path, , parse]) => [path, parse?.documents.length]), [['wide.yaml', 1]], 'other workers get the start-up read, not nothing');
    assert.deepEqual(state.offThreadReadFailed('wide.yaml', 1), { affectsOthers: false, isUnread: false });
    assert.deepEqual(state.index().resourcesInFile('wide.yaml').map((r) => r.object), [summary.value]);
    assert.deepEqual(state.index().unreadFiles, []);
  });

  it('a report for an older version is ignored', () => {
    const state = new WorkspaceState(source, '/repo', () => true);
    state.setOpen('file:///repo/wide.yaml', 'wide.yaml', 1, text);
    state.setOpen('file:///repo/wide.yaml', 'wide.yaml', 2, `${text}# edited\n`);
    assert.equal(state.acceptOffThreadParse('wide.yaml', 1, { documents: [summary], problems: [] }), false);
    assert.deepEqual(state.index().resources, []);
  });
});
