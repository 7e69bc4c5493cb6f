// The facts the twelve answers and the mistake findings share, computed once per report.
import { DEFAULT_LINT_CONFIG } from '../config/lint-config.js';
import type { Finding } from '../findings/finding.js';
import { lintWorkspace } from '../lint/lint-engine.js';
import { danglingReferenceRule } from '../lint/rules/dangling-reference.js';
import { kustomizationRefRule } from '../lint/rules/kustomization-ref.js';
import { secretInGitRule } from '../lint/rules/secret-in-git.js';
import type { ManifestResource } from '../resource/manifest-resource.js';
import { groupOf } from '../resource/resource-key.js';
import { findDeploySteps, type DeployStep } from './deploy-steps.js';
import { findAgentUnits, findAlerts, pullsFromThisRepository, type AgentUnit } from './gitops-agents.js';
import type { Evidence, ReadinessInput } from './readiness-types.js';

export interface ReadinessFacts {
  readonly input: ReadinessInput;
  /** Kubernetes objects declared in manifest files. */
  readonly objects: readonly ManifestResource[];
  readonly manifestPaths: readonly string[];
  readonly steps: readonly DeployStep[];
  readonly units: readonly AgentUnit[];
  /** Units pulling from this repository. */
  readonly ownUnits: readonly AgentUnit[];
  readonly alerts: readonly Evidence[];
  /** References to objects declared nowhere (dangling-reference, kustomization-ref). */
  readonly missingReferences: readonly Finding[];
  /** Custom resources whose CustomResourceDefinition is declared nowhere, when nothing here installs charts. */
  readonly undeclaredCustomKinds: readonly ManifestResource[];
  readonly plaintextSecrets: readonly Finding[];
  /** SealedSecrets, SOPS-encrypted files, ExternalSecrets: secrets kept safely. */
  readonly safeSecrets: readonly ManifestResource[];
}

/** Groups whose CRDs the GitOps agent or the platform installs (bootstrap), not the repository. */
const PLATFORM_GROUP = /(^|\.)(fluxcd\.io|argoproj\.io|k8s\.io|kustomize\.config\.k8s\.io)$/;

const REFERENCE_RULES = new Set([danglingReferenceRule.meta.id, kustomizationRefRule.meta.id]);

/** One lint run with the three rules the report reuses; findings of other checks (shape, parse) are dropped. */
function lintForReadiness(input: ReadinessInput): { missing: Finding[]; secrets: Finding[] } {
  const findings = lintWorkspace(input.index, DEFAULT_LINT_CONFIG, { rules: [danglingReferenceRule, kustomizationRefRule, secretInGitRule] }).flatMap((r) => r.findings);
  return { missing: findings.filter((f) => REFERENCE_RULES.has(f.ruleId)), secrets: findings.filter((f) => f.ruleId === secretInGitRule.meta.id) };
}

export function gatherFacts(input: ReadinessInput): ReadinessFacts {
  const { index } = input;
  const objects = index.resources.filter((r) => r.key.group !== 'kustomize.config.k8s.io');
  const units = findAgentUnits(index);
  const remotes = input.git?.remoteUrls ?? [];
  const declaredCrds = new Set(index.resourcesByKind('CustomResourceDefinition').map((r) => {
    const spec = r.object.spec as { group?: unknown; names?: { kind?: unknown } } | undefined;
    return `${String(spec?.group)}/${String(spec?.names?.kind)}`;
  }));
  const installsCharts = index.resources.some((r) => r.kind === 'HelmRelease' || (r.kind === 'Application' && JSON.stringify(r.object.spec ?? {}).includes('"chart"')));
  const undeclaredCustomKinds = installsCharts ? [] : objects.filter((r) => {
    const group = groupOf(r.apiVersion);
    return group.includes('.') && !PLATFORM_GROUP.test(group) && !declaredCrds.has(`${group}/${r.kind}`);
  });
  const lint = lintForReadiness(input);
  return {
    input,
    objects,
    manifestPaths: [...new Set(objects.map((r) => r.file.path))],
    steps: findDeploySteps(input.textFiles),
    units,
    ownUnits: units.filter((u) => pullsFromThisRepository(index, u, remotes)),
    alerts: findAlerts(index).evidence,
    missingReferences: lint.missing,
    undeclaredCustomKinds,
    plaintextSecrets: lint.secrets,
    safeSecrets: index.resources.filter((r) => r.kind === 'SealedSecret' || r.kind === 'ExternalSecret' || (r.kind === 'Secret' && 'sops' in r.object)),
  };
}

export function stepEvidence(step: DeployStep, note: string): Evidence {
  return { path: step.path, range: step.range, note: `${note}: \`${step.command}\`` };
}

export function findingEvidence(finding: Finding): Evidence {
  return { path: finding.path, range: finding.range, note: finding.message };
}
