// The drift report reads the records back from the canonical schema, by field path.
import { describe, expect, it } from 'vitest';
import { formatReport, reportOf } from '../../generators/report.js';
import { RECONCILE_RULES } from '../../generators/reconcile/reconcile.js';
import type { Reconciliation, SchemaDocument } from '../../generators/types.js';

const rec = (rule: string, page: string, api: string, result: string): Reconciliation => ({ rule, page, api, result, count: 2, evidence: ['a.json GET /p 200 "E"/x'] });

describe('reportOf and formatReport', () => {
  const doc: SchemaDocument = {
    slug: 'payment',
    name: 'Payment',
    source: 'the-payment-object.mdx',
    evidence: { operations: ['a.json GET /p'], examples: 2, placeholders: [{ at: 'lang', where: 'a.json GET /p 200 "E"/lang' }] },
    schema: {
      type: 'object',
      'x-reconciled': [rec('null-for-absent', 'optional fields of a given type', 'null for absent values', '3 more optional fields accept null')],
      properties: {
        email: { type: ['string', 'null'], 'x-reconciled': [rec('nullable', 'string (line 9)', 'null', 'nullable')] },
        transactions: { anyOf: [{ type: 'array', items: { $ref: '#/$defs/PaymentTransactions' } }, { $ref: '#/$defs/PaymentTransactions' }] },
      },
      $defs: {
        PaymentTransactions: { type: 'object', properties: { amount: { type: ['string', 'number'], 'x-reconciled': [rec('type', 'string (line 40)', 'integer (100)', 'string | integer')] } } },
      },
    },
  };

  it('finds the records of fields inside the object\'s own definitions, under the field that refers to them', () => {
    expect(reportOf([doc])[0]!.entries.map((e) => `${e.path} ${e.rule}`)).toEqual([' null-for-absent', 'email nullable', 'transactions.amount type']);
  });

  it('prints them by rule, in the order the rules apply, with the placeholders last', () => {
    expect(formatReport(reportOf([doc]), Object.keys(RECONCILE_RULES)).split('\n')).toEqual([
      'Payment (the-payment-object.mdx)',
      '  evidence: 2 examples from 1 operation',
      '  nullable (1 field)',
      '    email: page: string (line 9); seen: null → nullable (2×, e.g. a.json GET /p 200 "E"/x)',
      '  type (1 field)',
      '    transactions.amount: page: string (line 40); seen: integer (100) → string | integer (2×, e.g. a.json GET /p 200 "E"/x)',
      '  null-for-absent (the object)',
      '    (the object): page: optional fields of a given type; seen: null for absent values → 3 more optional fields accept null (2×, e.g. a.json GET /p 200 "E"/x)',
      '  placeholder values the schema rejects (1)',
      '    lang: a.json GET /p 200 "E"/lang',
      'report: 1 object, 3 reconciled facts, 1 placeholder value',
    ]);
  });

  it('says when a page has no evidence and no disagreement', () => {
    const bare: SchemaDocument = { slug: 'x', name: 'X', source: 'x.md', schema: { type: 'object', properties: {} } };
    expect(formatReport(reportOf([bare]), [])).toBe(
      ["X (x.md)", "  evidence: the page's own examples (no operation returns this object)", '  no disagreement', 'report: 1 object, 0 reconciled facts, 0 placeholder values'].join('\n'),
    );
  });
});
