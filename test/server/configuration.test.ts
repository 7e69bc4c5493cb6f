import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { DiagnosticSeverity } from 'vscode-languageserver-protocol';
import { LspTestSession } from './support/lsp-test-session.js';

const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:latest\n';
const codes = (d: { diagnostics: { code?: number | string }[] }) => d.diagnostics.map((x) => x.code);
/** Accepts a publication where image-tag has this severity (earlier passes may still be in flight). */
const imageTagIs = (severity: DiagnosticSeverity | undefined) => (d: { diagnostics: { code?: number | string; severity?: DiagnosticSeverity }[] }) =>
  d.diagnostics.find((x) => x.code === 'image-tag')?.severity === severity;

describe('settings over LSP', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({ files: { 'ignored/pod.yaml': POD } });
  });
  after(() => session.dispose());

  it('applies rule severities and disabled rules from settings, and re-validates on change', async () => {
    await session.open('pod.yaml', POD);
    const first = await session.diagnosticsFor('pod.yaml');
    assert.equal(first.diagnostics.find((d) => d.code === 'image-tag')?.severity, DiagnosticSeverity.Warning);

    let mark = session.mark();
    await session.changeSettings({ rules: { 'image-tag': 'error' } });
    const raised = await session.diagnosticsFor('pod.yaml', imageTagIs(DiagnosticSeverity.Error), mark);
    assert.equal(raised.diagnostics.find((d) => d.code === 'image-tag')?.severity, DiagnosticSeverity.Error);

    mark = session.mark();
    await session.changeSettings({ disabledRules: ['image-tag'] });
    const disabled = await session.diagnosticsFor('pod.yaml', imageTagIs(undefined), mark);
    assert.equal(codes(disabled).includes('image-tag'), false);
  });

  it('skips ignored paths', async () => {
    const mark = session.mark();
    await session.changeSettings({ ignorePaths: ['ignored/**'] });
    await session.open('ignored/pod.yaml', POD);
    const published = await session.diagnosticsFor('ignored/pod.yaml', () => true, mark);
    assert.deepEqual(published.diagnostics, []);
  });

  it('lets the repository config file win over user settings, and reloads it when it changes on disk', async () => {
    let mark = session.mark();
    await session.changeSettings({ rules: { 'image-tag': 'hint' } });
    const hinted = await session.diagnosticsFor('pod.yaml', imageTagIs(DiagnosticSeverity.Hint), mark);
    assert.equal(hinted.diagnostics.find((d) => d.code === 'image-tag')?.severity, DiagnosticSeverity.Hint);

    mark = session.mark();
    session.writeFile('.gitops-authoring.yaml', 'rules:\n  image-tag: error\n');
    await session.fileChangedOnDisk('.gitops-authoring.yaml', FileChangeType.Created);
    const repoWins = await session.diagnosticsFor('pod.yaml', imageTagIs(DiagnosticSeverity.Error), mark);
    assert.equal(repoWins.diagnostics.find((d) => d.code === 'image-tag')?.severity, DiagnosticSeverity.Error);
  });
});
