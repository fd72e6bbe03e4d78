/**
 * The change classification table: each case is a schema before and after, classified for the types and
 * for the validators, in both directions (after → before is the opposite edit). Where a direction breaks
 * the validators, a witness value shows it on real validators (AJV, strict objects as the `…Strict`
 * validators are): the old schema accepts it and the new one rejects it.
 */
import { describe, expect, it } from 'vitest';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { bumpOf, classify } from '../../generators/diff/classify.js';
import { CHANGE_RULES } from '../../generators/diff/rules.js';
import type { JsonSchema } from '../../generators/types.js';

const COUNTRY: JsonSchema = { type: 'string', enum: ['AR', 'BR', 'CO'] };
const CURRENCY: JsonSchema = { type: 'string', enum: ['ARS', 'BRL', 'COP'] };

/** An object with one field `f` (required unless said), plus `id`, and the shared definitions. */
function obj(f: JsonSchema | undefined, extra: Partial<JsonSchema> = {}, required = ['id', 'f']): JsonSchema {
  const properties: Record<string, JsonSchema> = { id: { type: 'string' } };
  if (f) properties['f'] = f;
  return { title: 'Thing', type: 'object', properties, required: required.filter((r) => r in properties), $defs: { CountryCode: COUNTRY, CurrencyCode: CURRENCY }, ...extra };
}

interface Case {
  name: string;
  before: JsonSchema;
  after: JsonSchema;
  /** `rule@field types/validators` for before → after, then for after → before. */
  forward: string[];
  backward: string[];
  /** A value the old schema accepts and the new one rejects, per direction whose validators break. */
  witness?: { forward?: unknown; backward?: unknown };
}

const s = (extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'string', ...extra });
const n = (extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'number', ...extra });
const arr = (extra: Partial<JsonSchema> = {}): JsonSchema => ({ type: 'array', items: { type: 'string' }, ...extra });
const v = (f: unknown): Record<string, unknown> => ({ id: 'x', f });

