// A value Git writes as a Flux `${VAR}` placeholder is changed where the variable is set: the environment's
// Flux Kustomization `spec.postBuild.substitute`, never over the placeholder (which other environments share).
import type { Environment } from '../environments/environment.js';
import type { TextEdit } from '../findings/finding.js';
import { groupOf } from '../resource/resource-key.js';
import type { WorkspaceIndex } from '../workspace/workspace-index.js';
import { planWriteField } from './write-field-edit.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[=-][^}]*)?\}/g;

/** The edit that makes `template` (`ghcr.io/acme/api:${TAG}`) substitute to `value`, or why it cannot. */
export function planFluxVariable(index: WorkspaceIndex, env: Environment | undefined, template: string, value: unknown): { edit: TextEdit; variable: string } | { refused: string } {
  const vars = [...template.matchAll(VARIABLE)];
  const only = vars[0];
  if (vars.length !== 1 || !only || only[1] === undefined) return { refused: `the Git value "${template}" combines ${vars.length} Flux variables; which one to change is ambiguous: edit the substitute values by hand` };
  const name = only[1];
  if (!env?.postBuild) return { refused: `the Git value "${template}" is a Flux variable, but the environment has no postBuild substitution to write it in` };
  const prefix = template.slice(0, only.index);
  const suffix = template.slice((only.index ?? 0) + only[0].length);
  const text = typeof value === 'string' ? value : value === undefined || value === null || typeof value === 'object' ? undefined : String(value);
  if (text === undefined || !text.startsWith(prefix) || !text.endsWith(suffix) || text.length < prefix.length + suffix.length) {
    return { refused: `the new value does not fit the Git template "${template}" (only \${${name}} can change); edit the template by hand` };
  }
  const variableValue = text.slice(prefix.length, text.length - suffix.length);
  if (!(name in env.postBuild.substitute) && env.postBuild.hasSubstituteFrom) return { refused: `\${${name}} comes from postBuild.substituteFrom (a ConfigMap or Secret in the cluster), not from the repository; change it there` };
  const flux = env.source ? index.resourcesInFile(env.source.path).find((r) => r.kind === 'Kustomization' && groupOf(r.apiVersion) === 'kustomize.toolkit.fluxcd.io' && r.name === env.name) : undefined;
  if (!flux) return { refused: `\${${name}}: the Flux Kustomization of environment ${env.name} is not in the repository` };
  const planned = planWriteField(flux, ['spec', 'postBuild', 'substitute', name], variableValue);
  return 'edit' in planned ? { edit: planned.edit, variable: name } : planned;
}
