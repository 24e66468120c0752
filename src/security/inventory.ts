import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * Everything a request can reach, read from the code: every page, every route handler method,
 * every exported server action and every inline one (a function whose body says "use server").
 * The permission matrix must name each of them; a new one fails the inventory test until it does.
 */
export type InventoryEntry =
  | { kind: "page"; id: string; path: string; file: string }
  | { kind: "route"; id: string; method: string; path: string; file: string }
  | { kind: "action"; id: string; name: string; file: string; inline: boolean };

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
const SKIP_DIRS = new Set(["node_modules", ".git", "testing"]);

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** app/(app)/clients/[clientId]/page.tsx → /clients/[clientId]: route groups do not show in URLs. */
export function urlPathOf(file: string): string {
  const segments = path.dirname(file).split(/[\\/]/).slice(1).filter((s) => !/^\(.*\)$/.test(s));
  return `/${segments.join("/")}`;
}

function isUseServer(statement: ts.Statement | undefined): boolean {
  return Boolean(statement && ts.isExpressionStatement(statement) && ts.isStringLiteral(statement.expression) && statement.expression.text === "use server");
}

function hasExport(node: ts.Node): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** Names a module exports: declarations, `export const`, and `export { a, b }` lists. */
function exportedNames(source: ts.SourceFile): string[] {
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && hasExport(statement) && statement.name) names.push(statement.name.text);
    else if (ts.isVariableStatement(statement) && hasExport(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) names.push(d.name.text);
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const e of statement.exportClause.elements) names.push(e.name.text);
    }
  }
  return names;
}

/** Functions anywhere in the file whose own body starts with "use server". */
function inlineActions(source: ts.SourceFile): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node)) && node.body && ts.isBlock(node.body) && isUseServer(node.body.statements[0])) {
      const named = ts.isFunctionDeclaration(node) ? node.name?.text : ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
      names.push(named ?? `anonymous@${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

export function scanInventory(root: string): InventoryEntry[] {
  const entries: InventoryEntry[] = [];
  const files = [...walk(path.join(root, "app")), ...walk(path.join(root, "src"))].map((f) => path.relative(root, f).split(path.sep).join("/")).sort();
  for (const file of files) {
    const text = readFileSync(path.join(root, file), "utf8");
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
    const base = path.basename(file);
    if (file.startsWith("app/") && /^page\.tsx?$/.test(base)) {
      const url = urlPathOf(file);
      entries.push({ kind: "page", id: `page ${url}`, path: url, file });
    }
    if (file.startsWith("app/") && /^route\.tsx?$/.test(base)) {
      const url = urlPathOf(file);
      for (const method of exportedNames(source).filter((n) => HTTP_METHODS.has(n)).sort()) {
        entries.push({ kind: "route", id: `route ${method} ${url}`, method, path: url, file });
      }
    }
    if (isUseServer(source.statements[0])) {
      for (const name of exportedNames(source).sort()) entries.push({ kind: "action", id: `action ${file}#${name}`, name, file, inline: false });
    }
    for (const name of inlineActions(source)) entries.push({ kind: "action", id: `action ${file}#${name}`, name, file, inline: true });
  }
  return entries.sort((a, b) => a.id.localeCompare(b.id));
}
