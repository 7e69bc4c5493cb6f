// Every diagnostic code the server can publish links to a section that exists in docs/rules.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ENGINE_CHECKS } from '../../src/core/lint/engine-checks.js';
import { RULES } from '../../src/core/lint/rule-list.js';
import { RULE_DOCS_BASE_URL, ruleDocsUrl } from '../../src/protocol/rule-docs.js';

/** GitHub's heading anchors: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
function anchorOf(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
}

describe('diagnostic code links', () => {
  const anchors = new Set(readFileSync('docs/rules.md', 'utf8').split('\n').filter((l) => l.startsWith('## ')).map((l) => anchorOf(l.slice(3))));

  it('point into docs/rules.md at an existing heading for every rule and engine check', () => {
    const ids = [...RULES.map((r) => r.meta.id), ...ENGINE_CHECKS.map((c) => c.id)];
    assert.ok(ids.length > 10);
    for (const id of ids) {
      const url = ruleDocsUrl(id);
      assert.ok(url.startsWith(`${RULE_DOCS_BASE_URL}#`), url);
      assert.ok(anchors.has(url.slice(url.indexOf('#') + 1)), `docs/rules.md has no section for ${id}`);
    }
  });
});
