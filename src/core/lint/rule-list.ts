// Every GitOps rule, registered explicitly. docs/rules.md is generated from this list (npm run docs:rules).
import type { Rule } from './rule.js';
import { duplicateResourceRule } from './rules/duplicate-resource.js';
import { hpaFixedReplicasRule } from './rules/hpa-fixed-replicas.js';
import { imageTagRule } from './rules/image-tag.js';
import { secretInGitRule } from './rules/secret-in-git.js';
import { resourcesRule } from './rules/resources.js';
import { statusInGitRule } from './rules/status-in-git.js';
import { selectorMismatchRule } from './rules/selector-mismatch.js';
import { helmVersionRule } from './rules/helm-version.js';
import { privilegedContainerRule } from './rules/privileged-container.js';
import { hostPathRule } from './rules/host-path.js';
import { runAsRootRule } from './rules/run-as-root.js';
import { kustomizationRefRule } from './rules/kustomization-ref.js';
import { fluxSourceRule } from './rules/flux-source.js';
import { argoSourceRule } from './rules/argo-source.js';
import { danglingReferenceRule } from './rules/dangling-reference.js';

export const RULES: readonly Rule[] = [
  secretInGitRule,
  imageTagRule,
  hpaFixedReplicasRule,
  duplicateResourceRule,
  resourcesRule,
  statusInGitRule,
  selectorMismatchRule,
  helmVersionRule,
  privilegedContainerRule,
  hostPathRule,
  runAsRootRule,
  kustomizationRefRule,
  fluxSourceRule,
  argoSourceRule,
  danglingReferenceRule,
];
