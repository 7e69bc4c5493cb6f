// The playground's lint: one editor text as one repository file, through the same engine as the CLI and the
// language server. Pure (core only), so it runs in the lint worker and in Node tests alike.
import { DEFAULT_LINT_CONFIG, type LintConfig, type RuleSetting } from '../core/config/lint-config.js';
import type { Finding } from '../core/findings/finding.js';
import { lintWorkspace } from '../core/lint/lint-engine.js';
import type { ResourceValidator } from '../core/lint/resource-validator.js';
import { RULES } from '../core/lint/rule-list.js';
import { planSuppressionFixes } from '../core/lint/suppression-fixes.js';
import { parseManifest, type DocumentParseCache } from '../core/manifest/parse-manifest.js';
import type { RepositoryListing } from '../core/ports.js';
import { buildWorkspaceIndex } from '../core/workspace/workspace-index.js';
import { resourceAtPosition } from '../core/workspace/resource-at-position.js';
import type { LintRequest, LintResponse, PlaygroundFinding, PlaygroundFix } from './lint-protocol.js';

/** The file name the editor text is linted as. */
export const PLAYGROUND_PATH = 'playground.yaml';

/**
 * The page has no repository: no path exists besides the edited file. The rules that check repository paths
 * (Flux and Argo CD sources, kustomization entries) stay quiet when no path of the repository exists.
 */
const NO_REPOSITORY: RepositoryListing = { entryType: (path) => (path === PLAYGROUND_PATH ? 'file' : undefined) };

export interface TextLinter {
  lint(request: LintRequest): LintResponse;
}

export function createTextLinter(validator: ResourceValidator, now: () => number = () => performance.now()): TextLinter {
  // Unchanged YAML documents are not parsed again on the next keystroke (the language server does the same).
  const parseCache: DocumentParseCache = new Map();
  return {
    lint(request) {
      const started = now();
      const file = parseManifest(PLAYGROUND_PATH, request.text, undefined, parseCache);
      const index = buildWorkspaceIndex([file], NO_REPOSITORY);
      const [result] = lintWorkspace(index, configOf(request), { rules: RULES, validator }, [PLAYGROUND_PATH]);
      const findings = (result?.findings ?? []).map((finding) => toPlaygroundFinding(finding, request.text, resourceAtPosition(index, PLAYGROUND_PATH, finding.range.start)));
      const kinds = new Map(index.resources.map((r) => [`${r.apiVersion}\n${r.kind}`, { apiVersion: r.apiVersion, kind: r.kind }]));
      return { type: 'lint', id: request.id, findings, kinds: [...kinds.values()], resourceCount: result?.resourceCount ?? 0, engineMillis: now() - started };
    },
  };
}

function configOf(request: LintRequest): LintConfig {
  const rules: Record<string, RuleSetting> = {};
  for (const id of request.disabledRules) rules[id] = 'off';
  return { ...DEFAULT_LINT_CONFIG, kubernetesVersion: request.kubernetesVersion, rules };
}

function toPlaygroundFinding(finding: Finding, text: string, resource: Parameters<typeof planSuppressionFixes>[2]): PlaygroundFinding {
  const own: PlaygroundFix[] = (finding.fixes ?? [])
    .filter((fix) => fix.edits.length > 0)
    .map((fix, i) => ({ title: fix.title, isPreferred: i === 0, isSuppression: false, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) }));
  const suppressions: PlaygroundFix[] = planSuppressionFixes(finding, text, resource)
    .map((fix) => ({ title: fix.title, isPreferred: false, isSuppression: true, edits: fix.edits.map((e) => ({ range: e.range, newText: e.newText })) }));
  return { ruleId: finding.ruleId, severity: finding.severity, message: finding.message, range: finding.range, fixes: [...own, ...suppressions] };
}
