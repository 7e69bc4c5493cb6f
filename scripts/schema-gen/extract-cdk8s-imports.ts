// Reads the Kubernetes type declarations that cdk8s generates from the official OpenAPI document of one
// Kubernetes version (`cdk8s-plus-<minor>/lib/imports/k8s.d.ts`) and turns them into our schema nodes.
// cdk8s renames properties to camelCase, but every interface and property carries a JSDoc tag
// `@schema <definition>#<original property name>`: that tag, not the TypeScript name, is what we keep.
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type { SchemaNodeJson, SchemaNodeObjectJson } from '../../src/core/schema/schema-data.js';

export interface ExtractedDefinition {
  name: string;
  node: SchemaNodeObjectJson;
  /** property descriptions and the definition's own description, as text (ids are assigned later). */
  description?: string;
  propertyDescriptions: Record<string, string>;
}

export interface ExtractedKubernetesVersion {
  definitions: Map<string, ExtractedDefinition>;
  /** apiVersion → kind → root definition name */
  kinds: Map<string, Map<string, string>>;
}

interface JsDocInfo {
  text: string;
  schema?: string;
}

function readJsDoc(node: ts.Node): JsDocInfo {
  const docs = (node as { jsDoc?: ts.JSDoc[] }).jsDoc ?? [];
  let text = '';
  let schema: string | undefined;
  for (const doc of docs) {
    const comment = ts.getTextOfJSDocComment(doc.comment);
    if (comment) text = text ? `${text}\n\n${comment}` : comment;
    for (const tag of doc.tags ?? []) {
      if (tag.tagName.text === 'schema') schema = ts.getTextOfJSDocComment(tag.comment)?.trim();
    }
  }
  return { text: text.trim(), schema };
}

/**
 * Reads the apiVersion and kind of each `Kube*` class in k8s.js. Newer cdk8s writes
 * `static GVK = { apiVersion: 'apps/v1', kind: 'Deployment' }` inside the class, older cdk8s writes
 * `KubeDeployment.GVK = { … }` after it.
 */
