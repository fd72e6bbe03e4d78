/**
 * Hand-written schemas (`--schema`) beyond the extractor's keyword subset: data values shaped like
 * schemas, names of Object.prototype members, keywords AJV gets wrong, and `$ref` chains or nesting deep
 * enough to overflow a compiler. Each either generates code that agrees with `ajv.compile` or is refused
 * with one clear problem naming the file and the JSON pointer.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { deriveStrict } from '../../generators/emit/validators.js';
import { MAX_REF_DEPTH } from '../../generators/schema/supported.js';
import { CodegenError, type JsonSchema, type Problem, type SchemaDocument } from '../../generators/types.js';
import { emit, file, loadPackage, tempDir, writeFiles } from './code-helpers.js';
import { exactReference } from './exact-decimal.js';

function doc(schema: JsonSchema, name = 'Hand'): SchemaDocument {
  return { slug: name.toLowerCase(), name, source: `schemas/${name.toLowerCase()}.json`, schema };
}

/** `ajv.compile` as the generated validators are specified (`multipleOf` exact: see exact-decimal.ts). */
function reference(schema: JsonSchema): (value: unknown) => boolean {
  return exactReference(schema);
}

async function problems(docs: SchemaDocument[], only: ('types' | 'validators')[] = ['types', 'validators']): Promise<Problem[]> {
  try {
    await emit(docs, { only });
  } catch (error) {
    if (error instanceof CodegenError) return error.problems;
    throw error;
  }
  throw new Error('generated without error');
}

