import { readFileSync } from 'node:fs';
import { loadWorkspace } from '../../src/adapters/fs/load-workspace.js';
import { DEFAULT_LINT_CONFIG, type LintConfig } from '../../src/core/config/lint-config.js';
import type { Finding } from '../../src/core/findings/finding.js';
import { lintWorkspace, type LintDependencies } from '../../src/core/lint/lint-engine.js';
import { RULES } from '../../src/core/lint/rule-list.js';

/** Lints a fixture directory with every rule (and, when given, the schema validator). */
export function lintDirectory(dir: string, config: Partial<LintConfig> = {}, deps: Partial<LintDependencies> = {}): Finding[] {
  const { index } = loadWorkspace(dir);
  const results = lintWorkspace(index, { ...DEFAULT_LINT_CONFIG, ...config }, { rules: RULES, ...deps });
  return results.flatMap((r) => r.findings);
}

/**
 * Expected findings written in the fixture files themselves: a trailing `# expect: rule-id[, rule-id]`
 * comment on the line where the finding must start. Returns `path:line rule-id` strings, sorted.
 */
export function expectedMarkers(dir: string, paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    readFileSync(`${dir}/${path}`, 'utf8').split('\n').forEach((line, i) => {
      const m = /#\s*expect:\s*([\w,\s-]+)$/.exec(line);
      if (m?.[1]) for (const id of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push(`${path}:${i + 1} ${id}`);
    });
  }
  return out.sort();
}

export function findingMarkers(findings: readonly Finding[], ruleId?: string): string[] {
  return findings.filter((f) => !ruleId || f.ruleId === ruleId).map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`).sort();
}
