// One table per reconciliation rule (generators/reconcile/reconcile.ts): a page schema, the values the
// API sent for it, and the exact schema that results. Values are taken from the real 2xx examples in
// ../shared/yuno-openapi (paths in the comments).
import { describe, expect, it } from 'vitest';
import { infer, isPlaceholder, reconcile } from '../../generators/reconcile/reconcile.js';
import { isMultipleOf } from '../../generators/conforms.js';
import type { JsonSchema } from '../../generators/types.js';

const where = (i: number): string => `api.json GET /x 200 "E${i}"`;
/** Reconcile one field `f` of an object with the values seen for it, one example each. */
function field(schema: JsonSchema, values: unknown[], refuse: string[] = []): { schema: JsonSchema; placeholders: { at: string; where: string }[] } {
  const root: JsonSchema = { type: 'object', properties: { f: schema } };
  const samples = values.map((v, i) => ({ value: { f: v }, where: where(i) }));
  const result = reconcile(root, samples, { refused: (_p, rule) => refuse.includes(rule), requiredSetBy: () => true, lineOf: () => 12 });
  return { schema: result.schema.properties!['f']!, placeholders: result.placeholders };
}
const ev = (n: number, from = 0): string[] => Array.from({ length: Math.min(n, 3) }, (_, i) => `${where(from + i)}/f`);

describe('rule: nullable', () => {
  it('a null where the page gives a type makes the field nullable (customer_payer.email is null in real payments)', () => {
    expect(field({ type: 'string', maxLength: 255 }, ['a@b.co', null, null]).schema).toEqual({
      type: ['string', 'null'],
      maxLength: 255,
      'x-reconciled': [{ rule: 'nullable', page: 'string, MAX 255 (line 12)', api: 'null', result: 'nullable', count: 2, evidence: ev(2, 1) }],
    });
  });
  it('an enum gains null in its list too', () => {
    expect(field({ type: 'string', enum: ['M', 'F'], 'x-openEnum': true }, [null]).schema).toMatchObject({ type: ['string', 'null'], enum: ['M', 'F', null] });
  });
  it('a $ref becomes anyOf [$ref, null]', () => {
    expect(field({ $ref: '#/$defs/CountryCode', description: 'Country.' }, [null]).schema).toEqual({
      description: 'Country.',
      anyOf: [{ $ref: '#/$defs/CountryCode' }, { type: 'null' }],
      'x-reconciled': [{ rule: 'nullable', page: 'CountryCode (line 12)', api: 'null', result: 'nullable', count: 1, evidence: ev(1) }],
    });
  });
  it('refused: nothing changes', () => {
    expect(field({ type: 'string' }, [null], ['nullable']).schema).toEqual({ type: 'string' });
  });
});

describe('rule: type', () => {
  const cases: [string, JsonSchema, unknown[], JsonSchema['type'], string][] = [
    // transactions.amount: page string, the API sends 100.
    ['a number where the page says string', { type: 'string' }, [100], ['string', 'integer'], 'integer (100)'],
    // card_data.iin / lfd: page integer, the API sends "0010".
    ['a string where the page says integer', { type: 'integer' }, ['0010'], ['string', 'integer'], 'string ("0010")'],
    // browser_info.accept_header: page boolean, the API sends "text/html".
    ['a string where the page says boolean', { type: 'boolean' }, ['text/html'], ['string', 'boolean'], 'string ("text/html")'],
    ['a decimal where the page says integer', { type: 'integer' }, [12.5], 'number' as never, 'number (12.5)'],
  ];
  it.each(cases)('%s', (_name, schema, values, type, api) => {
    const got = field(schema, values).schema;
    expect(got.type).toEqual(Array.isArray(type) ? type : [type]);
    expect(got['x-reconciled']).toEqual([{ rule: 'type', page: `${String(schema.type)} (line 12)`, api, result: (Array.isArray(type) ? type : [type]).join(' | '), count: 1, evidence: ev(1) }]);
  });
  it('an object the page gives no fields for, that the API sends as a string, becomes a string (iso8583_response_code)', () => {
    expect(field({ type: ['object', 'null'], properties: {} }, ['00', null]).schema).toEqual({
      type: ['string', 'null'],
      'x-reconciled': [{ rule: 'type', page: 'object | null (line 12)', api: 'string ("00")', result: 'string | null', count: 1, evidence: ev(1) }],
    });
  });
  it('an integer fits a number: no change', () => {
    expect(field({ type: 'number' }, [3]).schema).toEqual({ type: 'number' });
  });
});