function typeErrors(dir: string): string[] {
  const files = readdirSync(dir).filter((f) => /\.d\.c?ts$/.test(f)).map((f) => join(dir, f));
  const program = ts.createProgram(files, {
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** `count` definitions, each an object whose `next` refers to the following one; the root refers to the first. */
function refChain(count: number, from = 0): JsonSchema {
  const $defs: Record<string, JsonSchema> = {};
  for (let i = 0; i < count; i++) {
    $defs[`D${i}`] = i === count - 1 ? { type: 'string' } : { type: 'object', properties: { next: { $ref: `#/$defs/D${i + 1}` } } };
  }
  return { type: 'object', properties: { first: { $ref: `#/$defs/D${from}` } }, $defs };
}

describe('enum and const values are data, never schemas', () => {
  // json-schema-to-typescript resolved the "$ref" in such a value (MissingPointerError, suite ref.json #14) and
  // called hasOwnProperty on any object value (TypeError when the value has that key).
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      a: { enum: [{ $ref: '#/$defs/Missing' }, [1, '</script>'], { hasOwnProperty: 1, '*/': 'yunoCodegenStandIn0_value0' }, 'plain', null] },
      b: { const: { $ref: '#' } },
    },
    required: ['b'],
  };

  it('types: each value becomes its literal type, and the declarations type-check', async () => {
    const files = await emit([doc(schema)], { only: ['types', 'validators'] });
    const dts = file(files, 'hand.d.ts');
    expect(dts).toContain(
      '  a?: ({"$ref":"#/$defs/Missing"} | [1,"\\u003c/script>"] | {"hasOwnProperty":1,"*/":"yunoCodegenStandIn0_value0"} | "plain" | null)\n',
    );
    expect(dts).toContain('  b: {"$ref":"#"}\n');
    const dir = tempDir('hand-enum-data');
    writeFiles(dir, files);
    expect(typeErrors(dir)).toEqual([]);
  });

  it('validators: the same answers as ajv.compile', async () => {
    const { esm, cjs } = await loadPackage([doc(schema)], 'hand-enum-data');
    const want = reference(schema);
    const values = [
      { b: { $ref: '#' } },
      { b: { $ref: '#/x' } },
      { a: { $ref: '#/$defs/Missing' }, b: { $ref: '#' } },
      { a: [1, '</script>'], b: { $ref: '#' } },
      { a: JSON.parse('{"*/":"yunoCodegenStandIn0_value0","hasOwnProperty":1}'), b: { $ref: '#' } },
      { a: { $ref: '#/$defs/Other' }, b: { $ref: '#' } },
      { a: 'Plain', b: { $ref: '#' } },
    ];
    const expected = [true, false, true, true, true, false, false];
    expect(values.map(want)).toEqual(expected);
    for (const api of [esm, cjs]) expect(values.map((v) => api['isHand'](v))).toEqual(expected);
  });
});

describe('own properties only (AJV_OPTIONS.ownProperties)', () => {
  const schema: JsonSchema = {
    type: 'object',
    properties: { constructor: { type: 'number' }, toString: { type: 'number' } },
    required: ['constructor'],
  };

  it('an inherited member is neither a present required property nor a property to check', async () => {
    const { esm, cjs } = await loadPackage([doc(schema)], 'hand-own');
    const want = reference(schema);
    const values = [{}, { constructor: 1 }, { constructor: 1, toString: 2 }, { constructor: 'x' }, Object.create({ constructor: 1 })];
    const expected = [false, true, true, false, false];
    expect(values.map(want)).toEqual(expected);
    for (const api of [esm, cjs]) {
      expect(values.map((v) => api['isHand'](v))).toEqual(expected);
      expect(() => api['assertHand']({})).toThrow(/^constructor: is required$/);
    }
  });
});

describe('required properties checked once in the fast validators', () => {
  // Required at the root, in a nested object and in a $ref'd definition (its own function); `note` optional.
  const schema: JsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'string', minLength: 2 },
      note: { type: 'string' },
      inner: { type: 'object', properties: { code: { type: 'integer' }, tag: { type: 'string' } }, required: ['code'] },
      item: { $ref: '#/$defs/Item' },
    },
    required: ['id', 'inner'],
    $defs: { Item: { type: 'object', properties: { sku: { type: 'string' } }, required: ['sku'] } },
  };

  it('drops the repeated presence test of each required property, keeps it for optional ones, answers as AJV does', async () => {
    const { esm, cjs } = await loadPackage([doc(schema)], 'hand-presence');
    // Counted where it happens: each own-key test of the data (hasOwnProperty) asks the object for its own
    // property descriptor. A plain object (prototype Object.prototype or null) owns every key it answers for
    // but Object.prototype's own names, so it is never asked; an object of another prototype is asked once per
    // key (its own properties are copied, with their enumerability), in the loose and the strict fast
    // validator alike. The strict check lists a plain object's keys (Object.keys asks each key's descriptor).
    const counted = (value: Record<string, unknown>, asked: Map<string, number>, at: string, proto: object | null): Record<string, unknown> =>
      new Proxy(Object.setPrototypeOf(value, proto) as Record<string, unknown>, {
        getOwnPropertyDescriptor(target, key) {
          asked.set(`${at}${String(key)}`, (asked.get(`${at}${String(key)}`) ?? 0) + 1);
          return Reflect.getOwnPropertyDescriptor(target, key);
        },
      });
    class Record {}
    for (const api of [esm, cjs]) {
      for (const proto of [Object.prototype, null, Record.prototype]) {
        for (const check of ['isHand', 'isHandStrict']) {
          const asked = new Map<string, number>();
          const value = counted(
            { id: 'ab', note: 'n', inner: counted({ code: 1, tag: 't' }, asked, 'inner.', proto), item: counted({ sku: 'x' }, asked, 'item.', proto) },
            asked,
            '',
            proto,
          );
          expect(api[check](value)).toBe(true);
          const n = proto === Record.prototype || check === 'isHandStrict' ? 1 : 0;
          const want = n === 0 ? {} : { id: n, 'inner.code': n, 'inner.tag': n, inner: n, 'item.sku': n, item: n, note: n };
          expect([check, proto, Object.fromEntries([...asked].sort())]).toEqual([check, proto, want]);
        }
      }
    }
    const want = reference(schema);
    const ok = { id: 'ab', inner: { code: 1 }, item: { sku: 'x' } };
    const values = [
      ok,
      { ...ok, note: 'n', inner: { code: 2, tag: 't' } },
      { ...ok, id: 'a' },
      { ...ok, id: undefined },
      Object.assign(Object.create({ id: 'ab' }), { inner: { code: 1 } }),
      { ...ok, inner: Object.create({ code: 1 }) },
      { ...ok, inner: { code: 'x' } },
      { ...ok, item: {} },
      { ...ok, item: Object.create({ sku: 'x' }) },
      { ...ok, note: 3 },
    ];
    const expected = [true, true, false, false, false, false, false, false, false, false];
    expect(values.map(want)).toEqual(expected);
    for (const api of [esm, cjs]) {
      expect(values.map((v) => api['isHand'](v))).toEqual(expected);
      expect(values.map((v) => api['isHandStrict'](v))).toEqual(expected);
    }
  });
});

