/**
 * Open enums (`x-openEnum: true` beside an `enum`): the documented list, not a promise. Types keep the
 * listed literals and add any other value of the type (`"A" | "B" | (string & {})`), the default
 * validators accept any value of the type, the `…Strict` ones only the list (validators-differential
 * checks both against ajv.compile of their own schemas), the docs call the values "known values", and a
 * schema that holds one where it cannot mean that is refused.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { conforms } from '../../generators/conforms.js';
import { openEnumType } from '../../generators/emit/types.js';
import { openEnumsOpened, validatedSchemas } from '../../generators/emit/validators.js';
import { checkSchema } from '../../generators/metaschema.js';
import { CodegenError, type GeneratedFile, type JsonSchema, type Problem, type SchemaDocument } from '../../generators/types.js';
import { emit, file, loadPackage, tempDir, writeFiles, type Api } from './code-helpers.js';
import { renderDocs } from './docs-helpers.js';

const schema: JsonSchema = {
  title: 'Charge',
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['PENDING', 'SUCCEEDED'], 'x-openEnum': true, description: 'The status.' },
    phase: { type: ['string', 'null'], enum: ['REGULAR', 'TRIAL', null], 'x-openEnum': true },
    workflow: { $ref: '#/$defs/Workflow' },
    closed: { type: 'string', enum: ['ON', 'OFF'] },
    codes: { type: 'array', items: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true } },
    odd: { type: 'string', enum: ['a"b', '</script>', '*/', "it's"], 'x-openEnum': true },
  },
  required: ['status'],
  $defs: { Workflow: { type: 'string', enum: ['DIRECT', 'REDIRECT'], 'x-openEnum': true, description: 'How the payment flows.' } },
};
const doc: SchemaDocument = { slug: 'charge', name: 'Charge', source: 'test/charge.json', schema };

