// The hotfix guard for write-back: the live changes a person made (not the agent) that Git does not have and
// that a planned commit would revert when merged. The `hotfixGuard` request answers it for the extension; the
// write-back handlers of the server can call `hotfixWarningsOf` directly (e.g. to put the warnings into their
// own plan response). Pure decisions live in core (`findRevertedHotfixes`); this reads the current results.
import type { Connection } from 'vscode-languageserver';
import { findRevertedHotfixes } from '../../core/edit/hotfix-guard.js';
import { hotfixGuardRequest, type HotfixGuardParams, type HotfixGuardResult } from '../../protocol/drift-edit-messages.js';
import type { DriftCoordinator } from '../drift/drift-coordinator.js';

/** The warnings for a plan against the environment's current drift results; none when drift is not running. */
export function hotfixWarningsOf(drift: DriftCoordinator, params: HotfixGuardParams): HotfixGuardResult {
  const environment = drift.findEnvironment(params.environmentId)?.environment;
  if (!environment) return { warnings: [] };
  return { warnings: findRevertedHotfixes({ results: environment.currentResults(), plan: params.plan, ...(params.resourceIds ? { resourceIds: params.resourceIds } : {}) }) };
}

export function registerHotfixGuard(connection: Connection, drift: DriftCoordinator, ready: Promise<void>, log: (message: string) => void): void {
  connection.onRequest(hotfixGuardRequest, async (params): Promise<HotfixGuardResult> => {
    await ready;
    try {
      return hotfixWarningsOf(drift, params);
    } catch (error) {
      log(`hotfix guard failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { warnings: [] };
    }
  });
}
