/**
 * The generated validators (ESM and CJS, fast and error-collecting, loose and strict) must give exactly
 * the answers of `ajv.compile` of the schema each one checks (validatedSchemas: the default one with open
 * enums opened, the strict one closed) with ajv-formats' full formats, and `multipleOf` judged by the
 * tests' exact decimal oracle (exact-decimal.ts), not by AJV's floating-point keyword.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customerSession, expectAssertAgrees, fixture, loadPackage, type Api } from './code-helpers.js';
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import { exactReference as reference, oracleMultipleOf } from './exact-decimal.js';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fullFormats } from 'ajv-formats/dist/formats.js';

type Check = (value: unknown) => boolean;

/**
 * Open enums (`x-openEnum`) everywhere an extracted or hand-written schema may hold one: a field, a nullable
 * field, nine values or more (the Set path), array items, a shared definition, inside an `anyOf` branch and
 * a nested object; beside closed enums (the shared CountryCode) and the provenance annotations, which must
 * change nothing.
 */
const reconciled = [{ rule: 'api-bounds', page: 'string, MIN 3 (line 212)', api: '"NY" (2 characters)', result: 'minLength 2', count: 2, evidence: ['a.json GET /x 200 "X" /state'] }];
const openDoc: SchemaDocument = {
  slug: 'open-thing',
  name: 'OpenThing',
  source: 'test/open-thing.json',
  schema: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['PENDING', 'SUCCEEDED'], 'x-openEnum': true, 'x-reconciled': reconciled },
      phase: { type: ['string', 'null'], enum: ['REGULAR', 'TRIAL', null], 'x-openEnum': true },
      method: { type: 'string', enum: ['CARD', 'BANK_TRANSFER', 'WALLET', 'CASH', 'PIX', 'NEQUI', 'PSE', 'OXXO', 'BOLETO', 'SPEI'], 'x-openEnum': true },
      tags: { type: 'array', items: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true } },
      workflow: { $ref: '#/$defs/Workflow' },
      country: { $ref: '#/$defs/CountryCode' },
      closed: { type: 'string', enum: ['ON', 'OFF'] },
      state: { type: 'string', minLength: 2, 'x-reconciled': reconciled },
      checkout_id: { type: 'string', 'x-notOnPage': true },
      either: { anyOf: [{ type: 'string', enum: ['X'], 'x-openEnum': true }, { type: 'integer' }] },
      amount: { type: 'object', properties: { value: { type: 'number', multipleOf: 0.0001 }, kind: { type: 'string', enum: ['GROSS'], 'x-openEnum': true } }, required: ['value'] },
    },
    required: ['status'],
    $defs: {
      Workflow: { type: 'string', enum: ['DIRECT', 'REDIRECT', 'SDK_CHECKOUT'], 'x-openEnum': true },
      CountryCode: customerSession().schema.$defs?.['CountryCode'] as JsonSchema,
    },
  },
};

const docs: SchemaDocument[] = [customerSession(), fixture('order'), fixture('hostile'), openDoc];
let esm: Api;
let cjs: Api;
let sharedEsm: Api;
let files: { path: string; contents: string }[];
const refs = new Map<string, { loose: Check; strict: Check }>();

beforeAll(async () => {
  const loaded = await loadPackage(docs, 'differential');
  ({ esm, cjs, files } = loaded);
  sharedEsm = (await import(pathToFileURL(join(loaded.dir, 'shared.js')).href)) as Api;
  for (const doc of docs) {
    // ajv.compile skips a property named __proto__ in `properties`; the generated validators check it (issue
    // 17) as the equivalent patternProperties entry, which is what the reference compiles too.
    const { loose, strict } = validatedSchemas(protoAsPattern(doc.schema));
    refs.set(doc.name, { loose: reference(loose), strict: reference(strict) });
  }
});

/** Every generated entry point's answer, compared with the reference. */
function agree(name: string, value: unknown): void {
  const ref = refs.get(name);
  if (!ref) throw new Error(name);
  const want = ref.loose(value);
  const wantStrict = ref.strict(value);
  for (const api of [esm, cjs]) {
    expect(api[`is${name}`](value), JSON.stringify(value)).toBe(want);
    expect(api[`is${name}Strict`](value), JSON.stringify(value)).toBe(wantStrict);
    expectAssertAgrees(api, `assert${name}`, value, want);
    expectAssertAgrees(api, `assert${name}Strict`, value, wantStrict);
  }
}

const base = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};

