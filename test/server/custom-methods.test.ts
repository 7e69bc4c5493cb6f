import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { lintWorkspaceRequest } from '../../src/protocol/lsp-extensions.js';
import { LspTestSession } from './support/lsp-test-session.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n';

describe('custom methods (src/protocol)', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({ files: { 'a/pod.yaml': POD, 'b/pod.yaml': POD.replace('name: p', 'name: q'), 'notes.md': '# not a manifest' } });
  });
  after(() => session.dispose());

  it('reports indexing, then ready with the number of manifest files', () => {
    assert.deepEqual(session.statuses.map((s) => s.state), ['indexing', 'ready']);
    assert.equal(session.statuses.at(-1)?.fileCount, 2);
  });

  it('lints the whole workspace on request, publishing closed files too', async () => {
    const mark = session.mark();
    const result = await session.client.sendRequest(lintWorkspaceRequest, { includeClosedFiles: true });
    assert.equal(result.fileCount, 2);
    assert.ok(result.warningCount >= 2, JSON.stringify(result));
    const closed = await session.diagnosticsFor('b/pod.yaml', () => true, mark);
    assert.ok(closed.diagnostics.some((d) => d.code === 'image-tag'));
  });
});
