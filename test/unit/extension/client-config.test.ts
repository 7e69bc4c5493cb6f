import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStartFailure, DOCUMENT_SELECTOR, needsServer, SERVER_DEBUG_PORT, SERVER_MODULE, serverExecArgv } from '../../../src/extension/client-config.js';

const doc = (scheme: string, path: string, languageId: string) => ({ uri: { scheme, path }, languageId });

describe('client configuration (vscode-free)', () => {
  it('starts the server for YAML and JSON files on disk only', () => {
    assert.equal(needsServer(doc('file', '/r/app.yaml', 'yaml')), true);
    assert.equal(needsServer(doc('file', '/r/app.json', 'json')), true);
    assert.equal(needsServer(doc('untitled', 'Untitled-1', 'yaml')), false);
    assert.equal(needsServer(doc('file', '/r/readme.md', 'markdown')), false);
    assert.equal(needsServer(doc('git', '/r/app.yaml', 'yaml')), false);
  });

  it('selects file documents only and starts the bundled server', () => {
    assert.ok(DOCUMENT_SELECTOR.every((s) => s.scheme === 'file'));
    assert.equal(SERVER_MODULE, 'dist/server.js');
  });

  it('opens the inspector only in debug mode, on the port launch.json attaches to', () => {
    assert.deepEqual(serverExecArgv(false), []);
    assert.ok(serverExecArgv(true).includes(`--inspect=${SERVER_DEBUG_PORT}`));
  });

  it('explains a failed start', () => {
    assert.match(describeStartFailure(new Error('spawn ENOENT')), /failed to start \(spawn ENOENT\)/);
  });
});
