/**
 * `multipleOf` is exact on decimals: x is a multiple of m when the decimal x's shortest form writes
 * (`String(x)`) divided by the one m's writes is an integer. Checked in the generated validators (ESM and
 * CJS, fast and error-collecting, loose and strict, and the shared `isMultipleOf` itself), in conforms.ts,
 * and in the docs' example picker, against the tests' own exact oracle (exact-decimal.ts), never against
 * AJV's floating-point `multipleOf`.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';
import { conforms, isMultipleOf } from '../../generators/conforms.js';
import { ajvOptions } from '../../generators/emit/validators.js';
import { exampleObject } from '../../generators/emit/docs-model.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import { expectAssertAgrees, loadPackage, type Api } from './code-helpers.js';
import { exactReference, KNOWN_MULTIPLES, oracleMultipleOf } from './exact-decimal.js';

const STEPS = [...new Set([0.0001, 0.01, 0.1, 0.5, 1, 2.5, 3, 5, 7, 1e-8, 0.123456789, 1024, 1000, 1.5, 5e-324, ...KNOWN_MULTIPLES.map(([, m]) => m)])];

/** One object per step: `{ v: number, multipleOf: m }`, plus the Yuno money shape (nullable, nested, in an array). */
function stepDoc(m: number, i: number): SchemaDocument {
  return { slug: `step-${i}`, name: `Step${i}`, source: `test/step-${i}.json`, schema: { type: 'object', properties: { v: { type: 'number', multipleOf: m } } } };
}

const money: SchemaDocument = {
  slug: 'money',
  name: 'Money',
  source: 'test/money.json',
  schema: {
    type: 'object',
    properties: {
      amount: { type: 'object', properties: { currency: { type: 'string' }, value: { type: ['number', 'null'], multipleOf: 0.0001 } }, required: ['value'] },
      items: { type: 'array', items: { type: 'object', properties: { unit_amount: { type: 'number', multipleOf: 0.01 } } } },
      count: { type: 'integer', multipleOf: 5 },
    },
  },
};

let esm: Api;
let cjs: Api;
let shared: Api;

beforeAll(async () => {
  const loaded = await loadPackage([money, ...STEPS.map(stepDoc)], 'multiple-of');
  ({ esm, cjs } = loaded);
  shared = (await import(pathToFileURL(join(loaded.dir, 'shared.js')).href)) as Api;
});

/** Every entry point of a step's object on `{ v: x }`: is, isStrict, assert, assertStrict, ESM and CJS. */
function expectStep(m: number, x: number, want: boolean): void {
  const name = `Step${STEPS.indexOf(m)}`;
  const label = `${String(x)} multipleOf ${String(m)}`;
  for (const api of [esm, cjs]) {
    expect([label, api[`is${name}`]({ v: x })]).toEqual([label, want]);
    expect([label, api[`is${name}Strict`]({ v: x })]).toEqual([label, want]);
    expectAssertAgrees(api, `assert${name}`, { v: x }, want, label);
    expectAssertAgrees(api, `assert${name}Strict`, { v: x }, want, label);
  }
}

describe('the oracle and the product agree with answers worked out by hand', () => {
  it.each(KNOWN_MULTIPLES)('%s multipleOf %s is %s', (x, m, want) => {
    expect(oracleMultipleOf(x, m)).toBe(want);
    expect(isMultipleOf(x, m)).toBe(want);
    expect(shared.isMultipleOf(x, m)).toBe(want);
    expect(conforms(x, { type: 'number', multipleOf: m }, {})).toBe(want);
    expectStep(m, x, want);
  });

  it('the shared module exports isMultipleOf only when some validator uses it', async () => {
    const { files } = await loadPackage([{ slug: 'plain', name: 'Plain', source: 'p.json', schema: { type: 'object', properties: { n: { type: 'number', maximum: 3 } } } }], 'multiple-of-none');
    expect(files.find((f) => f.path === 'shared.js')?.contents).not.toContain('isMultipleOf');
    expect(files.find((f) => f.path === 'plain.js')?.contents).not.toContain('isMultipleOf');
  });
});