describe('rule: array-or-object', () => {
  const item: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
  const run = (f: JsonSchema, values: unknown[]): JsonSchema =>
    reconcile({ title: 'Payment', type: 'object', properties: { routing_rules: f } }, values.map((v, i) => ({ value: { routing_rules: v }, where: where(i) }))).schema;

  it('an object where the page has an array of objects (installments, routing_rules) accepts both; the object is defined once', () => {
    const got = run({ type: 'array', description: 'Rules.', items: item, maxItems: 5 }, [{ id: 'a' }, [{ id: 'b' }]]);
    expect(got.properties!['routing_rules']).toEqual({
      description: 'Rules.',
      'x-reconciled': [{ rule: 'array-or-object', page: 'array of objects', api: 'a single object', result: 'an array of the objects, or one object', count: 1, evidence: [`${where(0)}/routing_rules`] }],
      anyOf: [{ type: 'array', items: { $ref: '#/$defs/PaymentRoutingRules' }, maxItems: 5 }, { $ref: '#/$defs/PaymentRoutingRules' }],
    });
    expect(got.$defs).toEqual({ PaymentRoutingRules: item });
  });
  it('an array where the page has an object accepts both, and null stays allowed', () => {
    const got = run({ type: ['object', 'null'], properties: { id: { type: 'string' } } }, [[{ id: 'a' }]]);
    expect(got.properties!['routing_rules']!.anyOf).toEqual([{ $ref: '#/$defs/PaymentRoutingRules' }, { type: 'array', items: { $ref: '#/$defs/PaymentRoutingRules' } }, { type: 'null' }]);
    expect(got.$defs).toEqual({ PaymentRoutingRules: { type: 'object', properties: { id: { type: 'string' } } } });
  });
});

describe('rule: code-list', () => {
  it('values that are no code at all ("Amsterdam" for an airport country) make a plain string; "st" stays a placeholder', () => {
    const root: JsonSchema = { type: 'object', properties: { f: { $ref: '#/$defs/CountryCode' } }, $defs: { CountryCode: { type: 'string', enum: ['AR', 'CO'] } } };
    const result = reconcile(root, [{ value: { f: 'Amsterdam' }, where: where(0) }, { value: { f: 'AR' }, where: where(1) }], { root });
    expect(result.schema.properties!['f']).toEqual({
      type: 'string',
      'x-reconciled': [{ rule: 'code-list', page: 'CountryCode', api: '"Amsterdam"', result: 'string', count: 1, evidence: ev(1) }],
    });
    const kept = reconcile(root, [{ value: { f: 'st' }, where: where(0) }], { root });
    expect(kept.schema.properties!['f']).toEqual({ $ref: '#/$defs/CountryCode' });
    expect(kept.placeholders).toEqual([{ at: 'f', where: `${where(0)}/f` }]);
  });
});

describe('rule: empty-string and bounds', () => {
  it('"" where the page sets a minimum length is allowed exactly, the bound stays', () => {
    expect(field({ type: 'string', minLength: 36, maxLength: 64, description: 'Id.' }, ['']).schema).toEqual({
      description: 'Id.',
      'x-reconciled': [{ rule: 'empty-string', page: 'MIN 36 (line 12)', api: '""', result: '"" allowed', count: 1, evidence: ev(1) }],
      anyOf: [{ type: 'string', minLength: 36, maxLength: 64 }, { const: '' }],
    });
  });
  it('a shorter real value widens the minimum just enough (state "NY", page MIN 3)', () => {
    expect(field({ type: 'string', minLength: 3, maxLength: 255 }, ['NY', 'CA', 'Bogotá']).schema).toEqual({
      type: 'string',
      minLength: 2,
      maxLength: 255,
      'x-reconciled': [{ rule: 'bounds', page: 'MIN 3 (line 12)', api: '"NY" (2 characters)', result: 'minLength 2', count: 2, evidence: ev(2) }],
    });
  });
  it('a longer one widens the maximum to the longest seen; lengths count code points', () => {
    expect(field({ type: 'string', maxLength: 2 }, ['abc', '😀😀😀😀']).schema).toMatchObject({ maxLength: 4 });
  });
  it('item counts and values widen the same way; a broken multipleOf is dropped', () => {
    expect(field({ type: 'array', items: { type: 'string' }, maxItems: 1 }, [['a', 'b']]).schema).toMatchObject({ maxItems: 2 });
    expect(field({ type: 'integer', minimum: 1, maximum: 999 }, [0, 1200]).schema).toMatchObject({ minimum: 0, maximum: 1200 });
    expect(field({ type: 'number', multipleOf: 0.0001 }, [1000.18, 0.00005]).schema).toEqual({
      type: 'number',
      'x-reconciled': [{ rule: 'bounds', page: 'multiple of 0.0001 (line 12)', api: '0.00005', result: 'any number', count: 1, evidence: ev(1, 1) }],
    });
  });
  it('refused: the bound stays', () => {
    expect(field({ type: 'string', minLength: 3 }, ['NY'], ['bounds']).schema).toEqual({ type: 'string', minLength: 3 });
  });
});