describe('types: the listed literals, then any other value of the type', () => {
  let files: GeneratedFile[];
  beforeAll(async () => {
    files = await emit([doc], { only: ['types', 'validators'] });
  });

  it('declares the union members exactly, and leaves closed enums as they were', () => {
    const dts = file(files, 'charge.d.ts');
    expect(dts).toContain('  status: ("PENDING" | "SUCCEEDED" | (string & {}))\n');
    expect(dts).toContain('  phase?: ("REGULAR" | "TRIAL" | (string & {}) | null)\n');
    expect(dts).toContain('  workflow?: Workflow\n');
    expect(dts).toContain('  closed?: ("ON" | "OFF")\n');
    expect(dts).toContain('  codes?: ("A" | "B" | (string & {}))[]\n');
    // Quotes escaped, `<` as \u003c (a string literal with the same value), nothing ends a comment.
    expect(dts).toContain('  odd?: ("a\\"b" | "\\u003c/script>" | "*/" | "it\'s" | (string & {}))\n');
    expect(file(files, 'shared.d.ts')).toContain('export type Workflow = ("DIRECT" | "REDIRECT" | (string & {}))\n');
  });

  it('says so in the JSDoc', () => {
    expect(file(files, 'charge.d.ts')).toContain(
      '  /**\n   * The status.\n   *\n   * Known values: the API may send others (the Strict validators accept only these).\n   */\n  status: ',
    );
  });

  it('compiles under strict settings: unlisted strings and null (where nullable) are accepted, numbers are not, the literals stay', () => {
    const dir = tempDir('open-enum-types');
    writeFiles(dir, files);
    writeFileSync(
      join(dir, 'consumer.mts'),
      `import type { Charge, Workflow } from './index.js';
export const listed: Charge = { status: 'PENDING', phase: 'TRIAL', workflow: 'DIRECT', closed: 'ON', codes: ['A'] };
export const unlisted: Charge = { status: 'REFUNDED', phase: 'GRACE', workflow: 'SDK_CHECKOUT', codes: ['Z'], odd: 'other' };
export const nullable: Charge = { status: 'PENDING', phase: null };
// @ts-expect-error a number is no string
export const numeric: Charge = { status: 5 };
// @ts-expect-error null where the field is not nullable
export const nulled: Charge = { status: null };
// @ts-expect-error a closed enum still takes only its values
export const closed: Charge = { status: 'PENDING', closed: 'MAYBE' };
// @ts-expect-error a number in the list's items
export const items: Charge = { status: 'PENDING', codes: [1] };
export const flow: Workflow = 'REDIRECT';
export const status: Charge['status'] = 'SUCCEEDED';
`,
    );
    const program = ts.createProgram([join(dir, 'consumer.mts'), join(dir, 'index.d.ts')], {
      strict: true, noEmit: true, exactOptionalPropertyTypes: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], types: [],
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    // The checker keeps the literals beside `string & {}` (so an editor completes them), not a plain `string`.
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(join(dir, 'consumer.mts'));
    const members = (name: string): string[] => {
      const statement = source?.statements.find((s) => ts.isVariableStatement(s) && s.declarationList.declarations[0]?.name.getText() === name);
      const declared = (statement as ts.VariableStatement).declarationList.declarations[0] as ts.VariableDeclaration;
      const type = checker.getTypeFromTypeNode(declared.type as ts.TypeNode);
      return (type.isUnion() ? type.types : [type]).map((t) => checker.typeToString(t)).sort();
    };
    expect(members('status')).toEqual(['"PENDING"', '"SUCCEEDED"', 'string & {}']);
    expect(members('flow')).toEqual(['"DIRECT"', '"REDIRECT"', 'string & {}']);
  });

  it('openEnumType: members by type', () => {
    const cases: [JsonSchema, string][] = [
      [{ type: 'string', enum: ['A'] }, '("A" | (string & {}))'],
      [{ type: ['string', 'null'], enum: ['A', null] }, '("A" | (string & {}) | null)'],
      [{ type: ['null', 'string'], enum: ['A'] }, '("A" | (string & {}) | null)'],
      // A null the type does not allow, or a listed value of another type, is never valid: not in the type.
      [{ type: 'string', enum: ['A', null, 3] }, '("A" | (string & {}))'],
      [{ type: 'integer', enum: [1, 2, 2.5] }, '(1 | 2 | (number & {}))'],
      [{ type: 'number', enum: [-1, 0.5] }, '(-1 | 0.5 | (number & {}))'],
      [{ type: ['boolean', 'string'], enum: [true, 'x'] }, '(true | "x" | boolean | (string & {}))'],
      [{ enum: ['A', 1] }, '("A" | 1 | (string & {}) | (number & {}))'],
      [{ type: 'null', enum: [null] }, 'null'],
    ];
    for (const [node, want] of cases) expect([node, openEnumType(node)]).toEqual([node, want]);
  });
});

describe('the schemas each validator checks', () => {
  it('default: open enums lose their list (and every annotation is gone); strict: the list stays', () => {
    const { loose, strict } = validatedSchemas(schema);
    expect(loose.properties?.['status']).toEqual({ type: 'string' });
    expect(loose.properties?.['phase']).toEqual({ type: ['string', 'null'] });
    expect(loose.$defs?.['Workflow']).toEqual({ type: 'string' });
    expect(loose.properties?.['closed']).toEqual({ type: 'string', enum: ['ON', 'OFF'] });
    expect(strict.properties?.['status']).toEqual({ type: 'string', enum: ['PENDING', 'SUCCEEDED'] });
    expect(strict.$defs?.['Workflow']).toEqual({ type: 'string', enum: ['DIRECT', 'REDIRECT'] });
    expect(strict.additionalProperties).toBe(false);
    // The input is not changed.
    expect(schema.properties?.['status']?.enum).toEqual(['PENDING', 'SUCCEEDED']);
    expect(openEnumsOpened({ type: 'string', enum: ['A'], 'x-openEnum': false })).toEqual({ type: 'string', enum: ['A'], 'x-openEnum': false });
  });

  it('the generated validators: is… true and is…Strict false outside the list; a number is refused by both', async () => {
    const { esm, cjs } = await loadPackage([doc], 'open-enum');
    const cases: [unknown, boolean, boolean][] = [
      [{ status: 'PENDING' }, true, true],
      [{ status: 'REFUNDED' }, true, false],
      [{ status: 5 }, false, false],
      [{ status: 'PENDING', phase: null }, true, true],
      [{ status: 'PENDING', phase: 'GRACE' }, true, false],
      [{ status: 'PENDING', workflow: 'SDK' }, true, false],
      [{ status: 'PENDING', closed: 'MAYBE' }, false, false],
      [{ status: 'PENDING', codes: ['A', 'Q'] }, true, false],
      [{ status: 'PENDING', odd: '</script>' }, true, true],
    ];
    for (const api of [esm, cjs] as Api[]) {
      for (const [value, loose, strict] of cases) expect([value, api.isCharge(value), api.isChargeStrict(value)]).toEqual([value, loose, strict]);
    }
    expect(() => esm.assertChargeStrict({ status: 'PENDING', workflow: 'SDK' })).toThrow('workflow: must be one of the allowed values (got "SDK")');
  });

  it('one error-collecting function serves both flavours (lists behind the closed$ switch), or each its own when they cannot; the fast ones are two, the loose one without the lists', async () => {
    const code = file(await emit([doc], { only: ['validators'] }), 'charge.js');
    const fast = code.slice(code.indexOf('const fast = /*#__PURE__*/'), code.indexOf('const fastStrict = /*#__PURE__*/'));
    const fastStrict = code.slice(code.indexOf('const fastStrict = /*#__PURE__*/'), code.indexOf('const fullEither'));
    expect([fast.includes('"PENDING"'), fastStrict.includes('"PENDING"'), code.includes('fastEither')]).toEqual([false, true, false]);
    expect(code).toContain('const full = (data) => (full.errors = fullEither(data, false)) === null;\nconst fullStrict = (data) => (fullStrict.errors = fullEither(data, true)) === null;\n');
    expect(code).toContain('if (closed$ && !');
    // A listed object (no Set lookup for it) or an object the schema closes itself: each flavour compiled on its own.
    const others: [string, JsonSchema, unknown, unknown][] = [
      ['object value', { type: 'object', properties: { a: { type: ['object', 'string'], enum: [{ k: 1 }, 'A'], 'x-openEnum': true } } }, { a: { k: 2 } }, { a: { k: 1 } }],
      ['closed by the schema', { type: 'object', properties: { a: { type: 'string', enum: ['A'], 'x-openEnum': true } }, additionalProperties: false }, { a: 'B' }, { a: 'A' }],
    ];
    for (const [label, other, unlisted, listed] of others) {
      const name = label === 'object value' ? 'Objecty' : 'Closey';
      const { esm, files } = await loadPackage([{ slug: name.toLowerCase(), name, source: `${name}.json`, schema: other }], `open-enum-${name.toLowerCase()}`);
      const js = file(files, `${name.toLowerCase()}.js`);
      expect([label, js.includes('fastEither'), js.includes('fullEither')]).toEqual([label, false, false]);
      expect([label, esm[`is${name}`](unlisted), esm[`is${name}Strict`](unlisted)]).toEqual([label, true, false]);
      expect([label, esm[`is${name}`](listed), esm[`is${name}Strict`](listed)]).toEqual([label, true, true]);
      expect(() => esm[`assert${name}`](unlisted)).not.toThrow();
      expect(() => esm[`assert${name}Strict`](unlisted)).toThrow('a: must be one of the allowed values');
    }
  });

  it('conforms.ts judges as the default validators, or with closedEnums as the strict ones', () => {
    const field = schema.properties?.['status'] as JsonSchema;
    expect([conforms('REFUNDED', field, schema), conforms('REFUNDED', field, schema, 0, { closedEnums: true })]).toEqual([true, false]);
    expect([conforms('PENDING', field, schema), conforms('PENDING', field, schema, 0, { closedEnums: true })]).toEqual([true, true]);
    expect(conforms(5, field, schema)).toBe(false);
    expect(conforms('SDK', { $ref: '#/$defs/Workflow' }, schema)).toBe(true);
    expect(conforms('XK', { type: 'string', enum: ['CO'] }, schema)).toBe(false);
  });
});

async function problems(run: () => Promise<unknown>): Promise<Problem[]> {
  try {
    await run();
  } catch (error) {
    if (error instanceof CodegenError) return error.problems;
    throw error;
  }
  return [];
}

describe('refused where it cannot mean "the API may send others"', () => {
  const why =
    '"x-openEnum" inside a condition ("not", "if", "contains", "propertyNames", a "oneOf" branch, or a definition one of them refers to) is not supported: opening the list there would make the default check reject values the strict one accepts; remove it there';
  const cases: [string, JsonSchema, string[]][] = [
    ['inside not', { type: 'object', properties: { a: { not: { type: 'string', enum: ['X'], 'x-openEnum': true } } } }, ['/properties/a/not/x-openEnum']],
    ['a oneOf branch', { type: 'object', properties: { a: { oneOf: [{ type: 'string', enum: ['X'], 'x-openEnum': true }, { const: 'Y' }] } } }, ['/properties/a/oneOf/0/x-openEnum']],
    [
      'a definition an if refers to',
      { type: 'object', properties: { a: { if: { $ref: '#/$defs/Kind' }, then: { type: 'string' }, else: { type: 'integer' } } }, $defs: { Kind: { type: 'string', enum: ['X'], 'x-openEnum': true } } },
      ['/$defs/Kind/x-openEnum'],
    ],
  ];
  it.each(cases)('%s', async (_label, bad, at) => {
    const found = await problems(() => emit([{ slug: 'bad', name: 'Bad', source: 'bad.json', schema: bad }], { only: ['validators'] }));
    expect(found).toEqual(at.map((pointer) => ({ file: 'bad.json', at: pointer, rule: 'unsupported-keyword', message: why })));
  });

  it('in anyOf, allOf, then/else, items and definitions used as values it is fine', async () => {
    const fine: JsonSchema = {
      type: 'object',
      properties: {
        a: { anyOf: [{ type: 'string', enum: ['X'], 'x-openEnum': true }, { type: 'integer' }] },
        b: { allOf: [{ type: 'string', enum: ['X'], 'x-openEnum': true }] },
        c: { if: { type: 'string' }, then: { type: 'string', enum: ['X'], 'x-openEnum': true }, else: { type: 'integer' } },
        d: { $ref: '#/$defs/Kind' },
      },
      $defs: { Kind: { type: 'string', enum: ['X'], 'x-openEnum': true } },
    };
    const { esm } = await loadPackage([{ slug: 'fine', name: 'Fine', source: 'fine.json', schema: fine }], 'open-enum-fine');
    const value = { a: 'Y', b: 'Y', c: 'Y', d: 'Y' };
    expect([esm.isFine(value), esm.isFineStrict(value)]).toEqual([true, false]);
    expect([esm.isFine({ a: 1, b: 'X', c: 2, d: 'X' }), esm.isFineStrict({ a: 1, b: 'X', c: 2, d: 'X' })]).toEqual([true, true]);
  });
});

describe('the schema check (metaschema.ts) takes the annotations only with their shapes', () => {
  const check = (s: JsonSchema, extracted = false): Promise<Problem[]> =>
    problems(() => checkSchema({ slug: 'x', name: 'X', source: 'x.json', schema: s }, { extracted }));
  const good = { rule: 'api-bounds', page: 'string, MIN 3 (line 212)', api: '"NY" (2 characters)', result: 'minLength 2', count: 2, evidence: ['a'] };

  it('accepts them, in extracted and hand-written schemas', async () => {
    const s: JsonSchema = {
      type: 'object',
      properties: {
        a: { type: 'string', enum: ['A'], 'x-openEnum': true, 'x-reconciled': [good, { ...good, count: 0, evidence: [] }] },
        b: { type: ['string', 'null'], enum: ['B', null], 'x-openEnum': false, 'x-notOnPage': true },
      },
    };
    expect(await check(s, true)).toEqual([]);
    expect(await check({ ...s, properties: { ...s.properties, c: { type: 'string', pattern: '^x' } } })).toEqual([]);
  });

  const bad: [string, JsonSchema, { at: string; message: string }[]][] = [
    ['x-openEnum not a boolean', { type: 'string', enum: ['A'], 'x-openEnum': 'yes' }, [{ at: '/x-openEnum', message: '"x-openEnum" must be true or false (got "yes")' }]],
    ['x-openEnum without enum', { type: 'string', 'x-openEnum': true }, [{ at: '/x-openEnum', message: '"x-openEnum": true needs an "enum" list beside it (the documented values)' }]],
    ['x-openEnum without type', { enum: ['A'], 'x-openEnum': true }, [{ at: '/x-openEnum', message: '"x-openEnum": true needs a "type" beside it: the default validators accept any value of that type' }]],
    ['x-notOnPage not a boolean', { type: 'object', properties: { a: { type: 'string', 'x-notOnPage': 1 } } }, [{ at: '/properties/a/x-notOnPage', message: '"x-notOnPage" must be true or false (got 1)' }]],
    ['x-reconciled not a list', { type: 'string', 'x-reconciled': good }, [{ at: '/x-reconciled', message: '"x-reconciled" must be a list of reconciliations ({ rule, page, api, result, count, evidence })' }]],
    ['x-reconciled entry not an object', { type: 'string', 'x-reconciled': ['api-null'] }, [{ at: '/x-reconciled/0', message: 'a reconciliation must be an object { rule, page, api, result, count, evidence }' }]],
    [
      'x-reconciled entry with wrong fields',
      { type: 'string', 'x-reconciled': [{ ...good, rule: '', count: -1, evidence: 'a', extra: true, page: undefined }] },
      [
        { at: '/x-reconciled/0/rule', message: '"rule" must be a non-empty string (the rule\'s name) (got "")' },
        { at: '/x-reconciled/0/page', message: '"page" must be a string (what the page states) (got undefined)' },
        { at: '/x-reconciled/0/count', message: '"count" must be a whole number of examples, 0 or more (got -1)' },
        { at: '/x-reconciled/0/evidence', message: '"evidence" must be a list of strings (got "a")' },
        { at: '/x-reconciled/0/extra', message: 'unknown field "extra" in a reconciliation; its fields are rule, page, api, result, count, evidence' },
      ],
    ],
    [
      'x-reconciled entry missing fields',
      { type: 'string', 'x-reconciled': [{ rule: 'api-null', page: 'p', api: 'a', result: 'r' }] },
      [
        { at: '/x-reconciled/0', message: 'a reconciliation needs "count": a whole number of examples, 0 or more' },
        { at: '/x-reconciled/0', message: 'a reconciliation needs "evidence": a list of strings' },
      ],
    ],
  ];
  it.each(bad)('%s', async (_label, s, want) => {
    const expected = want.map((w) => ({ file: 'x.json', rule: 'annotations', ...w }));
    expect(await check(s, true)).toEqual(expected);
    expect(await check(s, false)).toEqual(expected);
  });
});

describe('a hand-written schema (--schema) through generate()', () => {
  it('gets the open enum in types, validators and docs; a bad annotation is refused with the file and pointer', async () => {
    const { generate } = await import('../../generators/index.js');
    const text = JSON.stringify({ ...schema, $schema: 'https://json-schema.org/draft/2020-12/schema' });
    const { files } = await generate({ schemas: [{ path: 'schemas/charge.schema.json', text }] });
    expect(file(files, 'charge.d.ts')).toContain('  status: ("PENDING" | "SUCCEEDED" | (string & {}))\n');
    expect(file(files, 'docs/charge.md')).toContain('| `status` | string | yes | 2 known values, others may appear | The status. |  |\n');
    const dir = tempDir('open-enum-generate');
    writeFiles(dir, files);
    const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    expect([esm.isCharge({ status: 'REFUNDED' }), esm.isChargeStrict({ status: 'REFUNDED' })]).toEqual([true, false]);

    const bad = JSON.stringify({ ...schema, properties: { status: { enum: ['A'], 'x-openEnum': true } } });
    expect(await problems(() => generate({ schemas: [{ path: 'schemas/bad.schema.json', text: bad }] }))).toEqual([
      {
        file: 'schemas/bad.schema.json',
        at: '/properties/status/x-openEnum',
        rule: 'annotations',
        message: '"x-openEnum": true needs a "type" beside it: the default validators accept any value of that type',
      },
    ]);
  });
});

describe('docs: "known values", other values may appear', () => {
  it('Markdown and HTML say so for inline lists and shared definitions; closed lists are unchanged', async () => {
    const { md, html } = await renderDocs(doc);
    expect(md).toContain('| `status` | string | yes | 2 known values, others may appear | The status. |  |\n');
    expect(md).toContain('| `closed` | string | no | one of 2 values |  |  |\n');
    expect(md).toContain('\nKnown values of `status` (other values may appear; the Strict validators accept only these):\n\n| Value | Meaning |\n');
    expect(md).toContain('\nValues of `closed`:\n');
    expect(md).toContain('## Workflow\n\nHow the payment flows.\n\nKnown values: other values may appear; the Strict validators accept only these.\n\n<details>\n<summary>All 2 known values</summary>\n');
    expect(html).toContain('<td class="constraints"><a href="#field-status-values">2 known values, others may appear</a></td>');
    expect(html).toContain('<caption>Known values of <code>status</code> (other values may appear; the Strict validators accept only these)</caption>');
    expect(html).toContain('<caption>Values of <code>closed</code></caption>');
    expect(html).toContain(
      '<h2 id="def-workflow">Workflow</h2>\n<div class="text">How the payment flows.</div>\n<p class="open-enum">Known values: other values may appear; the Strict validators accept only these.</p>\n<details>\n<summary>All 2 known values</summary>',
    );
    // Listed values that would be markup stay text.
    expect(html).toContain('<tr><td><code>&lt;/script&gt;</code></td><td></td></tr>');
    expect(md).toContain('| `</script>` |  |\n| `*/` |  |\n');
  });
});