describe('money: every two-decimal amount from 1000.00 to 1100.00 is a multiple of 0.0001 and of 0.01', () => {
  const amounts: number[] = [];
  for (let i = 0; i <= 10_000; i++) amounts.push(Number((100_000 + i) / 100));

  it('the amounts are the 10,001 decimals 1000.00 … 1100.00 (built by division and parsed from their text alike)', () => {
    expect(amounts).toHaveLength(10_001);
    expect(amounts[0]).toBe(1000);
    expect(amounts[18]).toBe(1000.18);
    expect(amounts[10_000]).toBe(1100);
    const parsed = Array.from({ length: 10_001 }, (_, i) => Number(`${1000 + Math.floor(i / 100)}.${String(i % 100).padStart(2, '0')}`));
    expect(parsed).toEqual(amounts);
  });

  it('AJV\'s floating-point multipleOf rejects 2,720 of them, with or without its tolerance (why it is not the oracle)', () => {
    const Ajv = (Ajv2020 as unknown as { default: typeof Ajv2020 }).default ?? Ajv2020;
    for (const multipleOfPrecision of [undefined, 9]) {
      const ajv = new Ajv({ ...ajvOptions(), multipleOfPrecision });
      const validate = ajv.compile({ type: 'number', multipleOf: 0.0001 });
      const rejected = amounts.filter((x) => !validate(x));
      expect(rejected).toHaveLength(2720);
      expect(rejected).toContain(1000.18);
      expect(rejected).toContain(1000.05);
    }
  });

  it('the generated validators accept every one, ESM and CJS, loose and strict, on a nullable nested money field', () => {
    const failures: string[] = [];
    for (const value of amounts) {
      const data = { amount: { currency: 'USD', value }, items: [{ unit_amount: value }] };
      for (const [build, api] of [['esm', esm], ['cjs', cjs]] as const) {
        if (!api.isMoney(data) || !api.isMoneyStrict(data)) failures.push(`${build} ${value}`);
      }
      if (!oracleMultipleOf(value, 0.0001) || !isMultipleOf(value, 0.0001) || !isMultipleOf(value, 0.01)) failures.push(`exact ${value}`);
    }
    expect(failures).toEqual([]);
    for (const x of [1000.18, 1000.05, 23.5676]) expect(() => esm.assertMoney({ amount: { value: x } })).not.toThrow();
    expect(esm.isMoney({ amount: { value: null } })).toBe(true);
  });

  it('what is not a multiple fails, with AJV\'s error words', () => {
    const cases: [unknown, string][] = [
      [{ amount: { value: 1000.00001 } }, 'amount.value: must be multiple of 0.0001 (got 1000.00001)'],
      [{ amount: { value: 0.00005 } }, 'amount.value: must be multiple of 0.0001 (got 0.00005)'],
      [{ amount: { value: 1e-7 } }, 'amount.value: must be multiple of 0.0001 (got 1e-7)'],
      [{ amount: { value: -0.00005 } }, 'amount.value: must be multiple of 0.0001 (got -0.00005)'],
      [{ amount: { value: 1 }, items: [{ unit_amount: 1.005 }] }, 'items[0].unit_amount: must be multiple of 0.01 (got 1.005)'],
      [{ amount: { value: 1 }, count: 12 }, 'count: must be multiple of 5 (got 12)'],
    ];
    for (const [value, message] of cases) {
      for (const api of [esm, cjs]) {
        expect(api.isMoney(value)).toBe(false);
        expect(() => api.assertMoney(value)).toThrow(message);
        expect(() => api.assertMoneyStrict(value)).toThrow(message);
      }
    }
  });
});