const CASES: Case[] = [
  { name: 'maxLength lowered (the issue\'s MAX)', before: obj(s({ maxLength: 255 })), after: obj(s({ maxLength: 100 })), forward: ['max-lowered@f none/breaking'], backward: ['max-raised@f none/additive'], witness: { forward: v('a'.repeat(200)) } },
  { name: 'maxLength added', before: obj(s()), after: obj(s({ maxLength: 3 })), forward: ['max-added@f none/breaking'], backward: ['max-removed@f none/additive'], witness: { forward: v('abcd') } },
  { name: 'minLength raised', before: obj(s({ minLength: 1 })), after: obj(s({ minLength: 3 })), forward: ['min-raised@f none/breaking'], backward: ['min-lowered@f none/additive'], witness: { forward: v('ab') } },
  { name: 'minimum added', before: obj(n()), after: obj(n({ minimum: 0 })), forward: ['min-added@f none/breaking'], backward: ['min-removed@f none/additive'], witness: { forward: v(-1) } },
  { name: 'maximum lowered', before: obj(n({ maximum: 100 })), after: obj(n({ maximum: 10 })), forward: ['max-lowered@f none/breaking'], backward: ['max-raised@f none/additive'], witness: { forward: v(50) } },
  { name: 'exclusiveMinimum raised', before: obj(n({ exclusiveMinimum: 0 })), after: obj(n({ exclusiveMinimum: 5 })), forward: ['min-raised@f none/breaking'], backward: ['min-lowered@f none/additive'], witness: { forward: v(3) } },
  { name: 'maxItems lowered', before: obj(arr({ maxItems: 50 })), after: obj(arr({ maxItems: 2 })), forward: ['max-lowered@f none/breaking'], backward: ['max-raised@f none/additive'], witness: { forward: v(['a', 'b', 'c']) } },
  { name: 'minItems added', before: obj(arr()), after: obj(arr({ minItems: 1 })), forward: ['min-added@f none/breaking'], backward: ['min-removed@f none/additive'], witness: { forward: v([]) } },
  { name: 'pattern added', before: obj(s()), after: obj(s({ pattern: '^[0-9]+$' })), forward: ['pattern-added@f none/breaking'], backward: ['pattern-removed@f none/additive'], witness: { forward: v('abc') } },
  { name: 'pattern changed', before: obj(s({ pattern: '^[a-z]+$' })), after: obj(s({ pattern: '^[0-9]+$' })), forward: ['pattern-changed@f none/breaking'], backward: ['pattern-changed@f none/breaking'], witness: { forward: v('abc'), backward: v('123') } },
  { name: 'format added', before: obj(s()), after: obj(s({ format: 'date-time' })), forward: ['format-added@f none/breaking'], backward: ['format-removed@f none/additive'], witness: { forward: v('yesterday') } },
  { name: 'format changed', before: obj(s({ format: 'date' })), after: obj(s({ format: 'date-time' })), forward: ['format-changed@f none/breaking'], backward: ['format-changed@f none/breaking'], witness: { forward: v('2024-01-31'), backward: v('2024-01-31T10:00:00Z') } },
  { name: 'multipleOf added', before: obj(n()), after: obj(n({ multipleOf: 5 })), forward: ['multiple-of-added@f none/breaking'], backward: ['multiple-of-removed@f none/additive'], witness: { forward: v(7) } },
  { name: 'multipleOf changed', before: obj(n({ multipleOf: 2 })), after: obj(n({ multipleOf: 3 })), forward: ['multiple-of-changed@f none/breaking'], backward: ['multiple-of-changed@f none/breaking'], witness: { forward: v(4), backward: v(3) } },
  { name: 'uniqueItems added', before: obj(arr()), after: obj(arr({ uniqueItems: true })), forward: ['unique-items-added@f none/breaking'], backward: ['unique-items-removed@f none/additive'], witness: { forward: v(['a', 'a']) } },
  { name: 'enum value added to a closed list', before: obj(s({ enum: ['A', 'B'] })), after: obj(s({ enum: ['A', 'B', 'C'] })), forward: ['enum-value-added@f breaking/additive'], backward: ['enum-value-removed@f breaking/breaking'], witness: { backward: v('C') } },
  { name: 'enum value replaced', before: obj(s({ enum: ['A', 'B'] })), after: obj(s({ enum: ['A', 'C'] })), forward: ['enum-value-added@f breaking/additive', 'enum-value-removed@f breaking/breaking'], backward: ['enum-value-added@f breaking/additive', 'enum-value-removed@f breaking/breaking'], witness: { forward: v('B'), backward: v('C') } },
  { name: 'enum added to a free string', before: obj(s()), after: obj(s({ enum: ['A'] })), forward: ['enum-added@f additive/breaking'], backward: ['enum-removed@f breaking/additive'], witness: { forward: v('Z') } },
  { name: 'enum opened (x-openEnum)', before: obj(s({ enum: ['A'] })), after: obj(s({ enum: ['A'], 'x-openEnum': true })), forward: ['enum-opened@f breaking/additive'], backward: ['enum-closed@f additive/breaking'] },
  { name: 'const added', before: obj(s()), after: obj(s({ const: 'card' })), forward: ['const-added@f additive/breaking'], backward: ['const-removed@f breaking/additive'], witness: { forward: v('cash') } },
  { name: 'const changed', before: obj(s({ const: 'card' })), after: obj(s({ const: 'cash' })), forward: ['const-changed@f breaking/breaking'], backward: ['const-changed@f breaking/breaking'], witness: { forward: v('card'), backward: v('cash') } },
  { name: 'optional field added', before: obj(undefined), after: obj(s(), {}, ['id']), forward: ['field-added-optional@f additive/additive'], backward: ['field-removed@f breaking/breaking'], witness: { backward: v('x') } },
  { name: 'required field added', before: obj(undefined), after: obj(s()), forward: ['field-added-required@f additive/breaking'], backward: ['field-removed@f breaking/breaking'], witness: { forward: { id: 'x' }, backward: v('x') } },
  { name: 'field made required', before: obj(s(), {}, ['id']), after: obj(s()), forward: ['field-made-required@f additive/breaking'], backward: ['field-made-optional@f breaking/additive'], witness: { forward: { id: 'x' } } },
  {
    name: 'field renamed',
    before: obj(undefined, { properties: { id: { type: 'string' }, email: s({ maxLength: 255, description: 'E-mail' }) } }),
    after: obj(undefined, { properties: { id: { type: 'string' }, e_mail: s({ maxLength: 255, description: 'The e-mail' }) } }),
    forward: ['field-renamed@email breaking/breaking'],
    backward: ['field-renamed@e_mail breaking/breaking'],
    witness: { forward: { id: 'x', email: 'a@b.c' }, backward: { id: 'x', e_mail: 'a@b.c' } },
  },
  { name: 'made nullable (type list)', before: obj(s()), after: obj({ type: ['string', 'null'] }), forward: ['nullable-added@f breaking/additive'], backward: ['nullable-removed@f additive/breaking'], witness: { backward: v(null) } },
  {
    name: 'made nullable ($ref or null)',
    before: obj({ $ref: '#/$defs/CountryCode' }),
    after: obj({ anyOf: [{ $ref: '#/$defs/CountryCode' }, { type: 'null' }] }),
    forward: ['nullable-added@f breaking/additive'],
    backward: ['nullable-removed@f additive/breaking'],
    witness: { backward: v(null) },
  },
  { name: 'type widened', before: obj(s()), after: obj({ type: ['string', 'number'] }), forward: ['type-widened@f breaking/additive'], backward: ['type-narrowed@f additive/breaking'], witness: { backward: v(5) } },
  { name: 'type changed', before: obj(s()), after: obj({ type: 'boolean' }), forward: ['type-changed@f breaking/breaking'], backward: ['type-changed@f breaking/breaking'], witness: { forward: v('yes'), backward: v(true) } },
  { name: 'integer to number', before: obj({ type: 'integer' }), after: obj(n()), forward: ['integer-to-number@f none/additive'], backward: ['number-to-integer@f none/breaking'], witness: { backward: v(1.5) } },
  { name: 'another named type', before: obj({ $ref: '#/$defs/CountryCode' }), after: obj({ $ref: '#/$defs/CurrencyCode' }), forward: ['ref-changed@f breaking/breaking'], backward: ['ref-changed@f breaking/breaking'], witness: { forward: v('AR'), backward: v('ARS') } },
  { name: 'array items type changed', before: obj(arr()), after: obj({ type: 'array', items: n() }), forward: ['type-changed@f[] breaking/breaking'], backward: ['type-changed@f[] breaking/breaking'], witness: { forward: v(['a']), backward: v([1]) } },
  {
    name: 'nested field removed',
    before: obj({ type: 'object', properties: { email: s(), name: s() }, additionalProperties: false }),
    after: obj({ type: 'object', properties: { name: s() }, additionalProperties: false }),
    forward: ['field-removed@f.email breaking/breaking'],
    backward: ['field-added-optional@f.email additive/additive'],
    witness: { forward: v({ email: 'a@b.c' }) },
  },
  { name: 'unknown keys closed', before: obj({ type: 'object' }), after: obj({ type: 'object', additionalProperties: false }), forward: ['additional-properties-closed@f none/breaking'], backward: ['additional-properties-opened@f none/additive'], witness: { forward: v({ x: 1 }) } },
  { name: 'union alternative added', before: obj({ anyOf: [s(), n()] }), after: obj({ anyOf: [s(), n(), { type: 'boolean' }] }), forward: ['union-option-added@f breaking/additive'], backward: ['union-option-removed@f additive/breaking'], witness: { backward: v(true) } },
  { name: 'description reworded', before: obj(s({ description: 'The id' })), after: obj(s({ description: 'The unique id' })), forward: ['description-changed@f docs/docs'], backward: ['description-changed@f docs/docs'] },
  { name: 'examples changed', before: obj(s({ examples: ['a'] })), after: obj(s({ examples: ['b'] })), forward: ['examples-changed@f docs/docs'], backward: ['examples-changed@f docs/docs'] },
  { name: 'reconciliation notes changed', before: obj(s()), after: obj(s({ 'x-reconciled': [] })), forward: ['annotation-changed@f docs/docs'], backward: ['annotation-changed@f docs/docs'] },
  { name: 'named type added', before: obj(s()), after: { ...obj(s()), $defs: { CountryCode: COUNTRY, CurrencyCode: CURRENCY, Extra: s() } }, forward: ['definition-added@Extra additive/none'], backward: ['definition-removed@Extra breaking/none'] },
  {
    name: 'enum value added to a shared definition (reported once, at the definition)',
    before: obj({ $ref: '#/$defs/CountryCode' }),
    after: { ...obj({ $ref: '#/$defs/CountryCode' }), $defs: { CountryCode: { type: 'string', enum: ['AR', 'BR', 'CO', 'XK'] }, CurrencyCode: CURRENCY } },
    forward: ['enum-value-added@CountryCode breaking/additive'],
    backward: ['enum-value-removed@CountryCode breaking/breaking'],
    witness: { backward: v('XK') },
  },
  { name: 'a keyword the rules do not know', before: obj(arr()), after: obj(arr({ contains: { const: 'a' } })), forward: ['keyword-changed@f breaking/breaking'], backward: ['keyword-changed@f breaking/breaking'], witness: { forward: v(['b']) } },
];

