// Multi-root workspaces: each folder is its own repository (index, repo config, disk changes).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DiagnosticSeverity, FileChangeType } from 'vscode-languageserver-protocol';
import { LspTestSession } from './support/lsp-test-session.js';

const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n';
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox:latest\n';
const imageTag = (d: { diagnostics: { code?: number | string; severity?: DiagnosticSeverity }[] }) => d.diagnostics.find((x) => x.code === 'image-tag');

describe('multi-root workspaces', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({
      folders: ['infra', 'apps'],
      files: {
        'infra/cm.yaml': CM,
        'apps/cm.yaml': CM,
        'infra/.gitops-authoring.yaml': 'rules:\n  image-tag: error\n',
        'later/pod.yaml': POD,
        // Each folder is one deployment unit (a plain directory is not: duplicates there are not reported).
        'apps/kustomization.yaml': 'resources:\n  - cm.yaml\n  - cm-copy.yaml\n  - pod.yaml\n',
        'infra/kustomization.yaml': 'resources:\n  - cm.yaml\n  - other.yaml\n  - pod.yaml\n',
        'later/kustomization.yaml': 'resources:\n  - pod.yaml\n  - pod-copy.yaml\n',
      },
    });
  });
  after(() => session.dispose());

  it('keeps folders apart: the same object in two repositories is no duplicate', async () => {
    await session.open('apps/cm-copy.yaml', CM);
    const published = await session.diagnosticsFor('apps/cm-copy.yaml', (d) => d.diagnostics.some((x) => x.code === 'duplicate-resource'));
    assert.equal(published.diagnostics.find((d) => d.code === 'duplicate-resource')?.relatedInformation?.[0]?.location.uri, session.uri('apps/cm.yaml'));
    await session.open('infra/other.yaml', CM.replace('shared', 'other'));
    const infra = await session.diagnosticsFor('infra/other.yaml');
    assert.deepEqual(infra.diagnostics, []);
  });

  it("applies each folder's repository config to its own files only", async () => {
    await session.open('infra/pod.yaml', POD);
    await session.open('apps/pod.yaml', POD);
    assert.equal(imageTag(await session.diagnosticsFor('infra/pod.yaml'))?.severity, DiagnosticSeverity.Error);
    assert.equal(imageTag(await session.diagnosticsFor('apps/pod.yaml'))?.severity, DiagnosticSeverity.Warning);
  });

  it('routes a change on disk to its folder', async () => {
    const mark = session.mark();
    session.writeFile('apps/.gitops-authoring.yaml', 'rules:\n  image-tag: hint\n');
    await session.fileChangedOnDisk('apps/.gitops-authoring.yaml', FileChangeType.Created);
    const apps = await session.diagnosticsFor('apps/pod.yaml', (d) => imageTag(d)?.severity === DiagnosticSeverity.Hint, mark);
    assert.ok(imageTag(apps));
    // infra may still get its own debounced passes, but never apps' configuration.
    for (const p of session.published('infra/pod.yaml', mark)) assert.equal(imageTag(p)?.severity, DiagnosticSeverity.Error);
  });

  it('moves an open document into a folder added later', async () => {
    await session.open('later/pod-copy.yaml', POD);
    const loose = await session.diagnosticsFor('later/pod-copy.yaml');
    assert.equal(loose.diagnostics.some((d) => d.code === 'duplicate-resource'), false);
    const mark = session.mark();
    await session.addFolder('later');
    // Now in the folder with later/pod.yaml and its kustomization: the same Pod twice in one unit.
    await session.diagnosticsFor('later/pod-copy.yaml', (d) => d.diagnostics.some((x) => x.code === 'duplicate-resource'), mark);
  });
});