describe('required checks that may not run prove nothing', () => {
  // Each schema has a `required` whose failure does not fail the object (another branch may pass, or the
  // check only applies when some key is there): the guard of that property's own checks must stay.
  const cases: [string, JsonSchema, unknown[]][] = [
    ['dependentRequired', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, dependentRequired: { a: ['b'] } }, [{}, { a: 'x' }, { a: 'x', b: 'y' }, { b: 1 }]],
    ['dependentSchemas', { type: 'object', properties: { b: { type: 'string' } }, dependentSchemas: { a: { required: ['b'] } } }, [{}, { a: 1 }, { a: 1, b: 'y' }, { b: 2 }]],
    ['dependentRequired beside dependentSchemas', { type: 'object', properties: { a: { type: 'string' } }, dependentRequired: { a: ['b'] }, dependentSchemas: { c: { properties: { b: { type: 'string' } } } } }, [{ c: 1 }, { a: 'x' }, { a: 'x', b: 'y', c: 1 }, { c: 1, b: 2 }]],
    ['anyOf', { type: 'object', properties: { a: { type: 'string' }, b: { type: 'string' } }, anyOf: [{ required: ['a'] }, { required: ['b'] }] }, [{}, { a: 's' }, { b: 's' }, { a: 1 }]],
    ['not', { type: 'object', properties: { a: { type: 'string' } }, not: { required: ['a'] } }, [{}, { a: 's' }, { b: 1 }]],
    ['if/then/else', { type: 'object', properties: { kind: { type: 'string' }, x: { type: 'string' }, y: { type: 'string' } }, if: { properties: { kind: { const: 'x' } }, required: ['kind'] }, then: { required: ['x'] }, else: { required: ['y'] } }, [{}, { kind: 'y', y: 'v' }, { kind: 'x', x: 'v' }, { kind: 'x' }, { kind: 'y' }]],
  ];
  for (const [name, schema, values] of cases) {
    it(name, async () => {
      const { esm, cjs } = await loadPackage([doc(schema)], `hand-cond-${name.replace(/\W/g, '')}`);
      const want = values.map(reference(schema));
      expect(new Set(want).size, 'the inputs should include valid and invalid ones').toBe(2);
      for (const api of [esm, cjs]) expect(values.map((v) => api['isHand'](v))).toEqual(want);
    });
  }
});