const brief = (before: JsonSchema, after: JsonSchema): string[] =>
  classify({ name: 'Thing', schema: before }, { name: 'Thing', schema: after }).map((c) => `${c.rule}@${c.at} ${c.types}/${c.validators}`);

/** The `…Strict` validators' view: unknown keys rejected at every object level. */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(schema as Record<string, unknown>)) out[k] = k === 'properties' ? Object.fromEntries(Object.entries(x as object).map(([p, y]) => [p, strict(y)])) : strict(x);
  if ('properties' in out && !('additionalProperties' in out)) out['additionalProperties'] = false;
  return out;
}
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const accepts = (schema: JsonSchema, value: unknown): boolean => ajv.compile(strict(schema) as object)(value);

describe('change classification table', () => {
  it('has at least 30 cases and uses every field-level rule at least once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    const used = new Set(CASES.flatMap((c) => [...c.forward, ...c.backward]).map((e) => e.split('@')[0]));
    const fieldRules = Object.keys(CHANGE_RULES).filter((r) => !['object-added', 'object-removed', 'title-changed'].includes(r));
    expect(fieldRules.filter((r) => !used.has(r))).toEqual([]);
  });

  for (const c of CASES) {
    it(`${c.name}: forward and backward`, () => {
      expect(brief(c.before, c.after)).toEqual(c.forward);
      expect(brief(c.after, c.before)).toEqual(c.backward);
      // The effects are the rule's, so the table row is the rule's row.
      for (const e of [...c.forward, ...c.backward]) {
        const [rule, effects] = e.split(' ') as [string, string];
        const r = CHANGE_RULES[rule.split('@')[0] as keyof typeof CHANGE_RULES];
        expect(`${r.types}/${r.validators}`).toBe(effects);
      }
    });
    const breaksForward = c.forward.some((e) => e.endsWith('/breaking'));
    const breaksBackward = c.backward.some((e) => e.endsWith('/breaking'));
    if (c.witness?.forward !== undefined || c.witness?.backward !== undefined || breaksForward || breaksBackward) {
      it(`${c.name}: the validators really break where the table says so`, () => {
        // x-openEnum is ours (AJV ignores it): its witness is in the validator tests of open enums.
        if (c.name.startsWith('enum opened')) return;
        expect(c.witness?.forward !== undefined).toBe(breaksForward);
        // keyword-changed is breaking by assumption (a keyword the rules cannot read); removing `contains`
        // only loosens, so that direction has no witness.
        expect(c.witness?.backward !== undefined).toBe(breaksBackward && !c.backward.every((e) => e.startsWith('keyword-changed')));
        if (c.witness?.forward !== undefined) expect([accepts(c.before, c.witness.forward), accepts(c.after, c.witness.forward)]).toEqual([true, false]);
        if (c.witness?.backward !== undefined) expect([accepts(c.after, c.witness.backward), accepts(c.before, c.witness.backward)]).toEqual([true, false]);
      });
    }
  }

  it('an object added or removed', () => {
    const thing = { name: 'Thing', schema: obj(s()) };
    expect(classify(undefined, thing).map((c) => `${c.rule} ${c.types}/${c.validators} ${c.detail}`)).toEqual(['object-added additive/additive new object Thing']);
    expect(classify(thing, undefined).map((c) => `${c.rule} ${c.types}/${c.validators} ${c.detail}`)).toEqual(['object-removed breaking/breaking object Thing removed']);
  });

  it('details name the old and new values', () => {
    const changes = classify({ name: 'Thing', schema: obj(s({ maxLength: 526, enum: ['A'] })) }, { name: 'Thing', schema: obj(s({ maxLength: 100, enum: ['A', 'B'] })) });
    expect(changes.map((c) => c.detail)).toEqual(['"B" added', 'maxLength 526 → 100']);
  });
});