const dateTimes = [
  '2022-05-09T20:46:54.786342Z', '2024-02-29T00:00:00.000000Z', '2023-02-29T00:00:00.000000Z', '2022-02-30T20:46:54.786342Z',
  '1900-02-29T00:00:00.000000Z', '2000-02-29T00:00:00.000000Z', '2022-04-31T00:00:00.000000Z', '2022-13-01T00:00:00.000000Z',
  '2022-00-10T00:00:00.000000Z', '2022-01-00T00:00:00.000000Z', '2022-12-31T23:59:60.000000Z', '2022-12-31T23:59:60.00000+00',
  '2022-12-31T22:59:60.0000-01:00', '2022-12-31T23:59:60.00+01:00', '2022-05-09 20:46:54.786342Z', '2022-05-09t20:46:54.786342z',
  '2022-05-09\u00a020:46:54.78634Z', '2022-05-09T24:00:00.000000Z', '2022-05-09T20:60:00.000000Z', '2022-05-09T20:46:54.78634+24:00',
  '2022-05-09T20:46:54.786+05:60', '2022-05-09T20:46:54.78634+0530', '2022-05-09T20:46:54.786342', '2022-05-09T20:46:54.78634+05:',
  '2022-05-09T20:46:54.7863.Z', '2022-05-09T20:46:54.Z', '2022-05-09T20:46:59.999999999999999999Z', '２０２２-05-09T20:46:54.786342Z',
  '2022-05-09T20:46:54.786342Zx', '2022-05-09TT0:46:54.786342Z', '20220-5-09T20:46:54.786342Z',
];

const strings = ['', 'a', 'ab', 'abc', '😀', '😀😀', '\ud83d', '\ude00\ud83d', 'é', 'e\u0301', 'x'.repeat(35), 'x'.repeat(36), 'x'.repeat(64), 'x'.repeat(65),
  '😀'.repeat(36), '😀'.repeat(35) + 'x', '😀'.repeat(64), '😀'.repeat(65), 'x'.repeat(526), 'x'.repeat(527), '😀'.repeat(526), '😀'.repeat(527)];