describe('rule: format', () => {
  it('a date-time the API does not write as RFC 3339 drops the format', () => {
    expect(field({ type: 'string', format: 'date-time' }, ['2022-05-09T20:46:54.786342Z', '2025-04-11 20:30:49']).schema).toEqual({
      type: 'string',
      'x-reconciled': [{ rule: 'format', page: 'format date-time (line 12)', api: '"2025-04-11 20:30:49"', result: 'no format', count: 1, evidence: ev(1, 1) }],
    });
  });
});

describe('rule: enum-values', () => {
  it('values outside an open list extend it, in the order first seen, before null', () => {
    expect(field({ type: ['string', 'null'], enum: ['True', 'False', null], 'x-openEnum': true }, ['true', 'False', 'NB', 'true']).schema).toEqual({
      type: ['string', 'null'],
      enum: ['True', 'False', 'true', 'NB', null],
      'x-openEnum': true,
      'x-reconciled': [{ rule: 'enum-values', page: 'one of 2 values (line 12)', api: '"true", "NB"', result: '2 values added', count: 3, evidence: [`${where(0)}/f`, `${where(2)}/f`, `${where(3)}/f`] }],
    });
  });
  it('a closed list (an external standard) is not extended', () => {
    expect(field({ type: 'string', enum: ['USD', 'COP'] }, ['XXX']).schema).toEqual({ type: 'string', enum: ['USD', 'COP'] });
  });
});

describe('rule: api-field and required', () => {
  it('a field only the API sends is added from its values and marked', () => {
    const root: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
    const result = reconcile(root, [{ value: { id: 'a', workflow: 'DIRECT' }, where: where(0) }]);
    expect(result.schema.properties!['workflow']).toEqual({
      type: 'string',
      'x-notOnPage': true,
      'x-reconciled': [{ rule: 'api-field', page: 'absent', api: '"DIRECT"', result: 'added as string', count: 1, evidence: [`${where(0)}/workflow`] }],
    });
  });
  it('below the top level no field is required, but an object always sent with fields is never empty', () => {
    const root: JsonSchema = { type: 'object', properties: { payer: { type: 'object', properties: { id: { type: 'string' } } } } };
    const three = [0, 1, 2].map((i) => ({ value: { payer: { id: `p${i}` } }, where: where(i) }));
    const payer = reconcile(root, three).schema.properties!['payer']!;
    expect(payer.required).toBeUndefined();
    expect(payer.minProperties).toBe(1);
    expect(payer['x-reconciled']).toEqual([
      { rule: 'non-empty', page: 'an object', api: 'fields in all 3 examples', result: 'at least one field', count: 3, evidence: [0, 1, 2].map((i) => `${where(i)}/payer`) },
      // payer itself is a top-level field present in all three.
      { rule: 'required', page: 'optional', api: 'present and not null in all 3 examples', result: 'required', count: 3, evidence: [0, 1, 2].map((i) => where(i)) },
    ]);
    const once = reconcile(root, [...three, { value: { payer: {} }, where: where(3) }]).schema.properties!['payer']!;
    expect(once.minProperties).toBeUndefined();
  });
  it('present and not null in every one of 3 or more examples → required; 2 examples are not enough', () => {
    const root: JsonSchema = { type: 'object', properties: { id: { type: 'string' }, note: { type: ['string', 'null'] } } };
    const three = [{ id: 'a', note: 'x' }, { id: 'b', note: null }, { id: 'c' }].map((value, i) => ({ value, where: where(i) }));
    const result = reconcile(root, three);
    expect(result.schema.required).toEqual(['id']);
    expect(result.schema.properties!['id']!['x-reconciled']).toEqual([
      { rule: 'required', page: 'optional', api: 'present and not null in all 3 examples', result: 'required', count: 3, evidence: [where(0), where(1), where(2)] },
    ]);
    expect(reconcile(root, three.slice(0, 2)).schema.required).toBeUndefined();
  });
  it('the overrides file wins both ways', () => {
    const root: JsonSchema = { type: 'object', properties: { id: { type: 'string' } } };
    const three = [0, 1, 2].map((i) => ({ value: { id: `x${i}` }, where: where(i) }));
    expect(reconcile(root, three, { requiredSetBy: (p) => p === 'id' }).schema.required).toBeUndefined();
    expect(reconcile(root, three, { refused: (p, r) => p === 'id' && r === 'required' }).schema.required).toBeUndefined();
  });
});

