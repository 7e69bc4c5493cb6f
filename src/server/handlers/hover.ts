// Hover: a field's description, type and default from the schema; on an object's header (apiVersion, kind,
// metadata.name/namespace) its identity and the deployment unit(s) it belongs to.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { ValuePath } from '../../core/manifest/manifest-types.js';
import type { ManifestResource } from '../../core/resource/manifest-resource.js';
import { LineIndex } from '../../core/text/line-index.js';
import type { Position } from '../../core/text/range.js';
import type { WorkspaceIndex } from '../../core/workspace/workspace-index.js';
import { resourceAtPosition } from '../../core/workspace/resource-at-position.js';
import type { FieldInfo, SchemaProvider } from '../schema-provider.js';
import { pathAtPosition } from '../yaml-path-at-position.js';

const HEADER_PATHS = new Set(['apiVersion', 'kind', 'metadata', 'metadata.name', 'metadata.namespace']);

export interface HoverInput {
  readonly index: WorkspaceIndex;
  readonly path: string;
  readonly text: string;
  readonly position: Position;
  readonly schema: SchemaProvider;
  readonly kubernetesVersion: string;
}

export function provideHover({ index, path, text, position, schema, kubernetesVersion }: HoverInput): Hover | null {
  const lines = new LineIndex(text);
  const fullPath = pathAtPosition(lines, position);
  if (!fullPath) return null;
  const resource = resourceAtPosition(index, path, position);
  if (!resource) return null;
  const inObject = stripBase(fullPath, resource.basePath);
  if (!inObject) return null;
  if (HEADER_PATHS.has(inObject.join('.'))) return { contents: { kind: MarkupKind.Markdown, value: describeIdentity(index, resource) } };
  const field = schema.describeField(resource.apiVersion, resource.kind, inObject, kubernetesVersion);
  if (!field) return null;
  return { contents: { kind: MarkupKind.Markdown, value: describeField(field, inObject) } };
}

function stripBase(path: ValuePath, base: ValuePath): ValuePath | undefined {
  for (let i = 0; i < base.length; i++) if (path[i] !== base[i]) return undefined;
  return path.slice(base.length);
}

export function describeField(field: FieldInfo, path: ValuePath): string {
  const parts = [`**${field.name}** \`${field.type}\`${field.required ? ' (required)' : ''}`];
  if (field.description) parts.push(field.description);
  if (field.enum?.length) parts.push(`Allowed values: ${field.enum.map((v) => `\`${String(v)}\``).join(', ')}`);
  if (field.default !== undefined) parts.push(`Default: \`${JSON.stringify(field.default)}\``);
  parts.push(`\`${path.map((s) => (typeof s === 'number' ? '[]' : s)).join('.').replace(/\.\[\]/g, '[]')}\``);
  return parts.join('\n\n');
}

export function describeIdentity(index: WorkspaceIndex, resource: ManifestResource): string {
  const { group, kind, namespace, name } = resource.key;
  const units = index.unitsOf(resource.file.path).map((u) => {
    const [type, where] = [u.slice(0, u.indexOf(':')), u.slice(u.indexOf(':') + 1) || '.'];
    return type === 'kustomization' ? `kustomization \`${where}\`` : `directory \`${where}\``;
  });
  return [
    `**${kind}** \`${resource.apiVersion}\``,
    '| group | kind | namespace | name |\n|---|---|---|---|\n' +
      `| ${group || '(core)'} | ${kind} | ${namespace || '(default / from the unit)'} | ${name || '(unnamed)'} |`,
    `Deployed with: ${units.join(', ')}`,
  ].join('\n\n');
}
