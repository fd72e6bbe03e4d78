/**
 * `check` tells a file a formatter rewrote from one that was edited (issue 12): an edit that changes what the
 * file says is more than formatting. (The real Prettier over everything generate writes: cli-check.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { formattingOnly } from '../../generators/drift.js';

describe('formattingOnly', () => {
  const edits: [string, string, string][] = [
    ['a changed type', 'export interface A {\n  path: string;\n}\n', 'export interface A {\n  path: number;\n}\n'],
    ['a changed string', "const a = 'x';\n", "const a = 'y';\n"],
    ['an added member', 'const a = { b: 1 };\n', 'const a = { b: 1, c: 2 };\n'],
    ['a changed number', '{ "maxLength": 64 }\n', '{ "maxLength": 80 }\n'],
    ['a changed word in the docs', '| `a` | The customer |\n', '| `a` | The client |\n'],
    ['a removed line', 'a();\nb();\n', 'a();\n'],
  ];
  it.each(edits)('%s is more than formatting', (_label, before, after) => {
    expect(formattingOnly(before, after)).toBe(false);
  });

  const formatting: [string, string, string][] = [
    ['whitespace, quotes, semicolons, trailing commas, parentheses', 'const a = ["x",(b)];', "const a = [\n  'x',\n  b,\n]\n"],
    ['quote escapes', 'const a = "it\\"s";', "const a = 'it\"s';"],
    ['quoted keys', 'const a = { "b": 1 };\ninterface C { "d"?: string }', 'const a = { b: 1 };\ninterface C { d?: string }'],
    ['a union broken over lines', 'type A = "x" | "y";', 'type A =\n  | "x"\n  | "y";'],
    ['a function type returning a union broken over lines', 'f: (v: unknown) => { a: 1 } | { b: 2 };', 'f: (\n  v: unknown,\n) =>\n  | { a: 1 }\n  | { b: 2 };'],
    ['Markdown tables and emphasis', '| a | b |\n| --- | --- |\n| *x* | y |\n', '| a   | b   |\n| --- | --- |\n| _x_ | y   |\n'],
    ['HTML', '<!DOCTYPE html>\n<meta charset="utf-8">', '<!doctype html>\n<meta charset="utf-8" />'],
    ['CRLF', 'a();\nb();\n', 'a();\r\nb();\r\n'],
  ];
  it.each(formatting)('%s: formatting only', (_label, before, after) => {
    expect(formattingOnly(before, after)).toBe(true);
  });

  it('the same text is no difference at all', () => {
    expect(formattingOnly('a', 'a')).toBe(false);
  });
});
