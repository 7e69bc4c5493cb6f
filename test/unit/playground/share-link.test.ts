import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeSharedState, encodeSharedState } from '../../../src/playground/share-link.js';

test('a shared state survives the fragment: text (unicode, CRLF), Kubernetes version, rules turned off', async () => {
  const state = { text: 'apiVersion: v1\r\nkind: ConfigMap\r\ndata:\r\n  greeting: "grüße ✓"\r\n'.repeat(50), kubernetesVersion: '1.31', disabledRules: ['image-tag', 'resources'] };
  const fragment = await encodeSharedState(state);
  assert.match(fragment, /^code=[A-Za-z0-9_-]+&k8s=1\.31&off=image-tag%2Cresources$/);
  assert.ok(fragment.length < state.text.length / 4, `compressed: ${fragment.length} < ${state.text.length / 4}`);
  assert.deepEqual(await decodeSharedState(`#${fragment}`), state);
});

test('a fragment without code, or with damaged code, restores nothing', async () => {
  assert.equal(await decodeSharedState(''), undefined);
  assert.equal(await decodeSharedState('#k8s=1.30'), undefined);
  assert.equal(await decodeSharedState('#code=not-deflate'), undefined);
});