function readGroupVersionKinds(jsText: string): Map<string, { apiVersion: string; kind: string }> {
  const out = new Map<string, { apiVersion: string; kind: string }>();
  const assigned = /(Kube\w+)\.GVK = \{\s*apiVersion: '([^']+)',\s*kind: '([^']+)'/g;
  for (const m of jsText.matchAll(assigned)) out.set(m[1]!, { apiVersion: m[2]!, kind: m[3]! });
  const inClass = /class (Kube\w+) extends [\w.]+ \{[\s\S]*?static GVK = \{\s*apiVersion: '([^']+)',\s*kind: '([^']+)'/g;
  for (const m of jsText.matchAll(inClass)) out.set(m[1]!, { apiVersion: m[2]!, kind: m[3]! });
  return out;
}

export function extractCdk8sImports(dtsPath: string, jsPath: string): ExtractedKubernetesVersion {
  const source = ts.createSourceFile(dtsPath, readFileSync(dtsPath, 'utf8'), ts.ScriptTarget.Latest, true);
  const gvks = readGroupVersionKinds(readFileSync(jsPath, 'utf8'));

  // TypeScript interface name → definition name; enum name → its values.
  const interfaceDefs = new Map<string, string>();
  const enums = new Map<string, string[]>();
  const classDefs = new Map<string, string>();
  for (const stmt of source.statements) {
    if (ts.isInterfaceDeclaration(stmt)) {
      const schema = readJsDoc(stmt).schema;
      if (schema) interfaceDefs.set(stmt.name.text, schema);
    } else if (ts.isEnumDeclaration(stmt)) {
      enums.set(
        stmt.name.text,
        stmt.members.flatMap((m) => (m.initializer && ts.isStringLiteral(m.initializer) ? [m.initializer.text] : [])),
      );
    } else if (ts.isClassDeclaration(stmt) && stmt.name) {
      const schema = readJsDoc(stmt).schema;
      if (schema) classDefs.set(stmt.name.text, schema);
    }
  }

  const convert = (type: ts.TypeNode): SchemaNodeJson => {
    if (type.kind === ts.SyntaxKind.StringKeyword) return { t: 'string' };
    if (type.kind === ts.SyntaxKind.NumberKeyword) return { t: 'integer' };
    if (type.kind === ts.SyntaxKind.BooleanKeyword) return { t: 'boolean' };
    if (type.kind === ts.SyntaxKind.AnyKeyword || type.kind === ts.SyntaxKind.UnknownKeyword) return { t: 'any' };
    if (ts.isArrayTypeNode(type)) return { t: 'array', i: convert(type.elementType) };
    if (ts.isParenthesizedTypeNode(type)) return convert(type.type);
    if (ts.isTypeLiteralNode(type)) {
      const index = type.members.find(ts.isIndexSignatureDeclaration);
      if (index) return { t: 'object', m: convert(index.type) };
      return { t: 'object', x: 1 };
    }
    if (ts.isTypeReferenceNode(type)) {
      const name = type.typeName.getText(source);
      if (name === 'Array' && type.typeArguments?.[0]) return { t: 'array', i: convert(type.typeArguments[0]) };
      if (name === 'Record' && type.typeArguments?.[1]) return { t: 'object', m: convert(type.typeArguments[1]) };
      if (name === 'Quantity') return { t: 'quantity' };
      if (name === 'IntOrString') return { t: 'int-or-string' };
      if (name === 'Date') return { t: 'string', f: 'date-time' };
      const def = interfaceDefs.get(name);
      if (def) return def;
      const values = enums.get(name);
      if (values) return { t: 'string', e: values };
      throw new Error(`unknown type reference ${name} in ${dtsPath}`);
    }
    if (ts.isUnionTypeNode(type)) {
      const members = type.types.filter(
        (t) => t.kind !== ts.SyntaxKind.UndefinedKeyword && !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword),
      );
      if (members.length === 1) return convert(members[0]!);
      return { t: 'any' };
    }
    throw new Error(`unsupported type ${ts.SyntaxKind[type.kind]} in ${dtsPath}`);
  };

  const definitions = new Map<string, ExtractedDefinition>();
  for (const stmt of source.statements) {
    if (!ts.isInterfaceDeclaration(stmt)) continue;
    const doc = readJsDoc(stmt);
    if (!doc.schema) continue;
    const node: SchemaNodeObjectJson = { t: 'object', p: {} };
    const required: string[] = [];
    const propertyDescriptions: Record<string, string> = {};
    for (const member of stmt.members) {
      if (!ts.isPropertySignature(member) || !member.type) continue;
      const memberDoc = readJsDoc(member);
      const hash = memberDoc.schema?.lastIndexOf('#') ?? -1;
      const original = hash >= 0 ? memberDoc.schema!.slice(hash + 1) : member.name.getText(source).replace(/^['"]|['"]$/g, '');
      node.p![original] = convert(member.type);
      if (!member.questionToken) required.push(original);
      if (memberDoc.text) propertyDescriptions[original] = memberDoc.text;
    }
    if (required.length) node.r = required;
    const existing = definitions.get(doc.schema);
    // cdk8s emits a `KubeXProps` interface for each kind and may also emit the plain interface: merge them.
    if (existing) {
      Object.assign(existing.node.p!, node.p);
      existing.node.r = [...new Set([...(existing.node.r ?? []), ...(node.r ?? [])])];
      Object.assign(existing.propertyDescriptions, propertyDescriptions);
      continue;
    }
    definitions.set(doc.schema, { name: doc.schema, node, description: doc.text || undefined, propertyDescriptions });
  }

  const kinds = new Map<string, Map<string, string>>();
  for (const [className, gvk] of gvks) {
    const defName = classDefs.get(className);
    if (!defName) continue;
    const def = definitions.get(defName);
    if (!def) continue;
    // cdk8s leaves apiVersion, kind and status out of the props: put them back.
    def.node.p!.apiVersion ??= { t: 'string' };
    def.node.p!.kind ??= { t: 'string' };
    def.node.p!.status ??= { t: 'any' };
    def.propertyDescriptions.apiVersion ??= 'APIVersion defines the versioned schema of this representation of an object.';
    def.propertyDescriptions.kind ??= 'Kind is a string value representing the REST resource this object represents.';
    def.propertyDescriptions.status ??= 'Status is written by the cluster, not by you; it is not validated.';
    let byKind = kinds.get(gvk.apiVersion);
    if (!byKind) kinds.set(gvk.apiVersion, (byKind = new Map()));
    byKind.set(gvk.kind, defName);
  }
  return { definitions, kinds };
}
