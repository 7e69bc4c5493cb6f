// Results computed for an older state never replace newer ones, even when the server waits on the client
// (here: its settings request is held while the user keeps typing).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspTestSession } from './support/lsp-test-session.js';

const pod = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: ${image}\n`;

describe('stale results', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start();
  });
  after(() => session.dispose());

  it('publishes only the newest version after a held settings request', async () => {
    await session.open('pod.yaml', pod('busybox:latest'));
    await session.diagnosticsFor('pod.yaml', (d) => d.version === 1);

    let release: () => void = () => undefined;
    session.configurationGate = new Promise((resolve) => (release = resolve));
    const requestsBefore = session.configurationRequests;
    const mark = session.mark();
    await session.changeSettings({ rules: { 'image-tag': 'error' } }); // forgets cached settings: the next run asks
    await session.waitFor(() => session.configurationRequests > requestsBefore, 'the held settings request');
    const v2 = await session.change('pod.yaml', { text: pod('busybox:1.0') });
    const v3 = await session.change('pod.yaml', { text: pod('busybox') });
    release();
    session.configurationGate = undefined;

    const last = await session.diagnosticsFor('pod.yaml', (d) => d.version === v3, mark);
    assert.ok(last.diagnostics.some((d) => d.code === 'image-tag' && d.severity === 1), JSON.stringify(last.diagnostics));
    // Nothing for the overtaken versions, and nothing after the newest one that is older.
    const published = session.published('pod.yaml', mark);
    const versions = published.map((p) => p.version);
    assert.equal(versions.includes(v2), false, `published versions: ${versions.join(',')}`);
    const newest = versions.indexOf(v3);
    assert.ok(versions.slice(newest).every((v) => v === v3), `published versions: ${versions.join(',')}`);
  });
});
