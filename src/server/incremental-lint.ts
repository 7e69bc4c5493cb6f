// Lints only the YAML documents of a file that changed since its last lint, and reuses (shifted) findings
// for the others. This is the fast path for a keystroke; the scheduler's debounced pass lints whole files
// again, so effects of an edit on other documents (a Service whose selector no longer matches the edited
// Deployment) arrive a moment later, never wrongly for long.
import type { LintConfig } from '../core/config/lint-config.js';
import type { Finding } from '../core/findings/finding.js';
import { compareFindings, lintWorkspace, type LintDependencies } from '../core/lint/lint-engine.js';
import type { ManifestDocument, ManifestFile } from '../core/manifest/manifest-types.js';
import { LineIndex } from '../core/text/line-index.js';
import { containsPosition, type Range } from '../core/text/range.js';
import { isKustomizationPath } from '../core/workspace/kustomization-file.js';
import type { WorkspaceIndex } from '../core/workspace/workspace-index.js';

interface DocumentFindings {
  readonly startLine: number;
  readonly findings: readonly Finding[];
}

interface FileCache {
  readonly config: LintConfig;
  /** Identity of everything outside the file that findings depend on (see WorkspaceState.dependencyKey). */
  readonly dependencyKey: number;
  /** Findings per document source text (a text can occur twice: a list, in order). */
  readonly byText: ReadonlyMap<string, readonly DocumentFindings[]>;
}

export class IncrementalLinter {
  private readonly cache = new Map<string, FileCache>();
  /** What the last call did (for tracing and tests): documents linted and documents whose findings were reused. */
  lastRun = { linted: 0, reused: 0 };

  constructor(private readonly deps: LintDependencies) {}

  /** Findings of a whole file, computed from scratch (and remembered per document). */
  lintFull(index: WorkspaceIndex, path: string, config: LintConfig, dependencyKey: number): readonly Finding[] {
    const [result] = lintWorkspace(index, config, this.deps, [path]);
    const findings = result?.findings ?? [];
    const file = index.files.get(path);
    this.lastRun = { linted: file?.documents.length ?? 0, reused: 0 };
    if (file && !result?.ignored && isSplittable(index, file)) this.remember(file, config, dependencyKey, findings);
    else this.cache.delete(path);
    return findings;
  }

  /** Findings of a file, linting only the documents whose text changed since the last lint. */
  lint(index: WorkspaceIndex, path: string, config: LintConfig, dependencyKey: number): readonly Finding[] {
    const file = index.files.get(path);
    const cached = this.cache.get(path);
    if (!file || !cached || cached.config !== config || cached.dependencyKey !== dependencyKey || !isSplittable(index, file)) {
      return this.lintFull(index, path, config, dependencyKey);
    }
    const texts = documentTexts(file);
    const used = new Map<string, number>();
    const reused: Finding[] = [];
    const changed: ManifestDocument[] = [];
    file.documents.forEach((doc, i) => {
      const text = texts[i] as string;
      const occurrence = used.get(text) ?? 0;
      used.set(text, occurrence + 1);
      const hit = cached.byText.get(text)?.[occurrence];
      if (hit) for (const f of hit.findings) reused.push(shiftFinding(f, doc.range.start.line - hit.startLine)); // no push(...): too many arguments for a huge document
      else changed.push(doc);
    });
    if (changed.length === file.documents.length) return this.lintFull(index, path, config, dependencyKey);
    const fresh = changed.length === 0 ? [] : lintWorkspace(viewOf(index, file, changed), config, this.deps, [path])[0]?.findings ?? [];
    const findings = [...reused, ...fresh].sort(compareFindings);
    this.remember(file, config, dependencyKey, findings);
    this.lastRun = { linted: changed.length, reused: file.documents.length - changed.length };
    return findings;
  }

  forget(path: string): void {
    this.cache.delete(path);
  }

  private remember(file: ManifestFile, config: LintConfig, dependencyKey: number, findings: readonly Finding[]): void {
    const texts = documentTexts(file);
    const buckets = file.documents.map((): Finding[] => []);
    for (const finding of findings) {
      const i = file.documents.findIndex((doc) => containsPosition(doc.range, finding.range.start));
      if (i === -1) {
        this.cache.delete(file.path); // a finding outside every document: this file is linted whole
        return;
      }
      buckets[i]?.push(finding);
    }
    const byText = new Map<string, DocumentFindings[]>();
    file.documents.forEach((doc, i) => {
      const list = byText.get(texts[i] as string) ?? [];
      list.push({ startLine: doc.range.start.line, findings: buckets[i] ?? [] });
      byText.set(texts[i] as string, list);
    });
    this.cache.set(file.path, { config, dependencyKey, byText });
  }
}

/** Multi-document YAML files whose findings all belong to one document; kustomizations and patches are whole. */
function isSplittable(index: WorkspaceIndex, file: ManifestFile): boolean {
  return file.format === 'yaml' && file.documents.length > 1 && file.problems.length === 0 && !isKustomizationPath(file.path) && index.patchTargetsOf(file.path).length === 0;
}

function documentTexts(file: ManifestFile): string[] {
  const lines = new LineIndex(file.text);
  return file.documents.map((doc) => file.text.slice(lines.offsetAt(doc.range.start), lines.offsetAt(doc.range.end)));
}

/** The workspace as it is, except that `file` shows only the `documents` to lint. */
function viewOf(index: WorkspaceIndex, file: ManifestFile, documents: readonly ManifestDocument[]): WorkspaceIndex {
  const partial: ManifestFile = { ...file, documents, problems: [] };
  const files = new Map(index.files);
  files.set(file.path, partial);
  const wanted = new Set(documents);
  const inFile = index.resourcesInFile(file.path).filter((r) => wanted.has(r.document));
  const resourcesInFile = (path: string) => (path === file.path ? inFile : index.resourcesInFile(path));
  // A proxy rather than a copy: whatever else the index offers (now or later) is the real index's.
  return new Proxy(index, {
    get: (target, property, receiver) => (property === 'files' ? files : property === 'resourcesInFile' ? resourcesInFile : Reflect.get(target, property, receiver)),
  });
}

function shiftRange(range: Range, lines: number): Range {
  return lines === 0 ? range : { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

/** Moves a finding (and its fixes and same-file related locations) by whole lines. */
function shiftFinding(finding: Finding, lines: number): Finding {
  if (lines === 0) return finding;
  const here = finding.path;
  return {
    ...finding,
    range: shiftRange(finding.range, lines),
    related: finding.related?.map((r) => (r.path === here ? { ...r, range: shiftRange(r.range, lines) } : r)),
    fixes: finding.fixes?.map((fix) => ({ ...fix, edits: fix.edits.map((e) => (e.path === here ? { ...e, range: shiftRange(e.range, lines) } : e)) })),
  };
}
