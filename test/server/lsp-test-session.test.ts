// The test session itself: a test file must end when its tests end. A wait left running when the session is
// disposed (diagnostics that never come) must not hold the process for its deadline (minutes in the
// off-thread tests).
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { LspTestSession } from './support/lsp-test-session.js';

const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

it('dispose ends the waits still pending: no deadline timer outlives the session', async () => {
  const session = await LspTestSession.start();
  const before = timers();
  session.waitTimeoutMs = 600_000;
  void session.diagnosticsFor('never-opened.yaml').catch(() => undefined);
  void session.waitFor(() => false, 'something that never happens').catch(() => undefined);
  assert.equal(timers(), before + 2, 'each wait holds a deadline timer');
  await session.dispose();
  assert.ok(timers() <= before, `${timers() - before} timer(s) left after dispose`);
});
