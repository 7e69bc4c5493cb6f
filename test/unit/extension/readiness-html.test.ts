import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assessReadiness } from '../../../src/core/readiness/assess-readiness.js';
import { isReadinessWebviewMessage, renderReadinessHtml } from '../../../src/extension/readiness/readiness-html.js';
import { anInput, DEPLOYMENT } from '../readiness/readiness-input-builder.js';

const FOLDER = 'file:///work/fleet';

test('evidence links carry folder, path and 0-based line; text is escaped; only our nonce runs', () => {
  const report = assessReadiness(anInput({ 'apps/<x>.yaml': DEPLOYMENT, 'deploy.sh': 'kubectl apply -f "apps/<x>.yaml"\n' }));
  const html = renderReadinessHtml({ folders: [{ folderUri: FOLDER, report }], nameOf: () => 'fleet & co', nonce: 'N0NCE', cspSource: 'vscode-resource:' });
  assert.match(html, /<h1>fleet &amp; co: \d+(\.5)?\/12<\/h1>/);
  assert.match(html, /<a href="#" class="evidence" data-folder="file:\/\/\/work\/fleet" data-path="deploy.sh" data-line="0">deploy.sh:1<\/a>/);
  assert.match(html, /data-path="apps\/&lt;x&gt;.yaml"/);
  assert.ok(!html.includes('<x>'), 'file names are escaped');
  assert.match(html, /script-src 'nonce-N0NCE'/);
  assert.equal([...html.matchAll(/<script/g)].length, 1);
  assert.match(html, /<script nonce="N0NCE">/);
  assert.match(html, /<button id="rerun">Re-run<\/button>/);
});

test('a folder without a report shows its error; a running page disables re-run', () => {
  const html = renderReadinessHtml({ folders: [{ folderUri: FOLDER, error: 'EACCES <denied>' }], nameOf: () => 'fleet', nonce: 'n', cspSource: 'c', running: true });
  assert.match(html, /No report: EACCES &lt;denied&gt;/);
  assert.match(html, /<button id="rerun" disabled>Running…<\/button>/);
});

test('webview messages are checked before the extension acts on them', () => {
  assert.ok(isReadinessWebviewMessage({ type: 'rerun' }));
  assert.ok(isReadinessWebviewMessage({ type: 'open', folderUri: FOLDER, path: 'a.yaml', line: 3 }));
  assert.ok(!isReadinessWebviewMessage({ type: 'open', folderUri: FOLDER, path: 'a.yaml', line: -1 }));
  assert.ok(!isReadinessWebviewMessage({ type: 'open', folderUri: FOLDER, line: 1 }));
  assert.ok(!isReadinessWebviewMessage({ type: 'exec' }));
  assert.ok(!isReadinessWebviewMessage(null));
});
