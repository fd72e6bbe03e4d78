/**
 * Generated validators of a real corpus object against `ajv.compile`, value by value. The payment
 * object's `transactions.reason` is an inline enum of 13 strings, which takes the Set-lookup path: that
 * path once built `new Set("CANCELLED,DISMISS,…")` (a Set of characters) and rejected every reason. The
 * page calls it one of Yuno's own lists, so it is an open enum: the `…Strict` validators check the list,
 * the default ones any string.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exampleObject } from '../../generators/emit/docs-model.js';
import { SET_ENUM_MIN, validatedSchemas } from '../../generators/emit/validators.js';
import { extract } from '../../generators/extract.js';
import type { JsonSchema } from '../../generators/types.js';
import { loadPackage, repoRoot } from './code-helpers.js';
import { exactReference } from './exact-decimal.js';

const REASONS = [
  'CANCELLED', 'DISMISS', 'DUPLICATE', 'DUPLICATED', 'FRAUDULENT', 'MISSED', 'NOT_FOUND', 'ORDER_STOPPED', 'REFUNDED',
  'REQUESTED_BY_CUSTOMER', 'RESOLVED', 'REVERSE', 'SERVICE_SUSPENDED',
];

/** `ajv.compile` of the schema a validator checks (validatedSchemas; `multipleOf` exact). */
function reference(schema: JsonSchema, variant: 'loose' | 'strict'): (value: unknown) => boolean {
  return exactReference(validatedSchemas(schema)[variant]);
}

describe('the payment object (extracted from the corpus page)', () => {
  it('accepts an object with each of the 13 transactions.reason values exactly as ajv.compile does', async () => {
    const path = join(repoRoot, '..', 'shared', 'yuno-pages', 'the-payment-object.md');
    const doc = await extract({ path: '../shared/yuno-pages/the-payment-object.md', bytes: readFileSync(path) });
    const reason = doc.schema.properties?.['transactions']?.properties?.['reason'];
    expect(reason?.enum).toEqual(REASONS);
    expect(reason?.['x-openEnum']).toBe(true);
    expect(REASONS.length).toBeGreaterThanOrEqual(SET_ENUM_MIN);

    const { esm, cjs } = await loadPackage([doc], 'corpus-payment');
    const want = reference(doc.schema, 'loose');
    const wantStrict = reference(doc.schema, 'strict');
    const base = exampleObject(doc.schema) as { transactions: Record<string, unknown> };
    expect([want(base), wantStrict(base)]).toEqual([true, true]);
    const withReason = (value: unknown): unknown => ({ ...base, transactions: { ...base.transactions, reason: value } });

    for (const value of REASONS) {
      const object = withReason(value);
      expect([value, want(object), wantStrict(object)]).toEqual([value, true, true]);
      for (const api of [esm, cjs]) {
        expect([value, api['isPayment'](object), api['isPaymentStrict'](object)]).toEqual([value, true, true]);
        expect(() => api['assertPayment'](object)).not.toThrow();
        expect(() => api['assertPaymentStrict'](object)).not.toThrow();
        expect(api['parsePayment'](JSON.stringify(object))).toEqual(object);
      }
    }
    // Pieces of the joined list and near misses are strings: the default check takes them (an open list),
    // the strict one refuses them with the enum message.
    for (const value of ['C', ',', 'CANCELLED,DISMISS', 'cancelled', 'CANCELLED ']) {
      const object = withReason(value);
      expect([value, want(object), wantStrict(object)]).toEqual([value, true, false]);
      for (const api of [esm, cjs]) {
        expect([value, api['isPayment'](object), api['isPaymentStrict'](object)]).toEqual([value, true, false]);
        expect(() => api['assertPaymentStrict'](object)).toThrow(`transactions.reason: must be one of the allowed values (got ${JSON.stringify(value)})`);
      }
    }
    // Not strings: refused by both.
    for (const value of [null, 7]) {
      const object = withReason(value);
      expect([value, want(object), wantStrict(object)]).toEqual([value, false, false]);
      for (const api of [esm, cjs]) {
        expect([value, api['isPayment'](object), api['isPaymentStrict'](object)]).toEqual([value, false, false]);
        expect(() => api['assertPayment'](object)).toThrow(/^transactions\.reason: must be string/);
      }
    }
  });
});
