// The readiness report as the webview shows it: pure (no `vscode`), so plain-Node tests check it. Evidence
// links carry the folder, path and line; the webview script posts them back to the extension to open.
import { evidenceLocation } from '../../core/readiness/render-readiness.js';
import { PRINCIPLES, type Evidence, type ReadinessReport } from '../../core/readiness/readiness-types.js';
import type { ReadinessFolderReport } from '../../protocol/lsp-extensions.js';

/** What the webview posts to the extension. */
export type ReadinessWebviewMessage =
  | { readonly type: 'open'; readonly folderUri: string; readonly path: string; readonly line: number }
  | { readonly type: 'rerun' };

export function isReadinessWebviewMessage(value: unknown): value is ReadinessWebviewMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  if (m.type === 'rerun') return true;
  return m.type === 'open' && typeof m.folderUri === 'string' && typeof m.path === 'string' && typeof m.line === 'number' && Number.isInteger(m.line) && m.line >= 0;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

const MARK = { met: '✔', partial: '◐', unmet: '✘' } as const;

function score(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function evidenceItem(folderUri: string, e: Evidence): string {
  const where = evidenceLocation(e);
  if (!e.path || !where) return `<li>${escapeHtml(e.note)}</li>`;
  const line = e.range ? e.range.start.line : 0;
  return `<li><a href="#" class="evidence" data-folder="${escapeHtml(folderUri)}" data-path="${escapeHtml(e.path)}" data-line="${line}">${escapeHtml(where)}</a> — ${escapeHtml(e.note)}</li>`;
}

function reportSection(folderUri: string, name: string, report: ReadinessReport): string {
  const out: string[] = [`<section><h1>${escapeHtml(name)}: ${score(report.total)}/12</h1>`];
  out.push('<table><tr><th>Principle</th><th>Score</th></tr>', ...report.scores.map((s) => `<tr><td>${escapeHtml(s.title)}</td><td>${score(s.score)}/3</td></tr>`), '</table>');
  for (const principle of PRINCIPLES) {
    const s = report.scores.find((x) => x.principle === principle);
    out.push(`<h2>${escapeHtml(s?.title ?? principle)}: ${score(s?.score ?? 0)}/3</h2><ul class="questions">`);
    for (const q of report.questions.filter((x) => x.principle === principle)) {
      out.push(`<li class="${q.verdict}"><span class="mark">${MARK[q.verdict]}</span> <strong>${escapeHtml(q.question)}</strong> ${escapeHtml(q.answer)} <em>(confidence: ${q.confidence})</em><br>${escapeHtml(q.summary)}`);
      if (q.evidence.length > 0) out.push('<ul>', ...q.evidence.map((e) => evidenceItem(folderUri, e)), '</ul>');
      if (q.remedy) out.push(`<div class="fix">Fix: ${escapeHtml(q.remedy.text)}</div>`);
      out.push('</li>');
    }
    out.push('</ul>');
  }
  out.push('<h2>Common mistakes</h2>');
  if (report.mistakes.length === 0) out.push('<p>None found.</p>');
  for (const m of report.mistakes) {
    out.push(`<p><strong>${escapeHtml(m.title)}</strong> — ${escapeHtml(m.message)} <em>(confidence: ${m.confidence})</em></p><ul>`, ...m.evidence.map((e) => evidenceItem(folderUri, e)), `</ul><div class="fix">Fix: ${escapeHtml(m.remedy.text)}</div>`);
  }
  out.push('<h2>Biggest gaps</h2>');
  if (report.gaps.length === 0) out.push('<p>None: every principle scores 3/3.</p>');
  else out.push('<ol>', ...report.gaps.map((g) => `<li><strong>${escapeHtml(g.title)}</strong> (${score(g.score)}/3)<ul>${g.missing.map((m) => `<li>Missing: ${escapeHtml(m)}</li>`).join('')}${g.fixes.map((f) => `<li>Fix: ${escapeHtml(f)}</li>`).join('')}</ul></li>`), '</ol>');
  out.push('<h2>Quick wins</h2>', report.quickWins.length > 0 ? `<ol>${report.quickWins.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ol>` : '<p>None.</p>');
  out.push('<h2>Blockers</h2>', report.blockers.length > 0 ? `<ol>${report.blockers.map((b) => `<li>${escapeHtml(b)}</li>`).join('')}</ol>` : '<p>None.</p>');
  out.push('</section>');
  return out.join('\n');
}

export interface ReadinessPage {
  readonly folders: readonly ReadinessFolderReport[];
  /** Display name of a folder URI (the workspace folder's name). */
  readonly nameOf: (folderUri: string) => string;
  /** A fresh nonce per render: only our script runs. */
  readonly nonce: string;
  readonly cspSource: string;
  /** Set while a run is in progress (the previous report stays visible under it). */
  readonly running?: boolean;
  /** Set when the whole request failed. */
  readonly error?: string;
}

export function renderReadinessHtml(page: ReadinessPage): string {
  const body = page.folders.map((f) =>
    f.report ? reportSection(f.folderUri, page.nameOf(f.folderUri), f.report) : `<section><h1>${escapeHtml(page.nameOf(f.folderUri))}</h1><p class="error">No report: ${escapeHtml(f.error ?? 'unknown error')}</p></section>`);
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${page.cspSource} 'unsafe-inline'; script-src 'nonce-${page.nonce}';">
<title>GitOps Readiness</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 1em 2em; }
a { color: var(--vscode-textLink-foreground); }
.met .mark { color: var(--vscode-testing-iconPassed, green); } .partial .mark { color: var(--vscode-editorWarning-foreground, orange); } .unmet .mark { color: var(--vscode-errorForeground, red); }
.fix { opacity: 0.85; font-style: italic; } .error { color: var(--vscode-errorForeground); }
ul.questions > li { margin-bottom: 0.6em; } table { border-collapse: collapse; } td, th { padding: 2px 12px 2px 0; text-align: left; }
</style></head><body>
<p><button id="rerun"${page.running ? ' disabled' : ''}>${page.running ? 'Running…' : 'Re-run'}</button></p>
${page.error ? `<p class="error">${escapeHtml(page.error)}</p>` : ''}${page.folders.length === 0 && !page.error && !page.running ? '<p>No workspace folder to assess.</p>' : ''}
${body.join('\n')}
<script nonce="${page.nonce}">
const vscode = acquireVsCodeApi();
document.getElementById('rerun').addEventListener('click', () => vscode.postMessage({ type: 'rerun' }));
for (const a of document.querySelectorAll('a.evidence')) {
  a.addEventListener('click', (event) => {
    event.preventDefault();
    vscode.postMessage({ type: 'open', folderUri: a.dataset.folder, path: a.dataset.path, line: Number(a.dataset.line) });
  });
}
</script></body></html>
`;
}
