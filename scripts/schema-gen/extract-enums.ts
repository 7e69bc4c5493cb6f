// The Kubernetes OpenAPI (Swagger 2) documents carry no `enum` lists, but kubernetes-models (generated from the
// Kubernetes 1.33 OpenAPI v3 document) writes them as string-literal unions:
//   "protocol"?: "SCTP" | "TCP" | "UDP";
// We read those unions and apply them to the same definition and property in every Kubernetes version.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import type { ExtractedDefinition } from './extract-openapi.js';

/** normalized definition name (`iok8sapicorev1containerport`) → property → allowed values */
export type EnumTable = Map<string, Map<string, string[]>>;

export function normalizeDefinitionName(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

function listDeclarationFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name === 'node_modules' || name === '_schemas') continue;
    if (statSync(path).isDirectory()) listDeclarationFiles(path, out);
    else if (name.endsWith('.d.ts') && name !== 'index.d.ts') out.push(path);
  }
  return out;
}

function stringLiteralUnion(type: ts.TypeNode): string[] | undefined {
  if (!ts.isUnionTypeNode(type)) return undefined;
  const values: string[] = [];
  for (const member of type.types) {
    if (ts.isLiteralTypeNode(member) && ts.isStringLiteral(member.literal)) values.push(member.literal.text);
    else return undefined;
  }
  return values;
}

export function extractEnums(packageDir: string): EnumTable {
  const table: EnumTable = new Map();
  for (const file of listDeclarationFiles(packageDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const localToAlias = new Map<string, string>();
    for (const stmt of source.statements) {
      if (ts.isExportDeclaration(stmt) && stmt.exportClause && ts.isNamedExports(stmt.exportClause)) {
        for (const el of stmt.exportClause.elements) {
          if (el.propertyName) localToAlias.set(el.propertyName.text, el.name.text);
        }
      }
    }
    for (const stmt of source.statements) {
      if (!ts.isInterfaceDeclaration(stmt)) continue;
      const alias = localToAlias.get(stmt.name.text);
      if (!alias?.startsWith('I')) continue;
      const key = normalizeDefinitionName(alias.slice(1));
      for (const member of stmt.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const values = stringLiteralUnion(member.type);
        if (!values || values.length < 2) continue;
        const prop = member.name.getText(source).replace(/^['"]|['"]$/g, '');
        let byProp = table.get(key);
        if (!byProp) table.set(key, (byProp = new Map()));
        byProp.set(prop, values);
      }
    }
  }
  return table;
}

function copyEnums(table: EnumTable): EnumTable {
  return new Map([...table].map(([def, props]) => [def, new Map([...props].map(([prop, values]) => [prop, [...values]]))]));
}

/** `own`'s values where it has the property (that version's own list), `fallback`'s elsewhere. */
export function preferEnums(own: EnumTable, fallback: EnumTable): EnumTable {
  const out = copyEnums(fallback);
  for (const [def, props] of own) {
    const into = out.get(def) ?? new Map<string, string[]>();
    for (const [prop, values] of props) into.set(prop, [...values]);
    out.set(def, into);
  }
  return out;
}

/**
 * For a version no enum package matches (1.34, 1.35): `base`'s lists (an older version), plus each value that
 * `newer` (a newer version) adds only where this version's own OpenAPI description of the property names it
 * ("Valid operators are Exists, Equal, Lt, and Gt"), so a value that version does not serve is still refused.
 */
export function enumsNamedByDescriptions(base: EnumTable, newer: EnumTable, definitions: Map<string, ExtractedDefinition>): EnumTable {
  const byNormalizedName = new Map([...definitions.values()].map((def) => [normalizeDefinitionName(def.name), def]));
  const out = copyEnums(base);
  for (const [def, props] of newer) {
    const into = out.get(def) ?? new Map<string, string[]>();
    for (const [prop, values] of props) {
      const known = into.get(prop);
      if (!known) {
        into.set(prop, [...values]);
        continue;
      }
      const description = byNormalizedName.get(def)?.propertyDescriptions[prop] ?? '';
      const named = values.filter((value) => !known.includes(value) && new RegExp(`\\b${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(description));
      into.set(prop, [...known, ...named]);
    }
    out.set(def, into);
  }
  return out;
}
