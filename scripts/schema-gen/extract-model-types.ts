// Turns the type declarations of `@kubernetes-models/*` CRD packages into our schema nodes, with the
// TypeScript type checker (so imported interfaces, type aliases and string-literal unions resolve).
// Packages generated from CRD YAML (flux-cd 3.x) are nested anonymous types that mirror the
// openAPIV3Schema; packages generated from Go types (argo-cd 4, sealed-secrets 6, external-secrets 2)
// are named interfaces, which become named definitions of the chunk.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { SchemaNodeJson, SchemaNodeObjectJson } from '../../src/core/schema/schema-data.js';

export const OBJECT_META = 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta';

export interface ExtractedKind {
  apiVersion: string;
  kind: string;
  root: SchemaNodeObjectJson;
}

export interface ExtractedProject {
  kinds: ExtractedKind[];
  /** named definitions shared by the kinds (Go-generated packages). */
  defs: Map<string, SchemaNodeObjectJson>;
  /** every description text met, to be turned into ids by the writer. */
  descriptions: Map<SchemaNodeObjectJson, { self?: string; props: Record<string, string> }>;
}

/** Finds `<pkg>/<group>/<version>/<Kind>.d.ts` files whose interface declares literal apiVersion and kind. */
export function findKindFiles(packageDir: string): string[] {
  const out: string[] = [];
  for (const group of readdirSync(packageDir)) {
    const groupDir = join(packageDir, group);
    if (!group.includes('.') || group === 'github.com' || !statSync(groupDir).isDirectory()) continue;
    for (const version of readdirSync(groupDir)) {
      const versionDir = join(groupDir, version);
      if (!/^v\d/.test(version)) continue;
      for (const file of readdirSync(versionDir)) {
        if (file.endsWith('.d.ts') && file !== 'index.d.ts' && !file.endsWith('List.d.ts')) out.push(join(versionDir, file));
      }
    }
  }
  return out.filter(existsSync);
}

