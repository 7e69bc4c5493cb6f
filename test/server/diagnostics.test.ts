import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FileChangeType } from 'vscode-languageserver-protocol';
import { ruleDocsUrl } from '../../src/protocol/rule-docs.js';
import { LspTestSession } from './support/lsp-test-session.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx:latest
`;

describe('diagnostics over LSP', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({
      files: {
        'apps/kustomization.yaml': 'resources:\n  - web.yaml\n  - other.yaml\n',
        'apps/other.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n',
      },
    });
  });
  after(() => session.dispose());

  it('publishes findings with exact ranges, the rule id as code and a link to its docs', async () => {
    await session.open('apps/web.yaml', DEPLOYMENT);
    const published = await session.diagnosticsFor('apps/web.yaml', (d) => d.version === 1);
    const imageTag = published.diagnostics.find((d) => d.code === 'image-tag');
    assert.ok(imageTag, JSON.stringify(published.diagnostics));
    assert.deepEqual(imageTag.range, { start: { line: 9, character: 17 }, end: { line: 9, character: 29 } });
    assert.equal(imageTag.codeDescription?.href, ruleDocsUrl('image-tag'));
    assert.equal(imageTag.source, 'gitops-authoring');
  });

  it('re-lints on change and reports YAML syntax errors where they are', async () => {
    const version = await session.change('apps/web.yaml', { text: DEPLOYMENT.replace('nginx:latest', 'nginx:1.27.3') + 'broken: [\n' });
    const published = await session.diagnosticsFor('apps/web.yaml', (d) => d.version === version);
    assert.equal(published.diagnostics.some((d) => d.code === 'image-tag'), false);
    const syntax = published.diagnostics.find((d) => d.code === 'yaml-syntax');
    assert.ok(syntax, JSON.stringify(published.diagnostics));
    assert.ok(syntax.range.start.line >= 11, `syntax error at line ${syntax.range.start.line}`);
  });

  it('applies incremental (range) changes', async () => {
    await session.change('apps/web.yaml', { text: DEPLOYMENT });
    // Replace `latest` on line 9 with `1.0` by range, as an editor does for a keystroke.
    const version = await session.change('apps/web.yaml', { range: { start: { line: 9, character: 23 }, end: { line: 9, character: 29 } }, text: '1.0' });
    const published = await session.diagnosticsFor('apps/web.yaml', (d) => d.version === version);
    assert.equal(published.diagnostics.some((d) => d.code === 'image-tag'), false, JSON.stringify(published.diagnostics));
  });

  it('reports cross-file duplicates with related information, and updates when a closed file changes on disk', async () => {
    await session.open('apps/dup.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n');
    const clean = await session.diagnosticsFor('apps/dup.yaml');
    assert.deepEqual(clean.diagnostics, []);
    const mark = session.mark();
    // other.yaml is not open: a change on disk must reach the open document's findings.
    session.writeFile('apps/other.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n');
    session.writeFile('apps/kustomization.yaml', 'resources:\n  - web.yaml\n  - other.yaml\n  - dup.yaml\n');
    await session.fileChangedOnDisk('apps/other.yaml', FileChangeType.Changed);
    await session.fileChangedOnDisk('apps/kustomization.yaml', FileChangeType.Changed);
    const dup = await session.diagnosticsFor('apps/dup.yaml', (d) => d.diagnostics.some((x) => x.code === 'duplicate-resource'), mark);
    const finding = dup.diagnostics.find((d) => d.code === 'duplicate-resource');
    assert.deepEqual(finding?.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } });
    assert.equal(finding?.relatedInformation?.[0]?.location.uri, session.uri('apps/other.yaml'));
    assert.deepEqual(finding?.relatedInformation?.[0]?.location.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 6 } });
  });

  it('clears a finding when the other file is deleted on disk', async () => {
    const mark = session.mark();
    rmSync(join(session.root, 'apps/other.yaml'));
    await session.fileChangedOnDisk('apps/other.yaml', FileChangeType.Deleted);
    // Earlier passes may still publish: wait (with a deadline) for the one that no longer has the duplicate.
    const after = await session.diagnosticsFor('apps/dup.yaml', (d) => !d.diagnostics.some((x) => x.code === 'duplicate-resource'), mark);
    assert.deepEqual(after.diagnostics.map((d) => d.code), []);
  });
});

describe('files that are not manifests', () => {
  it('leaves package.json and plain YAML alone', async () => {
    const session = await LspTestSession.start();
    try {
      await session.open('package.json', '{ "name": "x", "version": [ }', 'json');
      await session.open('.github/workflows/ci.yaml', 'on: push\njobs: {build: [\n');
      await session.open('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: busybox}]}\n');
      // Documents are handled in order: once pod.yaml has findings, the earlier two had their turn.
      await session.diagnosticsFor('pod.yaml', (d) => d.diagnostics.length > 0);
      const workflow = await session.diagnosticsFor('.github/workflows/ci.yaml');
      assert.deepEqual(workflow.diagnostics, []);
      assert.equal(session.published('package.json').length, 0);
    } finally {
      await session.dispose();
    }
  });
});
