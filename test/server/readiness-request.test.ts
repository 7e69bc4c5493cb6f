import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { gatherReadinessInput } from '../../src/adapters/readiness/gather-readiness-input.js';
import { readinessReportRequest } from '../../src/protocol/lsp-extensions.js';
import { git } from '../readiness/git-fixture.js';
import { CONFIGMAP, fluxKustomization, GIT_REPOSITORY } from '../unit/readiness/readiness-input-builder.js';
import { LspTestSession } from './support/lsp-test-session.js';

describe('gitopsAuthoring/readinessReport', () => {
  let session: LspTestSession;
  before(async () => {
    session = await LspTestSession.start({
      folders: ['fleet', 'scripts'],
      files: {
        'fleet/clusters/prod/sync.yaml': `${GIT_REPOSITORY}---\n${fluxKustomization('flux-system', './clusters/prod')}`,
        'fleet/apps/cm.yaml': CONFIGMAP,
        'scripts/deploy.sh': 'kubectl apply -f app.yaml\n',
      },
      deps: { readinessInput: gatherReadinessInput },
    });
    git(join(session.root, 'fleet'), 'init', '-q');
    git(join(session.root, 'fleet'), 'add', '-A');
    git(join(session.root, 'fleet'), 'commit', '-q', '-m', 'fleet');
  });
  after(() => session.dispose());

  it('answers one report per workspace folder, evidence relative to it', async () => {
    const result = await session.client.sendRequest(readinessReportRequest, {});
    assert.deepEqual(result.folders.map((f) => f.folderUri), [pathToFileURL(join(session.root, 'fleet')).href, pathToFileURL(join(session.root, 'scripts')).href]);
    const fleet = result.folders[0]?.report;
    assert.ok(fleet);
    const agent = fleet.questions.find((q) => q.id === 'pulled.agent');
    assert.equal(agent?.answer, 'Yes');
    assert.equal(agent?.evidence[0]?.path, 'clusters/prod/sync.yaml');
    assert.equal(fleet.scores.find((s) => s.principle === 'versioned')?.score, 3);
    const scripts = result.folders[1]?.report;
    assert.equal(scripts?.questions.find((q) => q.id === 'declarative.imperative-steps')?.evidence[0]?.path, 'deploy.sh');
  });

  it('answers for the folder asked for only', async () => {
    const uri = pathToFileURL(join(session.root, 'scripts')).href;
    const result = await session.client.sendRequest(readinessReportRequest, { folderUri: uri });
    assert.deepEqual(result.folders.map((f) => f.folderUri), [uri]);
  });
});

describe('gitopsAuthoring/readinessReport without a reader', () => {
  it('answers with an error per folder, never a report', async () => {
    const session = await LspTestSession.start({ files: { 'cm.yaml': CONFIGMAP } });
    try {
      const result = await session.client.sendRequest(readinessReportRequest, {});
      assert.equal(result.folders.length, 1);
      assert.equal(result.folders[0]?.report, undefined);
      assert.match(result.folders[0]?.error ?? '', /not available/);
    } finally {
      session.dispose();
    }
  });
});
