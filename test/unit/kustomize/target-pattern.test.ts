import assert from 'node:assert/strict';
import { test } from 'node:test';
import { doesTargetFieldMatch } from '../../../src/core/kustomize/target-pattern.js';

test('a patch target field is an anchored regular expression; unset or empty matches anything', () => {
  assert.equal(doesTargetFieldMatch('web', ['web']), true);
  assert.equal(doesTargetFieldMatch('web', ['web-canary']), false, 'anchored at the end');
  assert.equal(doesTargetFieldMatch('app-.*', ['web', 'app-1']), true, 'any of the values');
  assert.equal(doesTargetFieldMatch('a|b', ['b']), true, 'alternation stays inside the anchors');
  assert.equal(doesTargetFieldMatch('a|b', ['ab']), false);
  assert.equal(doesTargetFieldMatch(undefined, ['x']), true);
  assert.equal(doesTargetFieldMatch('', ['x']), true);
});

test('a pattern that does not compile is "cannot tell", not an exception', () => {
  assert.equal(doesTargetFieldMatch('web(', ['web(']), undefined);
});
