// Where the cursor is, from indentation alone (half-typed YAML included).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../src/core/text/line-index.js';
import { cursorContext, pathAtPosition } from '../../src/server/yaml-path-at-position.js';

/** `|` marks the cursor. */
function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('|');
  const text = textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 1);
  const lines = new LineIndex(text);
  return { lines, position: lines.positionAt(offset) };
}

describe('cursor context', () => {
  it('finds the mapping being written, with its siblings', () => {
    const { lines, position } = at('spec:\n  replicas: 1\n  |\n  paused: true\n');
    const context = cursorContext(lines, position);
    assert.deepEqual(context.parentPath, ['spec']);
    assert.deepEqual([...context.siblingKeys].sort(), ['paused', 'replicas']);
    assert.equal(context.inValue, false);
    assert.equal(context.column, 2);
  });

  it('counts list items, block and compact', () => {
    const block = at('spec:\n  containers:\n    - name: a\n    - name: b\n      im|\n');
    assert.deepEqual(cursorContext(block.lines, block.position).parentPath, ['spec', 'containers', 1]);
    const compact = at('containers:\n- name: a\n- name: b\n- name: c\n  ima|\n');
    assert.deepEqual(cursorContext(compact.lines, compact.position).parentPath, ['containers', 2]);
  });

  it('knows a value is being typed, and the word to replace', () => {
    const { lines, position } = at('spec:\n  restartPolicy: Alw|\n');
    const context = cursorContext(lines, position);
    assert.equal(context.inValue, true);
    assert.equal(context.key, 'restartPolicy');
    assert.equal(context.prefix, 'Alw');
    assert.deepEqual(context.prefixStart, { line: 1, character: 17 });
  });

  it('starts at the current document', () => {
    const { lines, position } = at('a:\n  b: 1\n---\nspec:\n  |\n');
    const context = cursorContext(lines, position);
    assert.deepEqual(context.parentPath, ['spec']);
    assert.equal(context.documentStartLine, 3);
  });

  it('skips comments and blank lines, and reads quoted keys', () => {
    const { lines, position } = at('"metadata":\n  # a comment\n\n  labels:\n    |\n');
    assert.deepEqual(cursorContext(lines, position).parentPath, ['metadata', 'labels']);
  });

  it('gives the full path of the key under the cursor for hover', () => {
    const { lines, position } = at('spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          ima|ge: x\n');
    assert.deepEqual(pathAtPosition(lines, position), ['spec', 'template', 'spec', 'containers', 0, 'image']);
  });
});

describe('cursor context in compact sequences', () => {
  it('finds the parent of an item typed at the key column', () => {
    const { lines, position } = at('spec:\n  containers:\n  - name: a\n  - |\n');
    assert.deepEqual(cursorContext(lines, position).parentPath, ['spec', 'containers', 1]);
  });
});