describe('rules: the API\'s conventions for "absent" and for timestamps', () => {
  const page: JsonSchema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      email: { type: 'string', minLength: 3 },
      phone: { type: 'object', properties: { number: { type: 'string' } } },
      created_at: { type: 'string', format: 'date-time', minLength: 27, maxLength: 27 },
      status: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true },
    },
  };
  const samples = (values: Record<string, unknown>[]) => values.map((value, i) => ({ value, where: where(i) }));

  it('null somewhere in the object: every optional field may be null; a required one keeps its type', () => {
    const got = reconcile(page, samples([{ id: 'a', email: null }, { id: 'b' }, { id: 'c' }])).schema;
    expect(got.required).toEqual(['id']);
    expect(got.properties!['id']!.type).toBe('string');
    expect(got.properties!['phone']!.type).toEqual(['object', 'null']);
    expect(got.properties!['status']).toMatchObject({ type: ['string', 'null'], enum: ['A', 'B', null] });
    expect(got['x-reconciled']).toEqual([
      // phone, phone.number, created_at and status (email was null itself: rule "nullable").
      { rule: 'null-for-absent', page: 'optional fields of a given type', api: 'null for absent values', result: '4 more optional fields accept null', count: 1, evidence: [`${where(0)}/email`] },
    ]);
  });

  it('an object seen in fewer than 3 payloads follows the API\'s convention for "absent", its own evidence first', () => {
    const other = (i: number, value: Record<string, unknown>) => ({ value, where: `other.json GET /y 200 "O${i}"` });
    const own = samples([{ id: 'a', email: 'a@b.co' }, { id: 'b', email: 'c@d.co' }]);
    const api = [other(0, { note: null, tag: '' }), ...own, other(1, { list: [{ name: null }] })];
    const got = reconcile(page, own, { apiPayloads: api }).schema;
    expect(got.required).toBeUndefined();
    expect(got.properties!['id']!.type).toEqual(['string', 'null']);
    expect(got.properties!['phone']!.type).toEqual(['object', 'null']);
    expect(got.properties!['status']).toEqual({ anyOf: [{ type: ['string', 'null'], enum: ['A', 'B', null], 'x-openEnum': true }, { const: '' }] });
    expect(got['x-reconciled']).toEqual([
      // null: id, email, phone, phone.number, created_at and status; "": email, created_at and status (id and
      // phone.number, plain strings, accept "" already).
      { rule: 'null-for-absent', page: 'optional fields of a given type', api: "null for absent values, in other objects' payloads", result: '6 more optional fields accept null', count: 2, evidence: ['other.json GET /y 200 "O0"/note', 'other.json GET /y 200 "O1"/list/0/name'] },
      { rule: 'empty-for-absent', page: 'optional fields of a given type', api: `"" for absent strings, in other objects' payloads`, result: '3 more optional string fields accept ""', count: 1, evidence: ['other.json GET /y 200 "O0"/tag'] },
    ]);
    // The object's own evidence is listed first; a payload seen both ways counts once.
    const mine = samples([{ id: 'a', email: null }, { id: 'b' }]);
    const records = reconcile(page, mine, { apiPayloads: [other(0, { note: null }), ...mine] }).schema['x-reconciled'] as { rule: string; api: string; count: number; evidence: string[] }[];
    expect(records.find((r) => r.rule === 'null-for-absent')).toMatchObject({ api: 'null for absent values', count: 2, evidence: [`${where(0)}/email`, 'other.json GET /y 200 "O0"/note'] });
  });

  it('an object seen in 3 payloads or more: its own decide, whatever other objects\' payloads show', () => {
    const other = { value: { note: null, tag: '' }, where: 'other.json GET /y 200 "O0"' };
    const own = samples([{ id: 'a', email: 'a@b.co' }, { id: 'b', email: 'c@d.co' }, { id: 'c', email: 'e@f.co' }]);
    const got = reconcile(page, own, { apiPayloads: [other, ...own] }).schema;
    expect(got.required).toEqual(['id', 'email']);
    expect(got.properties!['phone']!.type).toBe('object');
    expect(got.properties!['status']).toEqual({ type: 'string', enum: ['A', 'B'], 'x-openEnum': true });
    expect(got['x-reconciled']).toBeUndefined();
  });

  it('no null and no "" in any payload of the API: optional fields keep their types', () => {
    const own = samples([{ id: 'a', email: 'a@b.co' }]);
    const got = reconcile(page, own, { apiPayloads: [{ value: { x: 1, y: 'z' }, where: 'other.json GET /y 200 "O0"' }, ...own] }).schema;
    expect(got.properties!['phone']!.type).toBe('object');
    expect(got.properties!['created_at']!.anyOf).toBeUndefined();
    expect(got['x-reconciled']).toBeUndefined();
  });

  it('"" somewhere in the object: every optional string field may be ""', () => {
    const got = reconcile(page, samples([{ id: '', email: 'a@b.co' }])).schema;
    expect(got.properties!['email']!.anyOf).toEqual([{ type: 'string', minLength: 3 }, { const: '' }]);
    expect(got.properties!['created_at']!.anyOf).toEqual([{ type: 'string', format: 'date-time', minLength: 27, maxLength: 27 }, { const: '' }]);
    expect(got.properties!['phone']!.anyOf).toBeUndefined();
  });

  it('a refusal of the field\'s own rule refuses the convention for it', () => {
    const got = reconcile(page, samples([{ email: null }]), { refused: (p, r) => p === 'phone' && r === 'nullable' }).schema;
    expect(got.properties!['phone']!.type).toBe('object');
  });

  it('a timestamp of another length drops the length bounds of every timestamp field of the object', () => {
    const got = reconcile(page, samples([{ created_at: '2025-04-11T20:30:49Z' }])).schema;
    expect(got.properties!['created_at']).toEqual({ type: 'string', format: 'date-time' });
    expect(got['x-reconciled']).toEqual([
      { rule: 'timestamp-lengths', page: 'timestamps of a fixed length', api: '"2025-04-11T20:30:49Z" (20 characters)', result: '1 timestamp field without length bounds', count: 1, evidence: [`${where(0)}/created_at`] },
    ]);
    expect(reconcile(page, samples([{ created_at: '2022-05-09T20:46:54.786342Z' }])).schema.properties!['created_at']).toMatchObject({ minLength: 27 });
  });
});

