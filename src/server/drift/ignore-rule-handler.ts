// The `planIgnoreRule` request: Add Ignore Rule for one drifted field, planned in the dialect of the agent
// object that deploys it (core: chooseIgnoreRuleTarget, planIgnoreRule) from the folder's workspace index, the
// environment's current result and the live object's labels. The extension previews and applies the plan.
import type { Connection } from 'vscode-languageserver';
import { CONFIG_FILE_NAME } from '../../core/config/lint-config.js';
import { chooseIgnoreRuleTarget } from '../../core/edit/ignore-rule-target.js';
import { planIgnoreRule } from '../../core/edit/plan-ignore-rule.js';
import { isRecord } from '../../core/resource/manifest-resource.js';
import { resourceKeyId } from '../../core/resource/resource-key.js';
import { planIgnoreRuleRequest, type PlanIgnoreRuleParams, type PlanIgnoreRuleResult } from '../../protocol/drift-edit-messages.js';
import type { DriftCoordinator } from './drift-coordinator.js';

export function registerIgnoreRulePlanning(connection: Connection, drift: DriftCoordinator, ready: Promise<void>, log: (message: string) => void): void {
  connection.onRequest(planIgnoreRuleRequest, async (params): Promise<PlanIgnoreRuleResult> => {
    await ready;
    try {
      return planFor(drift, params);
    } catch (error) {
      log(`planning an ignore rule failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
      return { folderUri: '', outcome: { kind: 'refused', reason: `the ignore rule could not be planned: ${error instanceof Error ? error.message : String(error)}` } };
    }
  });
}

function planFor(drift: DriftCoordinator, params: PlanIgnoreRuleParams): PlanIgnoreRuleResult {
  const found = drift.findEnvironment(params.environmentId);
  if (!found) return { folderUri: '', outcome: { kind: 'refused', reason: 'that environment is no longer known; refresh the Drift view' } };
  const { folder, environment } = found;
  const refused = (reason: string): PlanIgnoreRuleResult => ({ folderUri: folder.folderUri, outcome: { kind: 'refused', reason } });
  const resource = environment.currentResults().find((r) => resourceKeyId(r.key) === params.resourceId);
  if (!resource) return refused('that resource is no longer in the drift results');
  const field = resource.fields.find((f) => f.pointer === params.pointer);
  if (!field) return refused(`that field no longer drifts in ${resource.id}`);
  const live = environment.liveObjectOf(params.resourceId);
  const metadata = isRecord(live?.metadata) ? live.metadata : {};
  const labels = isRecord(metadata.labels) ? Object.fromEntries(Object.entries(metadata.labels).filter((e): e is [string, string] => typeof e[1] === 'string')) : {};
  const target = chooseIgnoreRuleTarget({
    env: environment.env,
    resources: folder.index().resources,
    liveLabels: labels,
    configPath: CONFIG_FILE_NAME,
    configText: folder.readText(CONFIG_FILE_NAME),
  });
  const outcome = planIgnoreRule({ resource, field, target, ...(params.byManager ? { byManager: true } : {}) });
  return { folderUri: folder.folderUri, outcome, target: target.kind };
}
