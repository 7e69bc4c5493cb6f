// Every GitOps rule, registered explicitly. docs/rules.md is generated from this list (npm run docs:rules).
import type { Rule } from './rule.js';
import { duplicateResourceRule } from './rules/duplicate-resource.js';
import { hpaFixedReplicasRule } from './rules/hpa-fixed-replicas.js';
import { imageTagRule } from './rules/image-tag.js';
import { secretInGitRule } from './rules/secret-in-git.js';

export const RULES: readonly Rule[] = [
  secretInGitRule,
  imageTagRule,
  hpaFixedReplicasRule,
  duplicateResourceRule,
];
