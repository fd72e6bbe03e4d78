/**
 * safeParse… and the Standard Schema v1 objects (…Schema, …StrictSchema) of the generated package, in
 * both builds: the same answers as is…/assert…, the same issues, paths as key lists, and nothing thrown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { customerSession, fixture, loadPackage, type Api } from './code-helpers.js';

let builds: [string, Api][];

beforeAll(async () => {
  const { esm, cjs } = await loadPackage([customerSession(), fixture('order')], 'interop');
  builds = [['esm', esm], ['cjs', cjs]];
});

const SESSION = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};

const ORDER = {
  id: 'ord_1',
  country: 'CO',
  status: 'PAID',
  amount: { value: 10.25, currency: 'USD' },
  items: [{ sku: 'a' }, { sku: 'b', gift: true }],
};

/** The issues assert… throws for a value. */
function thrown(api: Api, name: string, value: unknown): unknown {
  try {
    api[`assert${name}`](value);
  } catch (error) {
    return (error as { errors: unknown }).errors;
  }
  return undefined;
}

describe('safeParse…', () => {
  it('gives the parsed value when it is valid', () => {
    for (const [, api] of builds) {
      expect(api['safeParseCustomerSession'](JSON.stringify(SESSION))).toEqual({ success: true, data: SESSION });
      expect(api['safeParseOrderStrict'](JSON.stringify(ORDER))).toEqual({ success: true, data: ORDER });
    }
  });

  it('lists exactly the issues assert… throws, without throwing', () => {
    const bad = { ...ORDER, amount: { value: 10.255, currency: 'US' }, items: [{ gift: 1 }], extra: true };
    for (const [, api] of builds) {
      const loose = api['safeParseOrder'](JSON.stringify(bad));
      expect(loose).toEqual({ success: false, issues: thrown(api, 'Order', bad) });
      expect(loose.issues.map((i: { path: string; keyword: string }) => [i.path, i.keyword])).toEqual([
        ['amount.value', 'multipleOf'],
        ['amount.currency', 'minLength'],
        ['items[0].sku', 'required'],
        ['items[0].gift', 'type'],
      ]);
      const strict = api['safeParseOrderStrict'](JSON.stringify(bad));
      expect(strict).toEqual({ success: false, issues: thrown(api, 'OrderStrict', bad) });
      expect(strict.issues.map((i: { path: string }) => i.path)).toContain('extra');
    }
  });

  it('reports bad JSON and non-text as issues, never throwing', () => {
    for (const [, api] of builds) {
      const broken = api['safeParseCustomerSession']('{"country": ');
      expect(broken.success).toBe(false);
      expect(broken.issues).toHaveLength(1);
      expect(broken.issues[0]).toMatchObject({ path: '', keyword: 'json' });
      expect(broken.issues[0].message).toMatch(/^is not valid JSON: /);
      expect(api['safeParseCustomerSessionStrict'](undefined)).toEqual({
        success: false,
        issues: [{ path: '', message: 'must be a JSON text (got undefined)', keyword: 'json' }],
      });
      expect(api['safeParseOrder']('null')).toEqual({ success: false, issues: [{ path: '', message: 'must be object (got null)', keyword: 'type' }] });
    }
  });
});

describe('Standard Schema v1', () => {
  it('declares version 1 and our vendor, and gives back the same valid value', () => {
    for (const [, api] of builds) {
      for (const name of ['CustomerSessionSchema', 'CustomerSessionStrictSchema', 'OrderSchema', 'OrderStrictSchema']) {
        const props = api[name]['~standard'];
        expect([name, props.version, props.vendor, typeof props.validate]).toEqual([name, 1, 'yuno-codegen', 'function']);
      }
      const value = structuredClone(ORDER);
      const result = api['OrderStrictSchema']['~standard'].validate(value);
      expect(result).toEqual({ value: ORDER });
      expect(result.value).toBe(value);
      expect(result.issues).toBeUndefined();
    }
  });

  it('gives our messages with paths as key lists (array indexes as numbers)', () => {
    const bad = { ...ORDER, amount: { value: -1, currency: 'USD' }, items: [{ sku: 'a' }, { gift: 'yes' }], extra: true };
    for (const [, api] of builds) {
      expect(api['OrderSchema']['~standard'].validate(bad)).toEqual({
        issues: [
          { message: 'must be >= 0 (got -1)', path: ['amount', 'value'] },
          { message: 'is required', path: ['items', 1, 'sku'] },
          { message: 'must be boolean (got "yes")', path: ['items', 1, 'gift'] },
        ],
      });
      // The strict one also names the unknown key, where it is.
      const strict = api['OrderStrictSchema']['~standard'].validate(bad);
      expect(strict.issues).toContainEqual({ message: 'is not a known property (strict validators reject unknown keys)', path: ['extra'] });
      // The value itself: an empty path.
      expect(api['CustomerSessionSchema']['~standard'].validate('x')).toEqual({ issues: [{ message: 'must be object (got "x")', path: [] }] });
      // Keys that are not identifiers or look like indexes stay strings.
      expect(api['CustomerSessionStrictSchema']['~standard'].validate({ ...SESSION, 'a/b': 1, '0': 2 }).issues.map((i: { path: unknown }) => i.path)).toEqual([
        ['0'],
        ['a/b'],
      ]);
    }
  });

  it('the default schema lets unknown keys and unlisted values of an open list through, as is… does', () => {
    for (const [, api] of builds) {
      const value = { ...SESSION, extra: 1 };
      expect(api['CustomerSessionSchema']['~standard'].validate(value)).toEqual({ value });
      expect(api['isCustomerSession'](value)).toBe(true);
      expect(api['CustomerSessionStrictSchema']['~standard'].validate(value).issues).toHaveLength(1);
    }
  });
});
