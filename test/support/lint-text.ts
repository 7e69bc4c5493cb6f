import { DEFAULT_LINT_CONFIG } from '../../src/core/config/lint-config.js';
import type { Finding } from '../../src/core/findings/finding.js';
import { lintWorkspace } from '../../src/core/lint/lint-engine.js';
import type { ResourceValidator } from '../../src/core/lint/resource-validator.js';
import { RULES } from '../../src/core/lint/rule-list.js';
import { parseManifest } from '../../src/core/manifest/parse-manifest.js';
import { buildWorkspaceIndex } from '../../src/core/workspace/workspace-index.js';

/** Parses and lints one in-memory file as a workspace of its own (nothing else exists). */
export function lintText(path: string, text: string, validator?: ResourceValidator): Finding[] {
  const index = buildWorkspaceIndex([parseManifest(path, text)], { entryType: () => undefined });
  return lintWorkspace(index, DEFAULT_LINT_CONFIG, { rules: RULES, validator }).flatMap((r) => r.findings);
}