export function extractModelTypes(files: string[], project: string): ExtractedProject {
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
  });
  const checker = program.getTypeChecker();
  const defs = new Map<string, SchemaNodeObjectJson>();
  const defNames = new Map<ts.Type, string>();
  const descriptions: ExtractedProject['descriptions'] = new Map();
  const kinds: ExtractedKind[] = [];

  const docOf = (symbol: ts.Symbol | undefined): string | undefined => {
    const text = symbol ? ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() : '';
    return text || undefined;
  };

  const nonNullish = (type: ts.Type): ts.Type[] =>
    type.isUnion()
      ? type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void)))
      : [type];

  const convertObject = (type: ts.Type): SchemaNodeObjectJson => {
    const node: SchemaNodeObjectJson = { t: 'object' };
    const props: Record<string, SchemaNodeJson> = {};
    const required: string[] = [];
    const propDocs: Record<string, string> = {};
    for (const prop of checker.getPropertiesOfType(type)) {
      const decl = prop.valueDeclaration ?? prop.declarations?.[0];
      if (!decl) continue;
      if (ts.isMethodSignature(decl) || ts.isMethodDeclaration(decl)) continue;
      const propType = checker.getTypeOfSymbolAtLocation(prop, decl);
      if (propType.getCallSignatures().length) continue;
      props[prop.name] = convert(propType);
      if (!(prop.flags & ts.SymbolFlags.Optional)) required.push(prop.name);
      const doc = docOf(prop);
      if (doc) propDocs[prop.name] = doc;
    }
    if (Object.keys(props).length) node.p = props;
    if (required.length) node.r = required;
    const index = checker.getIndexInfosOfType(type).find((i) => i.keyType.flags & ts.TypeFlags.String);
    if (index) node.m = convert(index.type);
    else if (!node.p) node.x = 1;
    descriptions.set(node, { self: docOf(type.aliasSymbol ?? type.getSymbol()), props: propDocs });
    return node;
  };

  const convert = (type: ts.Type): SchemaNodeJson => {
    const alias = type.aliasSymbol?.name ?? '';
    if (/Quantity$/.test(alias)) return { t: 'quantity' };
    if (/IntOrString$/.test(alias)) return { t: 'int-or-string' };
    // apiextensionsv1.JSON and runtime.RawExtension hold arbitrary YAML (Helm values, generator elements).
    const symbolName = type.getSymbol()?.name ?? '';
    if (/(RawExtension|JSON)$/.test(alias) || /^I?(RawExtension|JSON)$/.test(symbolName)) return { t: 'any' };
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return { t: 'any' };
    const members = nonNullish(type);
    if (members.length === 0) return { t: 'any' };
    if (members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral) || members.every((t) => t.flags & ts.TypeFlags.Boolean)) {
      return { t: 'boolean' };
    }
    if (members.length > 1) {
      if (members.every((t) => t.isStringLiteral())) return { t: 'string', e: members.map((t) => (t as ts.StringLiteralType).value) };
      const flags = members.reduce((f, t) => f | t.flags, 0);
      if (members.length === 2 && flags & ts.TypeFlags.Number && flags & ts.TypeFlags.String) return { t: 'int-or-string' };
      return { t: 'any' };
    }
    const only = members[0]!;
    if (only.isStringLiteral()) return { t: 'string', e: [only.value] };
    if (only.flags & ts.TypeFlags.String) return { t: 'string' };
    if (only.flags & ts.TypeFlags.Number) return { t: 'number' };
    if (checker.isArrayType(only)) {
      const [element] = checker.getTypeArguments(only as ts.TypeReference);
      return { t: 'array', i: element ? convert(element) : { t: 'any' } };
    }
    if (only.flags & ts.TypeFlags.Object) {
      const symbol = only.aliasSymbol ?? only.getSymbol();
      const name = symbol?.name ?? '';
      if (/^I?(IoK8sApimachineryPkgApisMetaV1)?ObjectMeta$/.test(name)) return OBJECT_META;
      const named = symbol && (symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.TypeAlias)) && name !== '__type';
      if (!named) return convertObject(only);
      const existing = defNames.get(only);
      if (existing) return existing;
      const base = `${project}:${name.replace(/^I(?=[A-Z])/, '')}`;
      let defName = base;
      for (let n = 2; defs.has(defName); n++) defName = `${base}~${n}`;
      defNames.set(only, defName);
      defs.set(defName, { t: 'object' });
      defs.set(defName, convertObject(only));
      return defName;
    }
    return { t: 'any' };
  };

  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) continue;
    for (const stmt of source.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      const type = checker.getTypeAtLocation(stmt);
      const apiVersionSymbol = type.getProperty('apiVersion');
      const kindSymbol = type.getProperty('kind');
      if (!apiVersionSymbol || !kindSymbol) continue;
      const apiVersion = checker.getTypeOfSymbolAtLocation(apiVersionSymbol, stmt);
      const kind = checker.getTypeOfSymbolAtLocation(kindSymbol, stmt);
      if (!apiVersion.isStringLiteral() || !kind.isStringLiteral()) continue;
      const root = convertObject(type);
      root.p = {
        ...root.p,
        apiVersion: { t: 'string' },
        kind: { t: 'string' },
        metadata: OBJECT_META,
        status: { t: 'any' },
      };
      root.r = (root.r ?? []).filter((r) => r !== 'apiVersion' && r !== 'kind' && r !== 'metadata' && r !== 'status');
      if (!root.r.length) delete root.r;
      delete root.x;
      kinds.push({ apiVersion: apiVersion.value, kind: kind.value, root });
    }
  }
  // Drop definitions that only status subtrees used (status is not validated).
  return { kinds, defs: pruneUnreachable(kinds, defs), descriptions };
}

function pruneUnreachable(kinds: ExtractedKind[], defs: Map<string, SchemaNodeObjectJson>): Map<string, SchemaNodeObjectJson> {
  const reachable = new Set<string>();
  const visit = (node: SchemaNodeJson | undefined): void => {
    if (node === undefined) return;
    if (typeof node === 'string') {
      if (reachable.has(node) || !defs.has(node)) return;
      reachable.add(node);
      visit(defs.get(node));
      return;
    }
    for (const child of Object.values(node.p ?? {})) visit(child);
    visit(node.m);
    visit(node.i);
  };
  for (const k of kinds) visit(k.root);
  return new Map([...defs].filter(([name]) => reachable.has(name)));
}
