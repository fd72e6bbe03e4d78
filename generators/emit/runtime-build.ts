/**
 * Compiles the run-time helpers (generators/runtime/*.ts, real TypeScript) into the pieces the shared module
 * is assembled from: each top-level declaration in the TypeScript, ESM and CommonJS forms, and its declaration.
 * Runs at build time (scripts/precompile.mjs writes the table to dist/precompiled/runtime.js), or when running
 * from the sources. Works on the TypeScript compiler's syntax tree: types are erased and `export` keywords
 * dropped by cutting the text of the nodes that hold them, so each form keeps the source's layout and comments.
 */
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/** The runtime's files, in the order their declarations go into the shared module. */
export const RUNTIME_FILES = ['validation.ts', 'formats.ts', 'values.ts', 'interop.ts'] as const;

/** The fixtures' run-time module (`fixtures/runtime`), a module of its own. */
export const FIXTURES_FILES = ['fixtures.ts'] as const;

/** A cut of some `case` clauses: `[start, end)` in one form's text. */
type Range = [number, number];

export interface RuntimePiece {
  /** The names it declares. */
  names: string[];
  /** The runtime's top-level names it refers to. */
  uses: string[];
  /** Exported by the shared module (exported in the source and not `@internal`). */
  exported: boolean;
  /** An interface or type alias: in the TypeScript and declaration forms only. */
  typeOnly: boolean;
  ts: string;
  esm: string;
  cjs: string;
  /** Its declaration, when exported. */
  dts: string;
  /**
   * The groups of `case` clauses of a `switch (keyword)` (messageOf), each with the keywords it answers and
   * its range in each form, so a shared module keeps only the messages its validators can report.
   */
  cases: { keywords: string[]; ts: Range; esm: Range; cjs: Range }[];
}

const parse = (text: string): ts.SourceFile => ts.createSourceFile('piece.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

/** Cut the ranges out of a text (they may overlap or nest). */
function cut(text: string, ranges: Range[]): string {
  let out = '';
  let at = 0;
  for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (end <= at) continue;
    out += text.slice(at, Math.max(at, start));
    at = end;
  }
  return out + text.slice(at);
}

/** The range of a keyword modifier with the spaces after it. */
function modifierRange(text: string, modifier: ts.Node): Range {
  let end = modifier.end;
  while (text[end] === ' ') end++;
  return [modifier.getStart(), end];
}

/** From the `:` before a type annotation to the type's end. */
function annotationRange(text: string, type: ts.TypeNode): Range {
  return [text.lastIndexOf(':', type.getStart()), type.end];
}

/** A whole line (or lines) holding a node, with its line break. */
function linesRange(text: string, node: ts.Node): Range {
  const start = text.lastIndexOf('\n', node.getStart()) + 1;
  const next = text.indexOf('\n', node.end);
  return [start, next < 0 ? text.length : next + 1];
}

const ERASED_MODIFIERS = new Set([
  ts.SyntaxKind.OverrideKeyword,
  ts.SyntaxKind.ReadonlyKeyword,
  ts.SyntaxKind.PublicKeyword,
  ts.SyntaxKind.PrivateKeyword,
  ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.DeclareKeyword,
]);

