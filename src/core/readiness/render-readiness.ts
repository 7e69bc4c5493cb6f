// The report as text (terminal) and Markdown (docs, pull requests, the editor's preview).
import { PRINCIPLES, type Evidence, type QuestionAnswer, type ReadinessReport } from './readiness-types.js';

const MARK: Readonly<Record<QuestionAnswer['verdict'], string>> = { met: '✔', partial: '◐', unmet: '✘' };

function formatScore(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/** `path:line` (1-based) for evidence in a file, else nothing. */
export function evidenceLocation(e: Evidence): string | undefined {
  if (!e.path) return undefined;
  return e.range ? `${e.path}:${e.range.start.line + 1}` : e.path;
}

function clusterLine(report: ReadinessReport): string[] {
  const c = report.cluster;
  if (!c) return [];
  return [`Cluster '${c.context}': ${c.driftCount} of ${c.resourceCount} resource(s) drift now${c.unknownCount ? `, ${c.unknownCount} unknown` : ''}.`];
}

export function renderReadinessText(report: ReadinessReport): string {
  const out: string[] = [`GitOps readiness: ${formatScore(report.total)}/12`, ...clusterLine(report), ''];
  for (const principle of PRINCIPLES) {
    const score = report.scores.find((s) => s.principle === principle);
    out.push(`${score?.title ?? principle}: ${formatScore(score?.score ?? 0)}/3`);
    for (const q of report.questions.filter((x) => x.principle === principle)) {
      out.push(`  ${MARK[q.verdict]} ${q.question} ${q.answer} (confidence: ${q.confidence})`);
      out.push(`      ${q.summary}`);
      for (const e of q.evidence) out.push(`      - ${evidenceLocation(e) ? `${evidenceLocation(e)}: ` : ''}${e.note}`);
    }
    out.push('');
  }
  if (report.mistakes.length > 0) {
    out.push('Common mistakes:');
    for (const m of report.mistakes) {
      out.push(`  ! ${m.title}: ${m.message}`);
      for (const e of m.evidence) out.push(`      - ${evidenceLocation(e) ? `${evidenceLocation(e)}: ` : ''}${e.note}`);
      out.push(`      fix: ${m.remedy.text}`);
    }
    out.push('');
  }
  if (report.gaps.length > 0) {
    out.push('Biggest gaps:');
    report.gaps.forEach((g, i) => {
      out.push(`  ${i + 1}. ${g.title} (${formatScore(g.score)}/3)`);
      for (const m of g.missing) out.push(`     missing: ${m}`);
      for (const f of g.fixes) out.push(`     fix: ${f}`);
    });
    out.push('');
  }
  out.push('Quick wins:', ...(report.quickWins.length > 0 ? report.quickWins.map((w, i) => `  ${i + 1}. ${w}`) : ['  (none)']), '');
  out.push('Blockers:', ...(report.blockers.length > 0 ? report.blockers.map((b, i) => `  ${i + 1}. ${b}`) : ['  (none)']), '');
  return out.join('\n');
}

export interface MarkdownOptions {
  /** The link target of a file position (1-based line); default: the relative path with `#L<line>`. */
  readonly linkOf?: (path: string, line: number | undefined) => string;
  readonly title?: string;
}

function escapeMarkdown(text: string): string {
  return text.replace(/([|\\[\]<>])/g, '\\$1');
}

export function renderReadinessMarkdown(report: ReadinessReport, options: MarkdownOptions = {}): string {
  const linkOf = options.linkOf ?? ((path: string, line: number | undefined) => (line === undefined ? path : `${path}#L${line}`));
  const evidence = (e: Evidence) => {
    if (!e.path) return escapeMarkdown(e.note);
    const line = e.range ? e.range.start.line + 1 : undefined;
    return `[${escapeMarkdown(evidenceLocation(e) ?? e.path)}](${encodeURI(linkOf(e.path, line))}) — ${escapeMarkdown(e.note)}`;
  };
  const out: string[] = [`# ${options.title ?? 'GitOps readiness'}: ${formatScore(report.total)}/12`, '', ...clusterLine(report).map((l) => `${escapeMarkdown(l)}\n`)];
  out.push('| Principle | Score |', '|---|---|');
  for (const s of report.scores) out.push(`| ${s.title} | ${formatScore(s.score)}/3 |`);
  out.push('');
  for (const principle of PRINCIPLES) {
    const score = report.scores.find((s) => s.principle === principle);
    out.push(`## ${score?.title ?? principle}: ${formatScore(score?.score ?? 0)}/3`, '');
    for (const q of report.questions.filter((x) => x.principle === principle)) {
      out.push(`- ${MARK[q.verdict]} **${escapeMarkdown(q.question)}** ${q.answer} _(confidence: ${q.confidence})_  `, `  ${escapeMarkdown(q.summary)}`);
      for (const e of q.evidence) out.push(`  - ${evidence(e)}`);
      if (q.remedy) out.push(`  - _Fix:_ ${escapeMarkdown(q.remedy.text)}`);
    }
    out.push('');
  }
  out.push('## Common mistakes', '');
  if (report.mistakes.length === 0) out.push('None found.', '');
  for (const m of report.mistakes) {
    out.push(`- **${escapeMarkdown(m.title)}** — ${escapeMarkdown(m.message)} _(confidence: ${m.confidence})_`);
    for (const e of m.evidence) out.push(`  - ${evidence(e)}`);
    out.push(`  - _Fix:_ ${escapeMarkdown(m.remedy.text)}`);
  }
  out.push('', '## Biggest gaps', '');
  if (report.gaps.length === 0) out.push('None: every principle scores 3/3.');
  report.gaps.forEach((g, i) => {
    out.push(`${i + 1}. **${g.title}** (${formatScore(g.score)}/3)`);
    for (const m of g.missing) out.push(`   - Missing: ${escapeMarkdown(m)}`);
    for (const f of g.fixes) out.push(`   - Fix: ${escapeMarkdown(f)}`);
  });
  out.push('', '## Quick wins', '', ...(report.quickWins.length > 0 ? report.quickWins.map((w, i) => `${i + 1}. ${escapeMarkdown(w)}`) : ['None.']));
  out.push('', '## Blockers', '', ...(report.blockers.length > 0 ? report.blockers.map((b, i) => `${i + 1}. ${escapeMarkdown(b)}`) : ['None.']), '');
  return out.join('\n');
}
