/**
 * The run-time helpers are real TypeScript (generators/runtime/), compiled into each form the shared module
 * ships: what the ESM and CommonJS modules export is exactly what the declarations declare, and the forms
 * carry the source's code with its types erased.
 */
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { buildRuntime, eraseTypes } from '../../generators/emit/runtime-build.js';
import { runtimeCode } from '../../generators/emit/runtime.js';
import { customerSession, emit, fixture } from './code-helpers.js';

/** The value names a module exports: `export function|class|const` (ESM, TypeScript, declarations) or `exports.x = …` (CommonJS). */
function exportedValues(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const names: string[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) names.push(statement.name.text);
    if (exported && ts.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) names.push(d.name.getText(source));
    if (ts.isExpressionStatement(statement) && ts.isBinaryExpression(statement.expression)) {
      const left = statement.expression.left;
      if (ts.isPropertyAccessExpression(left) && ts.isIdentifier(left.expression) && left.expression.text === 'exports') names.push(left.name.text);
    }
  }
  return names.sort();
}

describe('the shared module', () => {
  it.each([
    ['the Customer Session (date-time, a shared enum)', () => [customerSession()]],
    ['the order fixture and the Customer Session', () => [fixture('order'), customerSession()]],
  ])('%s: ESM, CommonJS and both declaration files export the same values', async (_name, docs) => {
    const files = new Map((await emit(docs(), { only: ['types', 'validators'] })).map((f) => [f.path, f.contents]));
    const esm = exportedValues('shared.js', files.get('shared.js') ?? '');
    expect(esm).toContain('ValidationError');
    expect(esm).toContain('pushError');
    expect(esm).toContain('sharedEnums');
    expect(exportedValues('shared.cjs', files.get('shared.cjs') ?? '')).toEqual(esm);
    expect(exportedValues('shared.d.ts', files.get('shared.d.ts') ?? '')).toEqual(esm);
    expect(exportedValues('shared.d.cts', files.get('shared.d.cts') ?? '')).toEqual(esm);
    const tsTarget = new Map((await emit(docs(), { target: 'ts', only: ['types', 'validators'] })).map((f) => [f.path, f.contents]));
    expect(exportedValues('shared.ts', tsTarget.get('shared.ts') ?? '')).toEqual(esm);
  });

  it('keeps the helpers and messages its validators use, and no other', () => {
    const pieces = buildRuntime(new URL('../../generators/runtime/', import.meta.url));
    const plain = runtimeCode(pieces, [], new Set(['type']));
    expect(plain.exports).toEqual(['ValidationError', 'codePointLength', 'issuesOf', 'pushError', 'fail', 'notValidWhenTooDeep', 'parseJson', 'safeParse', 'standardSchema']);
    expect(plain.esm).toContain("case 'type':");
    expect(plain.esm).not.toContain("case 'minLength':");
    expect(plain.esm).not.toContain('function datePart');
    const dated = runtimeCode(pieces, ['isDate', 'deepEqual'], new Set(['minLength', 'format']));
    expect(dated.exports).toEqual([...plain.exports.slice(0, 2), ...['issuesOf', 'pushError', 'fail', 'notValidWhenTooDeep', 'parseJson'], 'isDate', 'deepEqual', 'safeParse', 'standardSchema']);
    expect(dated.esm).toContain('function datePart(text) {');
    expect(dated.esm).not.toContain("case 'type':");
    expect(dated.esm).toContain("    case 'minLength':\n    case 'maxLength':\n");
    expect(dated.cjs).not.toContain('export ');
    expect(dated.dts).toContain('export declare function isDate(text: string): boolean;');
    expect(dated.dts).not.toContain('datePart');
  });
});

describe('eraseTypes', () => {
  it.each([
    ['parameter and return types', 'function f(text: string, at?: number): boolean {\n  return true;\n}', 'function f(text, at) {\n  return true;\n}'],
    ['type parameters and arguments', 'export function g<T>(x: unknown): T[] {\n  return h<T>(x as T);\n}', 'export function g(x) {\n  return h(x);\n}'],
    ['an assertion in parentheses', 'const v = (node as { [k: string]: unknown })[key]!;', 'const v = node[key];'],
    ['a variable annotation', 'const out: string[] = [];', 'const out = [];'],
    [
      'class property declarations (with the blank line after them) and override',
      'class E extends Error {\n  readonly errors: string[];\n\n  constructor(errors: string[]) {\n    super();\n  }\n  static override [Symbol.hasInstance](v: unknown): boolean {\n    return false;\n  }\n}',
      'class E extends Error {\n  constructor(errors) {\n    super();\n  }\n  static [Symbol.hasInstance](v) {\n    return false;\n  }\n}',
    ],
    ['an interface: nothing', 'interface I {\n  a: string;\n}\n', ''],
  ])('%s', (_name, input, want) => {
    expect(eraseTypes(input)).toBe(want);
  });
});
