import { ignoredPathMatchers, type LintConfig } from '../config/lint-config.js';
import { matchesAnyGlob } from '../config/glob.js';
import { SEVERITY_ORDER, type Finding, type Severity } from '../findings/finding.js';
import { kustomizationFileResource } from '../resource/kustomization-resource.js';
import { isKubeObject, locateInResource, type ManifestResource } from '../resource/manifest-resource.js';
import { SCHEMA_RULE_ID } from './engine-checks.js';
import { checkObjectShape } from './object-shape.js';
import type { Range } from '../text/range.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { isHiddenAndUnapplied } from '../workspace/hidden-unapplied-path.js';
import type { ResourceValidator } from './resource-validator.js';
import type { Rule, RuleContext, RuleReport } from './rule.js';
import { isSuppressedByAnnotation, isSuppressedByComment } from './suppression.js';

export interface LintDependencies {
  readonly rules: readonly Rule[];
  readonly validator?: ResourceValidator;
}

export interface LintFileResult {
  readonly path: string;
  readonly findings: readonly Finding[];
  /** Kubernetes objects checked in the file. */
  readonly resourceCount: number;
  /** True when the file was excluded by `ignorePaths`. */
  readonly ignored: boolean;
}

/** Lints the given files (default: every file in the workspace). Never throws on any input. */
export function lintWorkspace(workspace: WorkspaceIndex, config: LintConfig, deps: LintDependencies, onlyPaths?: Iterable<string>): LintFileResult[] {
  const ignored = ignoredPathMatchers(config);
  const paths = onlyPaths ? [...onlyPaths] : [...workspace.files.keys()];
  return paths.map((path) => {
    if (matchesAnyGlob(path, ignored)) return { path, findings: [], resourceCount: 0, ignored: true };
    return lintFile(workspace, path, config, deps);
  });
}

function lintFile(workspace: WorkspaceIndex, path: string, config: LintConfig, deps: LintDependencies): LintFileResult {
  const file = workspace.files.get(path);
  if (!file) return { path, findings: [], resourceCount: 0, ignored: false };
  const lines = file.lines;
  const findings: Finding[] = [...file.problems];
  for (const doc of file.documents) {
    // Warnings (e.g. an unresolved custom tag such as CloudFormation's !Ref) only matter in Kubernetes objects.
    const isObject = isKubeObject(doc.value);
    // A loop, not push(...): a document can hold more problems (160,000 duplicate keys) than call arguments fit.
    for (const problem of doc.problems) if (isObject || problem.severity === 'error') findings.push(problem);
    findings.push(...checkObjectShape(file.path, doc, workspace));
    if (!isObject && deps.validator?.validateConfigDocument) {
      const setting = config.rules[SCHEMA_RULE_ID] ?? 'error';
      for (const issue of setting === 'off' ? [] : safely(() => deps.validator?.validateConfigDocument?.(path, doc.value, config.kubernetesVersion) ?? [], [])) {
        const { located } = doc.locator.locateNearest(issue.path);
        const range = issue.on === 'value' ? located.value : (located.key ?? located.value);
        const finding: Finding = { ruleId: issue.ruleId, severity: issue.severity === 'error' && setting !== 'off' ? setting : issue.severity, message: issue.message, path, range, ...(issue.fixes ? { fixes: issue.fixes } : {}) };
        if (!isSuppressedByComment(finding, lines, undefined)) findings.push(finding);
      }
    }
  }

  const resources = workspace.resourcesInFile(path);
  // A kustomization file is checked by the rules that name its kind, never by the schema validator.
  const kustomization = kustomizationFileResource(workspace, path);
  for (const resource of kustomization ? [...resources, kustomization] : resources) {
    // Only computed when a finding needs its suppression comment checked.
    const objectStart = () => resource.document.locator.locateNearest(resource.basePath).located.whole.start.line;
    const emit = (ruleId: string, defaultSetting: Severity | 'off', finding: Omit<Finding, 'severity' | 'ruleId'>, uncertain = false) => {
      const setting = config.rules[ruleId] ?? defaultSetting;
      if (setting === 'off') return;
      const full: Finding = { ...finding, ruleId, severity: uncertain && setting === 'error' ? 'warning' : setting };
      if (isSuppressedByAnnotation(resource, ruleId) || isSuppressedByComment(full, lines, objectStart())) return;
      findings.push(full);
    };

    if (deps.validator && resource !== kustomization) {
      for (const issue of safely(() => deps.validator?.validate(resource, config.kubernetesVersion, workspace) ?? [], [])) {
        emit(issue.ruleId, issue.severity, { message: issue.message, path, range: rangeFor(resource, issue.path, issue.on), fixes: issue.fixes });
      }
    }
    if (workspace.patchTargetsOf(path).length > 0) continue; // GitOps rules look at whole objects, not patches

    for (const rule of deps.rules) {
      if (rule.meta.kinds && !rule.meta.kinds.includes(resource.kind)) continue;
      if (resource === kustomization && !rule.meta.kinds) continue;
      if ((config.rules[rule.meta.id] ?? rule.meta.defaultSeverity) === 'off') continue;
      const context: RuleContext = {
        workspace,
        options: { kubernetesVersion: config.kubernetesVersion, ruleOptions: config.ruleOptions },
        report: (report: RuleReport) => emit(rule.meta.id, rule.meta.defaultSeverity, toFinding(resource, report), report.uncertain || (rule.meta.checksReferences === true && isHiddenAndUnapplied(workspace, path))),
      };
      safely(() => rule.check(resource, context), undefined, (error) =>
        findings.push({ ruleId: rule.meta.id, severity: 'warning', message: `Rule ${rule.meta.id} failed on this object: ${String(error)}`, path, range: rangeFor(resource, [], 'key') }),
      );
    }
  }
  findings.sort(compareFindings);
  return { path, findings, resourceCount: resources.length, ignored: false };
}

function toFinding(resource: ManifestResource, report: RuleReport): Omit<Finding, 'severity' | 'ruleId'> {
  return {
    message: report.message,
    path: resource.file.path,
    range: rangeFor(resource, report.path, report.on),
    fixes: report.fixes,
    related: report.related?.map((r) => ({ path: r.resource.file.path, range: rangeFor(r.resource, r.path, 'key'), message: r.message })),
  };
}

/** Where a finding on `path` is shown: the key of the member (or its value), or the nearest existing parent. */
export function rangeFor(resource: ManifestResource, path: readonly (string | number)[], on: 'key' | 'value' = 'key'): Range {
  const located = locateInResource(resource, path);
  if (path.length === 0) {
    // The object itself: point at its `kind` line rather than the whole document.
    const kind = resource.document.locator.locate([...resource.basePath, 'kind']);
    return kind?.key ?? located.value;
  }
  return on === 'key' ? (located.key ?? located.value) : located.value;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line
    || a.range.start.character - b.range.start.character
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || a.ruleId.localeCompare(b.ruleId);
}

function safely<T>(run: () => T, fallback: T, onError?: (error: unknown) => void): T {
  try {
    return run();
  } catch (error) {
    onError?.(error);
    return fallback;
  }
}