/** The TypeScript of one declaration as JavaScript: annotations, type parameters and arguments, `as`, `!` and type-only modifiers cut. */
export function eraseTypes(text: string): string {
  const source = parse(text);
  const ranges: Range[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) {
      ranges.push(linesRange(text, node));
      return;
    }
    if (ts.isPropertyDeclaration(node) && node.initializer === undefined) {
      // With the blank line after it: the next member does not start with one.
      const [start, end] = linesRange(text, node);
      ranges.push([start, text[end] === '\n' ? end + 1 : end]);
      return;
    }
    if (ts.canHaveModifiers(node)) {
      for (const m of ts.getModifiers(node) ?? []) if (ERASED_MODIFIERS.has(m.kind)) ranges.push(modifierRange(text, m));
    }
    const typed = node as { type?: ts.TypeNode; typeParameters?: ts.NodeArray<ts.TypeParameterDeclaration>; typeArguments?: ts.NodeArray<ts.TypeNode> };
    if ((ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isFunctionLike(node)) && typed.type) {
      ranges.push(annotationRange(text, typed.type));
    }
    if (ts.isParameter(node) && node.questionToken) ranges.push([node.questionToken.getStart(), node.questionToken.end]);
    if ((ts.isFunctionLike(node) || ts.isClassLike(node)) && typed.typeParameters) ranges.push([typed.typeParameters.pos - 1, typed.typeParameters.end + 1]);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.typeArguments) ranges.push([node.typeArguments.pos - 1, node.typeArguments.end + 1]);
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) ranges.push([node.expression.end, node.end]);
    // `(value as T)[key]` becomes `value[key]`: the parentheses held only the assertion.
    if (ts.isParenthesizedExpression(node) && (ts.isAsExpression(node.expression) || ts.isSatisfiesExpression(node.expression)) && ts.isIdentifier(node.expression.expression)) {
      ranges.push([node.getStart(), node.getStart() + 1], [node.end - 1, node.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return cut(text, ranges);
}

/** The text without the statement's `export` keyword. */
function withoutExport(text: string): string {
  const statement = parse(text).statements[0];
  const keyword = statement && ts.canHaveModifiers(statement) ? ts.getModifiers(statement)?.find((m) => m.kind === ts.SyntaxKind.ExportKeyword) : undefined;
  return keyword ? cut(text, [modifierRange(text, keyword)]) : text;
}

/** The declaration of an exported statement: its comment and signature, without bodies or initial values. */
function declarationOf(text: string): string {
  const source = parse(text);
  const statement = source.statements[0] as ts.Statement;
  const comment = text.slice(0, statement.getStart()).trim();
  const lead = comment === '' ? '' : `${comment}\n`;
  const declare = (signature: string): string => (signature.startsWith('export ') ? `export declare ${signature.slice('export '.length)}` : signature);
  if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) return text.trim();
  if (ts.isFunctionDeclaration(statement) && statement.body) {
    return `${lead}${declare(text.slice(statement.getStart(), statement.body.getStart()).trimEnd())};`;
  }
  if (ts.isClassDeclaration(statement)) {
    const open = text.indexOf('{', statement.heritageClauses?.end ?? statement.name?.end ?? statement.getStart());
    const members = statement.members.map((member) => {
      const start = member.getStart();
      const body = (member as { body?: ts.Node }).body;
      const overrides = ts.canHaveModifiers(member) ? (ts.getModifiers(member) ?? []).filter((m) => m.kind === ts.SyntaxKind.OverrideKeyword) : [];
      const cuts = overrides.map((m): Range => {
        const [a, b] = modifierRange(text, m);
        return [a - start, b - start];
      });
      const signature = cut(text.slice(start, body ? body.getStart() : member.end), cuts).trimEnd();
      return `  ${signature.endsWith(';') ? signature : `${signature};`}`;
    });
    return `${lead}${declare(text.slice(statement.getStart(), open).trimEnd())} {\n${members.join('\n')}\n}`;
  }
  if (ts.isVariableStatement(statement)) {
    const list = statement.declarationList.declarations.map((d) => `${d.name.getText(source)}: ${d.type ? d.type.getText(source) : 'unknown'}`);
    return `${lead}export declare const ${list.join(', ')};`;
  }
  throw new Error(`the runtime cannot declare this statement: ${text.slice(statement.getStart(), statement.getStart() + 60)}`);
}

/** The groups of `case` clauses of every `switch (keyword)` in a text, in order. */
function caseGroups(text: string): { keywords: string[]; range: Range }[] {
  const groups: { keywords: string[]; range: Range }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isSwitchStatement(node) && ts.isIdentifier(node.expression) && node.expression.text === 'keyword') {
      let pending: ts.CaseClause[] = [];
      for (const clause of node.caseBlock.clauses) {
        if (!ts.isCaseClause(clause)) continue;
        pending.push(clause);
        if (clause.statements.length === 0) continue;
        const first = pending[0] as ts.CaseClause;
        const keywords = pending.map((c) => (ts.isStringLiteralLike(c.expression) ? c.expression.text : ''));
        groups.push({ keywords, range: [linesRange(text, first)[0], linesRange(text, clause)[1]] });
        pending = [];
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(text));
  return groups;
}

const declaredNames = (statement: ts.Statement): string[] => {
  if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.map((d) => (ts.isIdentifier(d.name) ? d.name.text : ''));
  const name = (statement as { name?: ts.Identifier }).name;
  return name ? [name.text] : [];
};

/** The runtime's pieces, from the files of `dir` (generators/runtime/): the shared module's, or another module's. */
export function buildRuntime(dir: URL, files: readonly string[] = RUNTIME_FILES): RuntimePiece[] {
  const statements: { text: string; names: string[]; exported: boolean; typeOnly: boolean; node: ts.Statement }[] = [];
  for (const file of files) {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    for (const node of source.statements) {
      if (ts.isImportDeclaration(node)) continue;
      // The statement with the comments before it, from the start of their first line (no blank lines before).
      // A comment a blank line separates from the statement (the file's own) is not the statement's.
      const trivia = text.slice(node.getFullStart(), node.getStart());
      const gap = trivia.lastIndexOf('\n\n');
      let first = node.getFullStart() + (gap < 0 ? 0 : gap + 2);
      while (first < node.getStart() && (text[first] === ' ' || text[first] === '\n')) first++;
      const full = text.slice(text.lastIndexOf('\n', first) + 1, node.end);
      const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
      const internal = ts.getJSDocTags(node).some((tag) => tag.tagName.text === 'internal');
      const exported = modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) && !internal;
      const typeOnly = ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node);
      statements.push({ text: full, names: declaredNames(node), exported, typeOnly, node });
    }
  }
  const all = new Set(statements.flatMap((s) => s.names));
  return statements.map((s) => {
    const uses = new Set<string>();
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && all.has(node.text) && !s.names.includes(node.text)) uses.add(node.text);
      ts.forEachChild(node, visit);
    };
    visit(s.node);
    const tsText = s.exported ? s.text : withoutExport(s.text);
    const esm = s.typeOnly ? '' : eraseTypes(tsText);
    const cjs = s.typeOnly ? '' : eraseTypes(withoutExport(s.text));
    const groups = { ts: caseGroups(tsText), esm: caseGroups(esm), cjs: caseGroups(cjs) };
    const cases = groups.ts.map((g, i) => ({
      keywords: g.keywords,
      ts: g.range,
      esm: (groups.esm[i] as { range: Range }).range,
      cjs: (groups.cjs[i] as { range: Range }).range,
    }));
    return {
      names: s.names,
      uses: [...uses].sort(),
      exported: s.exported,
      typeOnly: s.typeOnly,
      ts: tsText,
      esm,
      cjs,
      dts: s.exported ? declarationOf(s.text) : '',
      cases,
    };
  });
}