describe('hand-picked edge cases', () => {
  it('CustomerSession: dates, lengths, countries, types, missing and unknown keys', () => {
    const name = 'CustomerSession';
    for (const created_at of dateTimes) agree(name, { ...base, created_at });
    for (const s of strings) {
      agree(name, { ...base, customer_session: s });
      agree(name, { ...base, callback_url: s });
    }
    for (const country of ['CO', 'ZW', 'GS', 'AI', 'co', 'XX', '', 'COL', 1, null, ['CO'], { CO: 1 }, 'toString', '__proto__', 'constructor']) {
      agree(name, { ...base, country });
    }
    for (const key of Object.keys(base)) {
      const { [key]: _drop, ...rest } = base as Record<string, unknown>;
      agree(name, rest);
      agree(name, { ...base, [key]: null });
      agree(name, { ...base, [key]: 42 });
    }
    for (const value of [null, undefined, 0, 'x', true, [], [base], {}, { ...base, checkout_id: 'x' }, Object.create(null), new Date()]) {
      agree(name, value);
    }
  });

  it('Order: nesting, arrays of objects, nullable, multipleOf, date, booleans', () => {
    const order = { id: 'x', country: 'CO', status: 'PAID', amount: { value: 10.5, currency: 'EUR' }, items: [{ sku: 'a' }] };
    const name = 'Order';
    agree(name, order);
    for (const value of [0, 0.01, 0.3, 1.005, 19.99, 1000000, 1000000.01, -0.01, Number.MAX_SAFE_INTEGER, 1e-7]) {
      agree(name, { ...order, amount: { ...order.amount, value } });
    }
    for (const units of [0, 1, 5, 10, 12, 5.0, 7.5, -5]) agree(name, { ...order, amount: { ...order.amount, units } });
    for (const items of [[], [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }], [{ sku: 'a' }, { sku: 'b' }, { sku: 'c' }, { sku: 'd' }], [{}], [{ sku: 'a', gift: 1 }], [{ sku: 'a', extra: 1 }], [null], 'x']) {
      agree(name, { ...order, items });
    }
    for (const note of [null, '', 'abcde', 'abcdef', '😀😀😀😀😀', 5]) agree(name, { ...order, note });
    for (const ship_date of ['2024-02-29', '2023-02-29', '2022-02-30', '2022-2-3', '2022-02-03T00:00:00Z', '1600-02-29', '1700-02-29']) {
      agree(name, { ...order, ship_date });
    }
    for (const status of ['PAID', 'paid', 'UNKNOWN', null]) agree(name, { ...order, status });
    agree(name, { ...order, amount: { ...order.amount, extra: 1 } });
    agree(name, { ...order, paid: 'true' });
  });

  it('Hostile: odd names, prototype keys, quoted enum values', () => {
    const name = 'Hostile';
    const ok = { 'weird-name': 'a', class: 'b', constructor: 1 };
    agree(name, ok);
    agree(name, JSON.parse('{"weird-name":"a","class":"b","constructor":1,"__proto__":"x","toString":true}'));
    agree(name, JSON.parse('{"weird-name":"a","class":"b","constructor":1,"__proto__":5}'));
    for (const v of ["it's", 'say "hi"', 'back\\slash', '*/', '${x}', '`t`', '</script>', 'a\u2028b', 'other']) {
      agree(name, JSON.parse(JSON.stringify({ ...ok, 'quote"d': v, toString: false })));
    }
    agree(name, { ...ok, constructor: 1.5 });
  });

  it('Hostile: a declared __proto__ property is checked like any other (ajv.compile skips it)', () => {
    const ok = '"weird-name":"a","class":"b","constructor":1,"toString":true';
    const cases: [string, boolean, boolean][] = [
      [`{${ok}}`, true, true],
      [`{${ok},"__proto__":"x"}`, true, true],
      [`{${ok},"__proto__":5}`, false, false],
      [`{${ok},"__proto__":{"polluted":1}}`, false, false],
    ];
    for (const [json, loose, strict] of cases) {
      const value = JSON.parse(json) as unknown;
      expect([refs.get('Hostile')?.loose(value), refs.get('Hostile')?.strict(value)], json).toEqual([loose, strict]);
      for (const api of [esm, cjs]) expect([api.isHostile(value), api.isHostileStrict(value)], json).toEqual([loose, strict]);
      agree('Hostile', value);
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
    expect(() => esm.assertHostileStrict(JSON.parse(`{${ok},"__proto__":5}`))).toThrow('__proto__: must be string (got 5)');
  });

  it('multipleOf on decimals is exact, and so is the reference (the tests\' oracle, not AJV\'s floating-point keyword)', () => {
    const order = { id: 'x', country: 'CO', status: 'PAID', amount: { value: 19.99, currency: 'EUR' }, items: [{ sku: 'a' }] };
    // 19.99 / 0.01 is 1998.9999999999998 in floating point; as decimals it is 1999.
    expect(refs.get('Order')?.loose(order)).toBe(true);
    for (const api of [esm, cjs]) expect(api.isOrder(order)).toBe(true);
    // 1000.0000000000001 / 0.01 is exactly 100000 in floating point (AJV's tolerance accepts it); as decimals it is not a whole number.
    for (const [value, want] of [[19.995, false], [1000.18, true], [1000.0000000000001, false], [0.07, true], [1e-2, true], [1e-3, false]] as const) {
      expect([value, oracleMultipleOf(value, 0.01)]).toEqual([value, want]);
      expect([value, refs.get('Order')?.loose({ ...order, amount: { ...order.amount, value } })]).toEqual([value, want]);
      for (const api of [esm, cjs]) expect([value, api.isOrder({ ...order, amount: { ...order.amount, value } })]).toEqual([value, want]);
      agree('Order', { ...order, amount: { ...order.amount, value } });
    }
    agree('Order', order);
  });
});

