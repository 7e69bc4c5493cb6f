import { isRecord, type ManifestResource } from '../../resource/manifest-resource.js';
import type { Rule, RuleContext } from '../rule.js';

// A value built from Flux post-build substitutions (`${VAR}`) carries no secret material itself.
const FLUX_PLACEHOLDER = /\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-=?][^}]*)?\}/;
const SOPS_VALUE = /^ENC\[[A-Z0-9_]+,data:/;
// References a tool resolves at bootstrap or sync time, so the committed text is a pointer, not the secret:
// 1Password (`op://vault/item/field`, `op inject`'s `{{ op://… }}`), argocd-vault-plugin (`<path:…#key>`)
// and vals (`ref+vault://…`, `ref+awssecrets://…`, …).
const SECRET_REFERENCES = [
  // Vault, item and section names may hold spaces (`op://Automation/1password connect/token`).
  /^op:\/\/[^/\n]+\/[^/\n]+\/[^\n]+$/,
  /\{\{\s*op:\/\/[^}\n]+\}\}/,
  /<path:[^<>\s]+>/,
  /^ref\+[a-z0-9]+:\/\/\S+$/,
];

function isPlaceholderOrEncrypted(value: unknown): boolean {
  if (typeof value !== 'string') return value === null || value === undefined;
  const text = value.trim();
  if (text === '') return true;
  return SOPS_VALUE.test(text) || FLUX_PLACEHOLDER.test(text) || SECRET_REFERENCES.some((pattern) => pattern.test(text));
}

const ADVICE = 'Encrypt the file with SOPS (`sops --encrypt --encrypted-regex "^(data|stringData)$"`), or replace it with a SealedSecret (`kubeseal`) or an ExternalSecret that reads the value from your secret store. Rotate the value: it is in the Git history.';

/** Kustomize `secretGenerator` literals (`password=s3cret`) are plaintext Secrets too. */
function checkSecretGenerator(resource: ManifestResource, context: RuleContext): void {
  if (resource.key.group !== 'kustomize.config.k8s.io') return;
  const generators = resource.object.secretGenerator;
  if (!Array.isArray(generators)) return;
  generators.forEach((generator, i) => {
    if (!isRecord(generator) || !Array.isArray(generator.literals)) return;
    generator.literals.forEach((literal, j) => {
      if (typeof literal !== 'string') return;
      const eq = literal.indexOf('=');
      const value = eq === -1 ? '' : literal.slice(eq + 1);
      if (isPlaceholderOrEncrypted(value)) return;
      context.report({
        path: ['secretGenerator', i, 'literals', j],
        on: 'value',
        message: `secretGenerator '${String(generator.name ?? i)}' commits the value of '${literal.slice(0, Math.max(eq, 0))}' in plain text.`,
        fixes: [{ title: 'Learn how to keep this secret out of Git', edits: [], advice: ADVICE }],
      });
    });
  });
}

export const secretInGitRule: Rule = {
  meta: {
    id: 'secret-in-git',
    title: 'No plaintext Secret in Git',
    rationale: 'A Secret committed with `data` or `stringData` is readable by everyone with access to the repository and stays in its history forever (base64 is not encryption). Values that only reference a secret store, resolved at bootstrap or sync time (1Password `op://…`, argocd-vault-plugin `<path:…>`, vals `ref+…://`), SOPS ciphertext and Flux `${VAR}` substitutions are not plaintext.',
    remediation: 'Encrypt it with SOPS, commit a SealedSecret instead, or reference the value from a secret store with an ExternalSecret; then rotate the exposed value.',
    defaultSeverity: 'error',
    kinds: ['Secret', 'Kustomization'],
  },
  check(resource, context) {
    if (resource.kind === 'Kustomization') {
      checkSecretGenerator(resource, context);
      return;
    }
    if (resource.apiVersion !== 'v1') return;
    if ('sops' in resource.object) return; // SOPS-encrypted file: values are ciphertext
    for (const field of ['data', 'stringData'] as const) {
      const values = resource.object[field];
      if (!isRecord(values)) continue;
      const plain = Object.entries(values).filter(([, v]) => !isPlaceholderOrEncrypted(v));
      if (plain.length === 0) continue;
      const keys = plain.map(([k]) => k);
      context.report({
        path: [field, keys[0] as string],
        message: `Secret '${resource.name}' commits ${keys.length === 1 ? `the value of '${keys[0]}'` : `${keys.length} values (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''})`} in plain text under '${field}'.`,
        fixes: [{ title: 'Learn how to keep this secret out of Git', edits: [], advice: ADVICE }],
      });
    }
  },
};
