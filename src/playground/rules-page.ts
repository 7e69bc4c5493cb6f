// rules.html: the page the markers link to (`rules.html#<rule-id>`), rendered at build time from the same
// rule list as docs/rules.md, so it works offline and cannot drift from the engine.
import { CONFIG_FILE_NAME } from '../core/config/lint-config.js';
import { ENGINE_CHECKS } from '../core/lint/engine-checks.js';
import type { RuleMeta } from '../core/lint/rule.js';
import { RULES } from '../core/lint/rule-list.js';
import { SUPPRESSION_ANNOTATION_PREFIX, SUPPRESSION_COMMENT } from '../core/lint/suppression.js';

/** Every check the playground's markers can name: the engine's own, then the GitOps rules. */
export const ALL_CHECKS: readonly RuleMeta[] = [...ENGINE_CHECKS, ...RULES.map((r) => r.meta)];

export function renderRulesPage(checks: readonly RuleMeta[] = ALL_CHECKS): string {
  const sections = checks.map((meta) => `<section id="${escapeHtml(meta.id)}">
<h2><code>${escapeHtml(meta.id)}</code> — ${escapeHtml(meta.title)}</h2>
<p>Default severity: <code>${escapeHtml(meta.defaultSeverity)}</code>. Kinds: ${meta.kinds ? meta.kinds.map((k) => `<code>${escapeHtml(k)}</code>`).join(', ') : 'every kind'}.</p>
<p><strong>Why.</strong> ${escapeHtml(meta.rationale)}</p>
<p><strong>What to do.</strong> ${escapeHtml(meta.remediation)}</p>
<p><strong>Suppress.</strong> Annotation <code>${escapeHtml(SUPPRESSION_ANNOTATION_PREFIX + meta.id)}: "why this is fine here"</code> on the object,
comment <code># ${escapeHtml(`${SUPPRESSION_COMMENT} ${meta.id}`)}</code> on the line above, or <code>rules: { ${escapeHtml(meta.id)}: off }</code> in <code>${CONFIG_FILE_NAME}</code>.</p>
</section>`);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>GitOps Authoring — lint rules</title><link rel="stylesheet" href="playground-page.css"></head>
<body class="rules-page">
<h1>Lint rules</h1>
<p>The checks of the GitOps Authoring engine (the same text as <code>docs/rules.md</code> in the repository). <a href="./">Back to the playground</a>.</p>
${sections.join('\n')}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
