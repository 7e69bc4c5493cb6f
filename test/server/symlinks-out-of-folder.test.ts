// The language server reads nothing out of a workspace folder through a symbolic link: a ConfigMap declared only
// in a file outside (reached by `up -> ..`, `apps/ext -> /abs/outside` and `linked.yaml -> ../outside/…`) is not
// in the index, so a reference to it is dangling. Over the real server and real links.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeSymlinkedRepository } from '../support/symlinked-repository.js';
import { LspTestSession } from './support/lsp-test-session.js';

const podUsing = (...names: string[]) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:1.36\n      envFrom:\n${names.map((n) => `        - configMapRef:\n            name: ${n}\n`).join('')}`;
const isDangling = (d: { code?: number | string }) => d.code === 'dangling-reference';

describe('a workspace folder with symbolic links out of it', () => {
  it('declares nothing from the files they lead to, and what is inside still counts', async () => {
    const session = await LspTestSession.start({ files: { 'other/placeholder.yaml': '' }, folders: ['other'] });
    try {
      writeSymlinkedRepository(session.root);
      await session.addFolder('repo');
      await session.open('repo/pod.yaml', podUsing('inside', 'outside'));
      const pod = await session.diagnosticsFor('repo/pod.yaml');
      assert.deepEqual(pod.diagnostics.filter(isDangling).map((d) => d.message.match(/ConfigMap '(\w+)'/)?.[1]), ['outside']);
    } finally {
      await session.dispose();
    }
  });
});