describe('open enums: the default validators accept any value of the type, the strict ones only the listed values', () => {
  const base = { status: 'PENDING' };
  // [what, value, is…, is…Strict]
  const cases: [string, unknown, boolean, boolean][] = [
    ['listed', base, true, true],
    ['unlisted string', { status: 'REFUNDED' }, true, false],
    ['empty string', { status: '' }, true, false],
    ['a number is still no string', { status: 5 }, false, false],
    ['null where not nullable', { status: null }, false, false],
    ['nullable: null', { ...base, phase: null }, true, true],
    ['nullable: listed', { ...base, phase: 'TRIAL' }, true, true],
    ['nullable: unlisted', { ...base, phase: 'GRACE' }, true, false],
    ['nullable: a boolean', { ...base, phase: true }, false, false],
    ['nine or more: listed', { ...base, method: 'SPEI' }, true, true],
    ['nine or more: unlisted', { ...base, method: 'CRYPTO' }, true, false],
    ['items: unlisted', { ...base, tags: ['A', 'Z'] }, true, false],
    ['items: a number', { ...base, tags: ['A', 1] }, false, false],
    ['shared definition: unlisted', { ...base, workflow: 'CHECKOUT' }, true, false],
    ['shared definition: listed', { ...base, workflow: 'SDK_CHECKOUT' }, true, true],
    ['closed country enum', { ...base, country: 'XK' }, false, false],
    ['closed country enum: listed', { ...base, country: 'CO' }, true, true],
    ['closed inline enum', { ...base, closed: 'MAYBE' }, false, false],
    ['anyOf branch: unlisted string', { ...base, either: 'Y' }, true, false],
    ['anyOf branch: integer', { ...base, either: 3 }, true, true],
    ['nested: unlisted', { ...base, amount: { value: 1000.18, kind: 'NET' } }, true, false],
    ['nested: exact multipleOf fails in both', { ...base, amount: { value: 1000.00001, kind: 'GROSS' } }, false, false],
    ['annotations change nothing', { ...base, state: 'NY', checkout_id: 'x' }, true, true],
    ['unknown key', { ...base, extra: 1 }, true, false],
  ];
  it.each(cases)('%s', (_what, value, loose, strict) => {
    expect([refs.get('OpenThing')?.loose(value), refs.get('OpenThing')?.strict(value)]).toEqual([loose, strict]);
    for (const api of [esm, cjs]) expect([api.isOpenThing(value), api.isOpenThingStrict(value)]).toEqual([loose, strict]);
    agree('OpenThing', value);
  });

  it('the annotations are not in the validator code (only the lists of the open enums are)', () => {
    const code = files.filter((f) => f.path === 'open-thing.js' || f.path === 'open-thing.cjs').map((f) => f.contents).join('\n');
    expect(code).toContain('"SUCCEEDED"');
    for (const text of ['x-openEnum', 'x-reconciled', 'x-notOnPage', 'api-bounds', 'characters)', 'a.json GET']) expect([text, code.includes(text)]).toEqual([text, false]);
  });

  it('the error lists: none for an unlisted value by default, the enum error in strict', () => {
    for (const api of [esm, cjs]) {
      expect(() => api.assertOpenThing({ status: 'REFUNDED', phase: 'GRACE', tags: ['Z'] })).not.toThrow();
      expect(api.parseOpenThing('{"status":"REFUNDED"}')).toEqual({ status: 'REFUNDED' });
      expect(() => api.assertOpenThingStrict({ status: 'REFUNDED', phase: 'GRACE', tags: ['Z'] })).toThrow(
        'status: must be one of the allowed values (got "REFUNDED")\nphase: must be one of the allowed values (got "GRACE")\ntags[0]: must be one of the allowed values (got "Z")',
      );
      expect(() => api.assertOpenThing({ status: 7 })).toThrow('status: must be string (got 7)');
    }
  });

  it('random values agree with ajv.compile of each validator\'s own schema', () => {
    const word = fc.oneof(fc.constantFrom('PENDING', 'SUCCEEDED', 'REGULAR', 'TRIAL', 'CARD', 'SPEI', 'A', 'B', 'DIRECT', 'X', 'GROSS', 'CO', 'XK', 'ON'), fc.string({ maxLength: 4 }));
    const field = fc.oneof({ weight: 4, arbitrary: word }, fc.constant(null), fc.integer(), fc.boolean());
    const thing = fc.record(
      {
        status: field, phase: field, method: field, tags: fc.oneof(fc.array(field, { maxLength: 3 }), field), workflow: field, country: field,
        closed: field, state: field, either: field,
        amount: fc.record({ value: fc.oneof(fc.integer({ min: 0, max: 2_000_000 }).map((n) => n / 1000), fc.double()), kind: field }, { requiredKeys: [] }),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(thing, (v) => agree('OpenThing', v)), { numRuns: 2000, seed: 2026 });
  });
});

describe('random values (fast-check)', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const dateTime = fc.oneof(
    fc.tuple(digits(4), digits(2), digits(2), fc.constantFrom('T', 't', ' ', '\u2003', 'x'), digits(2), digits(2), digits(2),
      fc.constantFrom('', '.', '.5', '.786342', '.9999999999999999999'), fc.constantFrom('Z', 'z', '+00:00', '-01:00', '+0530', '+05', '+24:00', '-00:61', '', '+05:'))
      .map(([y, m, d, s, h, mi, se, f, z]) => `${y}-${m}-${d}${s}${h}:${mi}:${se}${f}${z}`),
    fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '000Z')),
    fc.string(),
  );
  const text = fc.oneof(fc.string({ maxLength: 70 }), fc.string({ unit: 'grapheme', maxLength: 70 }), fc.string({ unit: 'binary', maxLength: 70 }));
  const country = fc.oneof(fc.constantFrom('CO', 'ZW', 'US', 'GS', 'XX', 'co'), fc.string({ maxLength: 3 }), fc.anything());
  const session = fc.record(
    { customer_session: fc.oneof(text, fc.anything()), customer_id: text, country, callback_url: text, created_at: dateTime, extra: fc.anything() },
    { requiredKeys: [] },
  );

  it('CustomerSession agrees with ajv.compile', () => {
    fc.assert(fc.property(session, (v) => agree('CustomerSession', v)), { numRuns: 1500, seed: 20240229 });
    fc.assert(fc.property(fc.anything(), (v) => agree('CustomerSession', v)), { numRuns: 300, seed: 7 });
  });

  it('date-time strings alone agree (through created_at)', () => {
    fc.assert(fc.property(dateTime, (created_at) => agree('CustomerSession', { ...base, created_at })), { numRuns: 3000, seed: 42 });
  });

  it('the shared date-time and date checks equal ajv-formats full mode on any string', () => {
    const refDateTime = (fullFormats['date-time'] as { validate: (s: string) => boolean }).validate;
    const refDate = (fullFormats.date as { validate: (s: string) => boolean }).validate;
    for (const s of dateTimes) expect(sharedEsm.isDateTime(s), s).toBe(refDateTime(s));
    fc.assert(
      fc.property(dateTime, (s) => {
        expect(sharedEsm.isDateTime(s), s).toBe(refDateTime(s));
        expect(sharedEsm.isDate(s.slice(0, 10)), s).toBe(refDate(s.slice(0, 10)));
      }),
      { numRuns: 20000, seed: 1 },
    );
  });

  it('the packed shared country list unpacks to exactly the schema\'s codes', () => {
    const codes = customerSession().schema.$defs?.['CountryCode']?.enum as string[];
    expect(codes).toHaveLength(249);
    expect([...(sharedEsm.sharedEnums.CountryCode as Set<string>)].sort()).toEqual([...codes].sort());
    for (const country of codes) expect(esm.isCustomerSession({ ...base, country }), country).toBe(true);
    for (const country of ['A', 'AA', 'ZZ', 'ADE', 'A D', ' AD', 'AD ']) agree('CustomerSession', { ...base, country });
  });

  it('the shared code-point length equals AJV\'s ucs2length', async () => {
    const mod = (await import('ajv/dist/runtime/ucs2length.js')) as unknown as { default: ((s: string) => number) | { default: (s: string) => number } };
    const ucs2length = typeof mod.default === 'function' ? mod.default : mod.default.default;
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), fc.string({ unit: fc.integer({ min: 0xd7fe, max: 0xe001 }).map((c) => String.fromCharCode(c)), maxLength: 8 }), (a, b) => {
      expect(sharedEsm.codePointLength(a + b)).toBe(ucs2length(a + b));
    }), { numRuns: 5000, seed: 3 });
  });

  it('Order agrees with ajv.compile', () => {
    const item = fc.record({ sku: fc.oneof(text, fc.constant('')), gift: fc.oneof(fc.boolean(), fc.anything()), x: fc.integer() }, { requiredKeys: [] });
    const order = fc.record(
      {
        id: fc.string({ maxLength: 10 }),
        country,
        status: fc.constantFrom('PENDING', 'PAID', 'FAILED', 'NOPE'),
        amount: fc.record({ value: fc.oneof(fc.double(), fc.integer().map((n) => n / 100)), units: fc.integer({ min: -10, max: 30 }), currency: fc.string({ maxLength: 4 }), y: fc.constant(1) }, { requiredKeys: [] }),
        items: fc.oneof(fc.array(item, { maxLength: 4 }), fc.anything()),
        note: fc.oneof(fc.constant(null), fc.string({ maxLength: 7 })),
        ship_date: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), fc.string({ maxLength: 11 })),
        paid: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(order, (v) => agree('Order', v)), { numRuns: 1500, seed: 99 });
  });
});

describe('the reference itself', () => {
  it('requires a property named "" (ajv.compile alone ignores that name in required)', async () => {
    const Ajv2020 = (await import('ajv/dist/2020.js')).default;
    const schema: JsonSchema = { type: 'object', properties: { '': { type: 'string' } }, required: ['', 'a'] };
    expect(new Ajv2020({ strict: false }).compile(schema)({ a: 1 })).toBe(true);
    const check = reference(schema);
    expect([{ a: 1 }, { '': 'x', a: 1 }, { '': 'x' }, { '': 1, a: 1 }].map(check)).toEqual([false, true, false, false]);
  });
});