describe('strict variants reject unknown keys only, whatever the composition', () => {
  // [value, loose answer, strict answer]. A key is known when the object's schema declares it anywhere in
  // place: its properties, an allOf/anyOf/oneOf branch, then/else, dependentSchemas, a $ref'd definition,
  // whether or not that branch passed (each key is still checked where it is declared). The strict check never
  // accepts what the loose one rejects (closing each branch used to break both rules).
  const base = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
  const cases: [string, JsonSchema, [unknown, boolean, boolean][]][] = [
    ['properties split over allOf', { type: 'object', allOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'integer' } } }] }, [
      [{ a: 'x', b: 1 }, true, true], [{ a: 'x' }, true, true], [{ a: 'x', c: 1 }, true, false], [{ b: 1 }, false, false],
    ]],
    ['properties beside allOf', { type: 'object', properties: { id: { type: 'string' } }, allOf: [{ properties: { name: { type: 'string' } } }] }, [
      [{ id: '1', name: 'n' }, true, true], [{ id: '1', x: 1 }, true, false],
    ]],
    ['oneOf branches that both pass', { type: 'object', oneOf: [{ properties: { a: { type: 'string' } } }, { properties: { b: { type: 'string' } } }] }, [
      [{ a: 'x' }, false, false], [{ a: 1 }, true, true], [{ a: 1, c: 2 }, true, false], [{ a: 1, b: 2 }, false, false],
    ]],
    ['oneOf: closing a nested object must not change how many branches pass', {
      type: 'object',
      oneOf: [
        { properties: { card: { type: 'object', properties: { number: { type: 'string' } }, required: ['number'] } }, required: ['card'] },
        { properties: { card: { type: 'object', properties: { token: { type: 'string' } } } }, required: ['card'] },
      ],
    }, [
      [{ card: { number: '4' } }, false, false], [{ card: { token: 't' } }, true, true], [{ card: { token: 't', x: 1 } }, true, false], [{ card: {} }, true, true],
    ]],
    ['oneOf over definitions: the branches count as written, their closed copies close nested objects', {
      type: 'object',
      properties: { pay: { oneOf: [{ $ref: '#/$defs/Card' }, { $ref: '#/$defs/Cash' }] }, saved: { $ref: '#/$defs/Card' } },
      $defs: {
        Card: { type: 'object', properties: { kind: { const: 'card' }, billing: { type: 'object', properties: { zip: { type: 'string' } } } }, required: ['kind'] },
        Cash: { type: 'object', properties: { kind: { const: 'cash' } }, required: ['kind'] },
      },
    }, [
      [{ pay: { kind: 'card', billing: { zip: '1' } } }, true, true], [{ pay: { kind: 'card', billing: { zip: '1', junk: 1 } } }, true, false],
      [{ pay: { kind: 'card', x: 1 } }, true, false], [{ pay: { kind: 'cash' } }, true, true], [{ pay: { kind: 'bank' } }, false, false],
      [{ saved: { kind: 'card', billing: { junk: 1 } } }, true, false], [{ saved: { kind: 'card', billing: {} } }, true, true],
    ]],
    ['anyOf: the keys of every branch', { type: 'object', anyOf: [{ properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'string' } }, required: ['b'] }] }, [
      [{ a: 'x' }, true, true], [{ a: 'x', b: 'y' }, true, true], [{ a: 'x', b: 1 }, true, true], [{ a: 'x', c: 1 }, true, false], [{ c: 1 }, false, false],
    ]],
    ['a $ref beside properties, and the same definition as a property', {
      type: 'object', $ref: '#/$defs/Base', properties: { name: { type: 'string' }, other: { $ref: '#/$defs/Base' } }, $defs: { Base: base },
    }, [
      [{ id: '1', name: 'n' }, true, true], [{ id: '1', zz: 1 }, true, false], [{ id: '1', other: { id: '2' } }, true, true],
      [{ id: '1', other: { id: '2', q: 1 } }, true, false], [{ name: 'n' }, false, false],
    ]],
    ['a definition used only as a plain $ref is closed where it is defined', { type: 'object', properties: { one: { $ref: '#/$defs/Base' }, list: { type: 'array', items: { $ref: '#/$defs/Base' } } }, $defs: { Base: base } }, [
      [{ one: { id: '1' }, list: [{ id: '2' }] }, true, true], [{ list: [{ id: '2', q: 1 }] }, true, false], [{ one: { id: '1', q: 1 } }, true, false],
    ]],
    ['then declares a key (checked only when if holds)', {
      type: 'object', properties: { kind: { type: 'string' } },
      if: { properties: { kind: { const: 'card' } }, required: ['kind'] }, then: { properties: { number: { type: 'string' } }, required: ['number'] },
    }, [
      [{ kind: 'card', number: '4111' }, true, true], [{ kind: 'cash' }, true, true], [{ kind: 'cash', number: '1' }, true, true], [{ kind: 'cash', pin: '1' }, true, false], [{ kind: 'card' }, false, false],
    ]],
    ['a key matched by a pattern in an allOf branch', { type: 'object', properties: { a: { type: 'string' } }, allOf: [{ patternProperties: { '^x-': { type: 'string' } } }] }, [
      [{ a: '1', 'x-k': 'v' }, true, true], [{ a: '1', y: 1 }, true, false], [{ 'x-k': 1 }, false, false],
    ]],
    ['dependencies (the draft-07 form of dependentSchemas)', { type: 'object', properties: { card: { type: 'string' } }, dependencies: { card: { properties: { cvv: { type: 'string' } }, required: ['cvv'] } } }, [
      [{ card: '1', cvv: '2' }, true, true], [{ cvv: '2' }, true, true], [{ card: '1' }, false, false], [{ card: '1', cvv: '2', z: 1 }, true, false],
    ]],
    ['a definition reached only through not, by way of another definition, is not closed', {
      type: 'object', not: { $ref: '#/$defs/A' }, $defs: { A: { properties: { x: { $ref: '#/$defs/B' } }, required: ['x'] }, B: { type: 'object', properties: { y: {} } } },
    }, [
      [{ x: { y: 1, z: 1 } }, false, false], [{ x: 1 }, true, true], [{}, true, true],
    ]],
    ['dependentSchemas beside properties (AJV mishandles it with unevaluatedProperties)', { type: 'object', properties: { b: {}, c: {} }, dependentSchemas: { c: { properties: { d: { type: 'string' } } } } }, [
      [{ b: 0 }, true, true], [{ c: 0, d: 'x' }, true, true], [{ c: 0, d: 1 }, false, false], [{ b: 0, e: 1 }, true, false],
    ]],
    ['if fails beside allOf (AJV mishandles it with unevaluatedProperties)', {
      type: 'object', properties: { kind: { type: 'string' } }, allOf: [{ properties: { a: {} } }],
      if: { properties: { kind: { const: 'x' } }, required: ['kind'] }, then: { properties: { d: {} } },
    }, [
      [{ kind: 'y', a: 1 }, true, true], [{ kind: 'x', a: 1, d: 2 }, true, true], [{ kind: 'y', e: 1 }, true, false],
    ]],
    ['a property declared as an object in two places is closed once, with the keys of both', {
      type: 'object', properties: { address: { type: 'object', properties: { street: { type: 'string' } } } },
      allOf: [{ properties: { address: { type: 'object', properties: { zip: { type: 'string' } } } } }],
    }, [
      [{ address: { street: 'a', zip: '1' } }, true, true], [{ address: { street: 'a', x: 1 } }, true, false], [{ address: { zip: 1 } }, false, false], [{ address: {} }, true, true],
    ]],
    ['an object that sets additionalProperties itself: a shared property is closed in each place (with that place\'s keys)', {
      type: 'object', additionalProperties: false, properties: { p: { type: 'object', properties: { a: {} } } }, allOf: [{ properties: { p: { type: 'object', properties: { b: {} } } } }],
    }, [
      [{ p: { a: 1, z: 1 } }, true, false], [{ p: { a: 1 } }, true, false], [{ p: {} }, true, true], [{ q: 1 }, false, false],
    ]],
    ['nothing inside not is closed', { type: 'object', properties: { a: { type: 'object', not: { properties: { k: { const: 1 } }, required: ['k'] } } } }, [
      [{ a: { k: 2 } }, true, true], [{ a: { k: 1 } }, false, false], [{ a: { k: 1, x: 0 } }, false, false], [{ a: {}, b: 1 }, true, false],
    ]],
  ];
  for (const [name, schema, rows] of cases) {
    it(name, async () => {
      const { esm, cjs } = await loadPackage([doc(schema)], `hand-strict-${name.replace(/\W/g, '').slice(0, 40)}`);
      for (const api of [esm, cjs]) {
        expect(rows.map(([v]) => api['isHand'](v)), 'loose').toEqual(rows.map(([, loose]) => loose));
        expect(rows.map(([v]) => api['isHandStrict'](v)), 'strict').toEqual(rows.map(([, , strict]) => strict));
      }
      expect(rows.map(([v]) => reference(schema)(v)), 'ajv.compile agrees with the loose answers').toEqual(rows.map(([, loose]) => loose));
    });
  }

  // References the type emitter refuses (it names definitions only), so deriveStrict is checked with ajv.compile.
  const references: [string, JsonSchema, [unknown, boolean, boolean][]][] = [
    ['the root reached from inside not is a condition: nothing in it is closed', { type: 'object', properties: { a: { type: 'integer' }, b: { not: { $ref: '#' } } } }, [
      [{ b: { c: 1 } }, false, false], [{ a: 1, z: 1 }, true, true], [{ b: 'x' }, true, true],
    ]],
    ['a property reached from inside not by its pointer is not closed, the rest is', {
      type: 'object', properties: { p: { type: 'object', properties: { x: {} } }, q: { not: { $ref: '#/properties/p' } } },
    }, [
      [{ q: { y: 1 } }, false, false], [{ p: { x: 1, z: 1 } }, true, true], [{ q: 1, r: 1 }, true, false],
    ]],
    ['a property declared in two places and reached from inside not keeps its own schema there', {
      type: 'object', properties: { address: { type: 'object', properties: { street: {} } }, q: { not: { $ref: '#/properties/address' } } },
      allOf: [{ properties: { address: { type: 'object', properties: { city: {} } } } }],
    }, [
      [{ q: { foo: 1 } }, false, false], [{ address: { street: 'a', city: 'b' } }, true, true], [{ address: { street: 'a', zip: 1 } }, true, false],
    ]],
    ['a pointer into a definition no $ref reaches is followed from there', {
      type: 'object', properties: { p: { $ref: '#/$defs/X/properties/y' } },
      $defs: { X: { type: 'object', properties: { y: { type: 'object', properties: { n: { not: { $ref: '#/$defs/Z' } } } } } }, Z: { type: 'object', properties: { a: {} } } },
    }, [
      [{ p: { n: { b: 1 } } }, false, false], [{ p: { n: 1 } }, true, true],
    ]],
    ['a condition whose pointer has %2F (AJV splits before decoding): strict is the loose schema', {
      type: 'object', properties: { q: { not: { $ref: '#/$defs/a%2Fproperties%2Fx' } } },
      $defs: { 'a/properties/x': { type: 'object', properties: { v: {} } }, a: { type: 'object', properties: { x: { type: 'object' } } } },
    }, [
      [{ q: { w: 1 } }, false, false], [{ q: 1, r: 1 }, true, true],
    ]],
    ['a $dynamicRef in a condition: strict is the loose schema', {
      $dynamicAnchor: 'T', type: 'object', properties: { a: {}, b: {} }, not: { properties: { b: { $dynamicRef: '#T' } }, required: ['b'] },
    }, [
      [{ b: { c: 1 } }, false, false], [{ a: 1, z: 1 }, true, true],
    ]],
    ['a condition that refers by $id: strict is the loose schema', {
      type: 'object', properties: { p: { $id: 'urn:example:p', type: 'object', properties: { x: {} } }, q: { not: { $ref: 'urn:example:p' } } },
    }, [
      [{ q: { y: 1 } }, false, false], [{ q: 1, r: 1 }, true, true],
    ]],
  ];
  for (const [name, schema, rows] of references) {
    it(`deriveStrict: ${name}`, () => {
      const loose = reference(schema);
      const strict = reference(deriveStrict(schema));
      expect(rows.map(([v]) => loose(v)), 'loose').toEqual(rows.map(([, l]) => l));
      expect(rows.map(([v]) => strict(v)), 'strict').toEqual(rows.map(([, , st]) => st));
    });
  }

  it('an unknown key beside allOf branches is reported at the key, and only by the strict check', async () => {
    const { esm } = await loadPackage([doc(cases[0]![1])], 'hand-strict-report');
    const issues = (value: unknown, name: string): unknown => {
      try {
        esm[`assert${name}`](value);
        return [];
      } catch (error) {
        return (error as { errors: unknown }).errors;
      }
    };
    expect(issues({ a: 'x', c: 1, d: 2 }, 'HandStrict')).toEqual([
      { path: 'c', message: 'is not a known property (strict validators reject unknown keys)', keyword: 'additionalProperties' },
      { path: 'd', message: 'is not a known property (strict validators reject unknown keys)', keyword: 'additionalProperties' },
    ]);
    expect(issues({ a: 1, c: 1 }, 'Hand')).toEqual([{ path: 'a', message: 'must be string (got 1)', keyword: 'type' }]);
  });
});

