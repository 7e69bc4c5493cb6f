// The TextMate injection's patterns (simple enough to behave the same in JavaScript and Oniguruma).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { suppressedOnLine } from '../../../src/core/lint/suppression.js';

interface Grammar {
  scopeName: string;
  injectionSelector: string;
  patterns: unknown[];
  repository: Record<string, { match: string; captures: Record<string, { name: string }> }>;
}

const grammar = JSON.parse(readFileSync('syntaxes/gitops-authoring-injection.tmLanguage.json', 'utf8')) as Grammar;
const regex = (name: string) => new RegExp(grammar.repository[name]?.match ?? '(?!)');

describe('YAML injection grammar', () => {
  it('is an injection, not a YAML grammar', () => {
    assert.notEqual(grammar.scopeName, 'source.yaml');
    assert.match(grammar.injectionSelector, /source\.yaml/);
    assert.equal('fileTypes' in grammar, false);
  });

  it('highlights suppression comments with the rule ids the engine reads', () => {
    const line = '  # gitops-authoring-ignore image-tag, run-as-root -- legacy image';
    const m = regex('suppression-comment').exec(line);
    assert.ok(m);
    assert.equal(m[1], 'gitops-authoring-ignore');
    assert.equal(m[2], 'image-tag, run-as-root');
    assert.equal(m[3], '-- legacy image');
    assert.deepEqual([...suppressedOnLine(line)], ['image-tag', 'run-as-root']);
    assert.equal(regex('suppression-comment').test('value: gitops-authoring-ignore x'), false);
  });

  it('highlights Flux substitutions with their default values', () => {
    const re = new RegExp(regex('flux-substitution').source, 'g');
    const found = [...'name: ${CLUSTER}-app-${ENV:=dev} ${REGION:-eu} $NOT ${1BAD}'.matchAll(re)].map((m) => [m[2], m[3], m[4]]);
    assert.deepEqual(found, [['CLUSTER', undefined, undefined], ['ENV', ':=', 'dev'], ['REGION', ':-', 'eu']]);
  });
});
