// Every source URI of a delta is spelled the way the editor spells it, so decorations find their document.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeDeltaUris } from '../../../src/extension/drift-uris.js';
import { aField, aResource, sourceAt } from './drift-view-builders.js';

const SERVER_SPELLING = 'file:///home/me/team@corp/apps/api.yaml';
/** How VS Code's `Uri.parse(…).toString()` spells it: `@` percent-encoded. */
const VSCODE_SPELLING = 'file:///home/me/team%40corp/apps/api.yaml';
const vscodeNormalizer = (uri: string) => uri.replace(/@/g, '%40');

describe('normalizeDeltaUris', () => {
  it('rewrites resource and field sources with the editor\'s normalizer, and nothing else', () => {
    assert.notEqual(SERVER_SPELLING, VSCODE_SPELLING, 'the two spellings differ (the case this guards)');
    const resource = aResource('Deployment', 'shop', 'api', { source: sourceAt(SERVER_SPELLING, 0), fields: [aField('.spec.replicas', 3, 5, { source: sourceAt(SERVER_SPELLING, 7) })] });
    const out = normalizeDeltaUris({ environmentId: 'e', reset: false, removed: ['x'], upserted: [resource] }, vscodeNormalizer);
    assert.equal(out.upserted[0]?.source?.uri, VSCODE_SPELLING);
    assert.equal(out.upserted[0]?.fields[0]?.source?.uri, VSCODE_SPELLING);
    assert.deepEqual(out.removed, ['x']);
    assert.equal(out.upserted[0]?.source?.range.start.line, 0);
  });
});