describe('refused keywords', () => {
  it('$dynamicRef, $dynamicAnchor, $recursiveRef and $recursiveAnchor: one problem each, at its JSON pointer', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { 'a/b~c': { $dynamicRef: '#node' }, list: { type: 'array', items: { $recursiveRef: '#' } } },
      $defs: { Node: { $dynamicAnchor: 'node', $recursiveAnchor: true, type: 'object' } },
    };
    const fix = 'replace it with a plain "$ref" to a definition ("#/$defs/Name")';
    const why = 'is not supported: AJV, which builds the validators, gets dynamic and recursive references wrong';
    const expected: Problem[] = [
      { file: 'schemas/hand.json', at: '/properties/a~1b~0c/$dynamicRef', rule: 'unsupported-keyword', message: `"$dynamicRef" ${why}; ${fix}` },
      { file: 'schemas/hand.json', at: '/properties/list/items/$recursiveRef', rule: 'unsupported-keyword', message: `"$recursiveRef" ${why}; a draft 2019-09 keyword; ${fix}` },
      {
        file: 'schemas/hand.json',
        at: '/$defs/Node/$dynamicAnchor',
        rule: 'unsupported-keyword',
        message: `"$dynamicAnchor" ${why}; remove it and refer to the schema with a plain "$ref"`,
      },
      {
        file: 'schemas/hand.json',
        at: '/$defs/Node/$recursiveAnchor',
        rule: 'unsupported-keyword',
        message: `"$recursiveAnchor" ${why}; a draft 2019-09 keyword; remove it and refer to the schema with a plain "$ref"`,
      },
    ];
    expect(await problems([doc(schema)])).toEqual(expected);
    // Types alone are refused too: json-schema-to-typescript would silently type such a field `unknown`.
    expect(await problems([doc(schema)], ['types'])).toEqual(expected);
  });

  it('the same names as property names or enum values are not keywords', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { $dynamicRef: { type: 'string', enum: [{ $dynamicRef: '#x' }, 'y'] } },
    };
    const { esm } = await loadPackage([doc(schema)], 'hand-dynamic-names');
    expect(esm['isHand']({ $dynamicRef: 'y' })).toBe(true);
    expect(esm['isHand']({ $dynamicRef: 'x' })).toBe(false);
  });
});

