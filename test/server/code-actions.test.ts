import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CodeActionRequest, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit } from './support/apply-workspace-edit.js';
import { LspTestSession } from './support/lsp-test-session.js';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:latest
      resources:
        requests: { cpu: 10m, memory: 16Mi }
        limits: { memory: 16Mi }
`;

describe('code actions over LSP', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start();
  });
  after(() => session.dispose());

  async function actionsFor(text: string, path: string, code: string): Promise<{ diagnostic: Diagnostic; actions: CodeAction[] }> {
    await session.open(path, text);
    const published = await session.diagnosticsFor(path, (d) => d.diagnostics.some((x) => x.code === code));
    const diagnostic = published.diagnostics.find((d) => d.code === code) as Diagnostic;
    const actions = (await session.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: session.uri(path) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic], only: ['quickfix'] },
    })) as CodeAction[];
    return { diagnostic, actions };
  }

  it("applies a rule's quick fix as a WorkspaceEdit that removes the finding", async () => {
    const { actions } = await actionsFor(POD, 'pod.yaml', 'image-tag');
    const pin = actions.find((a) => a.title.startsWith('Pin a version tag'));
    assert.ok(pin?.edit, JSON.stringify(actions.map((a) => a.title)));
    assert.equal(pin.isPreferred, true);
    const fixed = applyWorkspaceEdit(pin.edit, session.uri('pod.yaml'), POD);
    assert.equal(fixed, POD.replace('busybox:latest', 'busybox:REPLACE_WITH_VERSION'));
    const version = await session.change('pod.yaml', { text: fixed });
    const after = await session.diagnosticsFor('pod.yaml', (d) => d.version === version);
    assert.equal(after.diagnostics.some((d) => d.code === 'image-tag'), false);
  });

  it('suppresses a rule with a comment above the line', async () => {
    const { actions } = await actionsFor(POD, 'pod-comment.yaml', 'image-tag');
    const comment = actions.find((a) => a.title === "Suppress 'image-tag' on this line (comment)");
    assert.ok(comment?.edit);
    const suppressed = applyWorkspaceEdit(comment.edit, session.uri('pod-comment.yaml'), POD);
    assert.match(suppressed, /\n {6}# gitops-authoring-ignore image-tag\n {6}image: busybox:latest\n/);
    const version = await session.change('pod-comment.yaml', { text: suppressed });
    const after = await session.diagnosticsFor('pod-comment.yaml', (d) => d.version === version);
    assert.equal(after.diagnostics.some((d) => d.code === 'image-tag'), false);
  });

  it('suppresses a rule for the object with an annotation', async () => {
    const { actions } = await actionsFor(POD, 'pod-annotation.yaml', 'image-tag');
    const annotation = actions.find((a) => a.title === "Suppress 'image-tag' for Pod/debug (annotation)");
    assert.ok(annotation?.edit, JSON.stringify(actions.map((a) => a.title)));
    const suppressed = applyWorkspaceEdit(annotation.edit, session.uri('pod-annotation.yaml'), POD);
    assert.match(suppressed, /metadata:\n {2}name: debug\n {2}annotations:\n {4}ignore-check\.gitops-authoring\.dev\/image-tag: "[^"]+"\n/);
    const version = await session.change('pod-annotation.yaml', { text: suppressed });
    const after = await session.diagnosticsFor('pod-annotation.yaml', (d) => d.version === version);
    assert.equal(after.diagnostics.some((d) => d.code === 'image-tag'), false);
  });

  it('offers nothing for other code action kinds', async () => {
    const actions = await session.client.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: session.uri('pod.yaml') },
      range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
      context: { diagnostics: [], only: ['refactor'] },
    });
    assert.deepEqual(actions, []);
  });
});
