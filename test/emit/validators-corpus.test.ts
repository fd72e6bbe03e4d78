/**
 * Generated validators of a real corpus object against `ajv.compile`, value by value. The payment
 * object's `transactions.reason` is an inline enum of 13 strings, which takes the Set-lookup path: that
 * path once built `new Set("CANCELLED,DISMISS,…")` (a Set of characters) and rejected every reason.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS } from '../../generators/ajv-options.js';
import { exampleObject } from '../../generators/emit/docs-model.js';
import { SET_ENUM_MIN } from '../../generators/emit/validators.js';
import { extract } from '../../generators/extract.js';
import { YUNO_KEYWORDS, type JsonSchema } from '../../generators/types.js';
import { loadPackage, repoRoot } from './code-helpers.js';

const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;

const REASONS = [
  'CANCELLED', 'DISMISS', 'DUPLICATE', 'DUPLICATED', 'FRAUDULENT', 'MISSED', 'NOT_FOUND', 'ORDER_STOPPED', 'REFUNDED',
  'REQUESTED_BY_CUSTOMER', 'RESOLVED', 'REVERSE', 'SERVICE_SUSPENDED',
];

function reference(schema: JsonSchema): (value: unknown) => boolean {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, strictTypes: false, strictRequired: false, allowUnionTypes: true, keywords: [...YUNO_KEYWORDS] });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return (value) => validate(value) === true;
}

describe('the payment object (extracted from the corpus page)', () => {
  it('accepts an object with each of the 13 transactions.reason values exactly as ajv.compile does', async () => {
    const path = join(repoRoot, '..', 'shared', 'yuno-pages', 'the-payment-object.md');
    const doc = await extract({ path: '../shared/yuno-pages/the-payment-object.md', bytes: readFileSync(path) });
    const reason = doc.schema.properties?.['transactions']?.properties?.['reason'];
    expect(reason?.enum).toEqual(REASONS);
    expect(REASONS.length).toBeGreaterThanOrEqual(SET_ENUM_MIN);

    const { esm, cjs } = await loadPackage([doc], 'corpus-payment');
    const want = reference(doc.schema);
    const base = exampleObject(doc.schema) as { transactions: Record<string, unknown> };
    expect(want(base)).toBe(true);
    const withReason = (value: unknown): unknown => ({ ...base, transactions: { ...base.transactions, reason: value } });

    for (const value of REASONS) {
      const object = withReason(value);
      expect([value, want(object)]).toEqual([value, true]);
      for (const api of [esm, cjs]) {
        expect([value, api['isPayment'](object), api['isPaymentStrict'](object)]).toEqual([value, true, true]);
        expect(() => api['assertPayment'](object)).not.toThrow();
        expect(api['parsePayment'](JSON.stringify(object))).toEqual(object);
      }
    }
    // Pieces of the joined list and near misses are still refused, with the enum message.
    for (const value of ['C', ',', 'CANCELLED,DISMISS', 'cancelled', 'CANCELLED ', null, 7]) {
      const object = withReason(value);
      expect([value, want(object)]).toEqual([value, false]);
      for (const api of [esm, cjs]) {
        expect([value, api['isPayment'](object)]).toEqual([value, false]);
        expect(() => api['assertPayment'](object)).toThrow(/^transactions\.reason: /);
      }
    }
  });
});