describe('inputs no generator can build (json-schema-to-typescript failed on them without naming the place)', () => {
  it('a name with an unpaired surrogate, and minItems above maxItems: one problem each, at its JSON pointer', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { 'a\uD800': { type: 'string' }, '\u{1F600}': { type: 'string' }, list: { type: 'array', minItems: 3, maxItems: 1 } },
      required: ['\uDC00b'],
    };
    const lone = (name: string): string =>
      `the name ${JSON.stringify(name)} has an unpaired surrogate (a lone UTF-16 half), which no UTF-8 file, and so no generated type, validator or doc, can hold; rename it`;
    const expected: Problem[] = [
      { file: 'schemas/hand.json', at: '/properties', rule: 'names', message: lone('a\uD800') },
      { file: 'schemas/hand.json', at: '/required', rule: 'names', message: lone('\uDC00b') },
      {
        file: 'schemas/hand.json',
        at: '/properties/list/minItems',
        rule: 'constraints',
        message: 'minItems (3) is greater than maxItems (1): no array can pass, and no type can be built for it; fix the bounds',
      },
    ];
    expect(await problems([doc(schema)])).toEqual(expected);
    expect(await problems([doc(schema)], ['types'])).toEqual(expected);
  });
});

describe('deep $ref chains and nesting (AJV\'s compiler overflowed the stack)', () => {
  const tooLong = (depth: number, at: string): Problem => ({
    file: 'schemas/hand.json',
    at,
    rule: 'limits',
    message: `this $ref starts a chain of ${depth} $refs, each to a schema that holds the next (more than ${MAX_REF_DEPTH}), which would overflow AJV's compiler (it recurses once per link); inline some definitions so that no chain is longer than ${MAX_REF_DEPTH}`,
  });

  it('a chain of 10 000 definitions gives one problem at the $ref that starts it', async () => {
    expect(await problems([doc(refChain(10_000))])).toEqual([tooLong(10_000, '/properties/first/$ref')]);
  });

  it('a chain only among the definitions (not reached from the root) is measured too', async () => {
    // D0 → D1 → … → D101: 101 links.
    const schema = refChain(MAX_REF_DEPTH + 2);
    schema.properties = { first: { type: 'string' } };
    expect(await problems([doc(schema)])).toEqual([tooLong(MAX_REF_DEPTH + 1, '/$defs/D0/properties/next/$ref')]);
  });

  it(`a chain of exactly ${MAX_REF_DEPTH} links generates and validates`, async () => {
    const schema = refChain(MAX_REF_DEPTH);
    const { esm, cjs } = await loadPackage([doc(schema)], 'hand-chain');
    let value: unknown = 'end';
    for (let i = 0; i < MAX_REF_DEPTH - 1; i++) value = { next: value };
    const want = reference(schema);
    for (const api of [esm, cjs]) {
      expect(api['isHand']({ first: value })).toBe(true);
      expect(api['isHand']({ first: JSON.parse(JSON.stringify(value).replace('"end"', '7')) })).toBe(false);
    }
    expect(want({ first: value })).toBe(true);
  });

  it('recursive definitions (cycles) are not chains: a tree type generates and validates', async () => {
    const schema: JsonSchema = {
      type: 'object',
      properties: { root: { $ref: '#/$defs/Node' } },
      $defs: { Node: { type: 'object', properties: { name: { type: 'string' }, kids: { type: 'array', items: { $ref: '#/$defs/Node' } } }, required: ['name'] } },
    };
    const { esm } = await loadPackage([doc(schema)], 'hand-tree');
    expect(esm['isHand']({ root: { name: 'a', kids: [{ name: 'b', kids: [] }] } })).toBe(true);
    expect(esm['isHand']({ root: { name: 'a', kids: [{ kids: [] }] } })).toBe(false);
  });

  it('inline nesting 10 000 deep: the compilers\' RangeError becomes one problem', async () => {
    let schema: JsonSchema = { type: 'string' };
    for (let i = 0; i < 10_000; i++) schema = { type: 'object', properties: { a: schema } };
    const found = await problems([doc(schema)]);
    expect(found).toEqual([
      {
        file: 'schemas/hand.json',
        at: '',
        rule: 'limits',
        message: 'the schema is too deeply nested or its $ref chains too long to generate code from (Maximum call stack size exceeded); flatten it or split it into shorter definitions',
      },
    ]);
  });
});