describe('rule: placeholder', () => {
  const cases: [unknown, number | undefined, boolean][] = [
    ['string', undefined, true],
    ['st', 2, true],
    ['str', 3, true],
    ['st', undefined, false],
    ['String', undefined, false],
    ['strings', undefined, false],
    ['', 0, false],
    [0, undefined, false],
  ];
  it.each(cases)('%j (max length %s) → %s', (value, max, want) => {
    expect(isPlaceholder(value, max)).toBe(want);
  });
  it('is no evidence: it widens nothing and is listed when the schema rejects it', () => {
    const got = field({ type: 'string', maxLength: 5 }, ['string', 'es']);
    expect(got.schema).toEqual({ type: 'string', maxLength: 5 });
    expect(got.placeholders).toEqual([{ at: 'f', where: `${where(0)}/f` }]);
    expect(field({ type: 'string' }, ['string']).placeholders).toEqual([]);
  });
  it('a field only the API sends: seen only with the placeholder, a string; seen only as null, any value', () => {
    expect(infer(['string'])).toEqual({ type: 'string' });
    expect(infer([null, null])).toEqual({});
    // Reconciled: a field the page lacks, seen only as null, accepts whatever it holds when set (a list here).
    const got = reconcile({ type: 'object', properties: { id: { type: 'string' } } }, [{ value: { id: 'a', taxes: null }, where: where(0) }]).schema;
    expect(got.properties!['taxes']).toEqual({
      'x-notOnPage': true,
      'x-reconciled': [{ rule: 'api-field', page: 'absent', api: 'null', result: 'added as any', count: 1, evidence: [`${where(0)}/taxes`] }],
    });
    expect(infer([1, 2.5, 'string'])).toEqual({ type: 'number' });
    expect(infer([{ a: 1 }, { b: [true] }])).toEqual({ type: 'object', properties: { a: { type: 'integer' }, b: { type: 'array', items: { type: 'boolean' } } } });
  });
});

describe('exact decimal multipleOf, as the reconciler uses it', () => {
  const cases: [number, number, boolean][] = [
    [1000.18, 0.0001, true],
    [1000.05, 0.0001, true],
    [23.5676, 0.0001, true],
    [1000.00001, 0.0001, false],
    [1e-7, 0.0001, false],
    [0.3, 0.1, true],
    [1e21, 0.0001, true],
    [-2.5, 0.5, true],
    [7, 2, false],
  ];
  it.each(cases)('%s multiple of %s → %s', (value, step, want) => {
    expect(isMultipleOf(value, step)).toBe(want);
  });
});