describe('exponent forms, large integers, negative numbers, steps that binary cannot hold', () => {
  const table: [number, number, boolean][] = [
    // Exponent forms of the value.
    [1e-7, 1e-7, true], [1e-7, 1e-8, true], [2e-7, 1e-7, true], [1e-7, 2e-7, false], [1.5e+300, 0.5, true], [1.5e+300, 1e-300, true],
    [1e21, 1000, true], [1e21, 3, false], [1.2e-5, 0.0001, false], [1.2e-5, 0.000001, true], [1e308, 0.123456789, false], [1e308, 1e-308, true],
    // Large integers (their shortest form is what counts: 2^60 prints as 1152921504606847000).
    [Number.MAX_SAFE_INTEGER, 9007199254740991, true], [Number.MAX_SAFE_INTEGER, 7, false], [2 ** 53, 1024, true], [1e20, 7, false], [1e20, 1e19, true],
    [123456789012345680000, 10000, true], [2 ** 60, 1024, false],
    // Negative numbers.
    [-1000.18, 0.0001, true], [-1000.00001, 0.0001, false], [-15, 5, true], [-15, 0.5, true], [-2.5, 2.5, true], [-2.4, 2.5, false], [-1e-7, 1e-8, true],
    // Steps 0.1 and 0.01, which no double holds exactly.
    [0.3, 0.1, true], [0.7, 0.1, true], [1.1, 0.1, true], [0.35, 0.1, false], [0.1 + 0.2, 0.1, false], [99.99, 0.01, true], [0.07, 0.01, true],
    [0.29, 0.01, true], [0.57, 0.01, true], [1.15, 0.01, true], [4.35, 0.01, true], [1.005, 0.01, false], [0.001, 0.01, false],
    // Integer steps.
    [10, 5, true], [12, 5, false], [0, 7, true], [7.5, 5, false], [1e6, 3, false], [999999, 3, true], [0.5, 1, false], [3, 1, true],
  ];

  it.each(table)('%s multipleOf %s is %s', (x, m, want) => {
    expect(oracleMultipleOf(x, m)).toBe(want);
    expect(isMultipleOf(x, m)).toBe(want);
    expect(shared.isMultipleOf(x, m)).toBe(want);
    if (STEPS.includes(m)) expectStep(m, x, want);
  });

  it('random values on every step: the generated validators, the shared helper and conforms.ts equal the oracle', () => {
    const decimal = fc
      .tuple(fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }), fc.integer({ min: 0, max: 9 }))
      .map(([n, places]) => Number(`${n}e-${places}`));
    const exponent = fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: -320, max: 300 })).map(([n, e]) => Number(`${n}e${e}`));
    const value = fc.oneof(decimal, exponent, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.maxSafeInteger());
    const step = fc.oneof(fc.constantFrom(...STEPS), decimal.filter((m) => m > 0), exponent);
    fc.assert(
      fc.property(value, step, (x, m) => {
        const want = oracleMultipleOf(x, m);
        expect([x, m, isMultipleOf(x, m)]).toEqual([x, m, want]);
        expect([x, m, shared.isMultipleOf(x, m)]).toEqual([x, m, want]);
      }),
      { numRuns: 20_000, seed: 11 },
    );
    fc.assert(
      fc.property(value, fc.constantFrom(...STEPS), (x, m) => expectStep(m, x, oracleMultipleOf(x, m))),
      { numRuns: 3000, seed: 12 },
    );
  });

  it('a value that is not a finite number, or a step of 0, is never a multiple', () => {
    for (const [x, m] of [[Infinity, 1], [-Infinity, 0.5], [NaN, 1], [1, 0], [0, 0], [1, Infinity], [1, NaN]] as const) {
      expect([x, m, isMultipleOf(x, m), shared.isMultipleOf(x, m)]).toEqual([x, m, false, false]);
    }
  });
});

describe('the reference the differential tests use', () => {
  it('judges multipleOf with the oracle (AJV\'s keyword replaced), with AJV\'s error', () => {
    const check = exactReference({ type: 'number', multipleOf: 0.0001 });
    expect([1000.18, 1000.05, 23.5676, 1000.00001, 1e-7].map(check)).toEqual([true, true, true, false, false]);
  });
});

describe('the docs\' example picker finds exact multiples', () => {
  const cases: [string, JsonSchema, number][] = [
    ['money', { type: 'number', multipleOf: 0.0001 }, 0],
    ['from a minimum', { type: 'number', minimum: 1000.05, multipleOf: 0.0001 }, 1000.05],
    ['a minimum that is not a multiple', { type: 'number', minimum: 1000.00001, multipleOf: 0.0001 }, 1000.0001],
    ['step 0.1 from 0.3', { type: 'number', minimum: 0.3, multipleOf: 0.1 }, 0.3],
    ['step 0.1 from 0.7', { type: 'number', minimum: 0.7, multipleOf: 0.1 }, 0.7],
    ['step 0.01 from 1.15', { type: 'number', minimum: 1.15, multipleOf: 0.01 }, 1.15],
    ['negative maximum', { type: 'number', maximum: -0.29, multipleOf: 0.01 }, -0.29],
    ['exclusive minimum', { type: 'number', exclusiveMinimum: 0.5, multipleOf: 0.25 }, 0.75],
    ['a page example that is a multiple is kept', { type: 'number', multipleOf: 0.0001, examples: [1000.18] }, 1000.18],
    ['a page example that is not is replaced', { type: 'number', minimum: 1, multipleOf: 0.0001, examples: [1000.00001] }, 1],
  ];
  it.each(cases)('%s', (_label, field, want) => {
    const schema: JsonSchema = { type: 'object', properties: { x: field }, required: ['x'] };
    const example = exampleObject(schema) as { x: number };
    expect(example.x).toBe(want);
    expect(oracleMultipleOf(example.x, field.multipleOf as number)).toBe(true);
  });
});