describe('README', () => {
  it('lists every rule with its effects, as the rules table declares them', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const rows = readme.split('\n').filter((l) => /^\| `[a-z-]+` \| (breaking|additive|docs|none) \|/.test(l));
    expect(rows).toEqual(Object.entries(CHANGE_RULES).map(([name, r]) => `| \`${name}\` | ${r.types} | ${r.validators} | ${r.why} |`));
  });
});

describe('the semver step', () => {
  const change = (before: JsonSchema, after: JsonSchema) => classify({ name: 'T', schema: before }, { name: 'T', schema: after });
  it('major if anything breaks on either side, minor if additive, patch if docs only, none without changes', () => {
    expect(bumpOf(change(obj(s({ maxLength: 9 })), obj(s({ maxLength: 5 }))))).toBe('major'); // validators only
    expect(bumpOf(change(obj(s({ enum: ['A'] })), obj(s({ enum: ['A', 'B'] }))))).toBe('major'); // types only
    expect(bumpOf(change(obj(s({ maxLength: 5 })), obj(s({ maxLength: 9 }))))).toBe('minor');
    expect(bumpOf(change(obj(s({ description: 'a' })), obj(s({ description: 'b' }))))).toBe('patch');
    expect(bumpOf(change(obj(s()), obj(s())))).toBeUndefined();
  });
});
