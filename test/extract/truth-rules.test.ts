// Extractor rules found on real pages (issue 11): each a table of cases drawn from the pages in
// ../shared/yuno-pages (Mintlify and ReadMe), asserting exact schemas.
import { describe, expect, it } from 'vitest';
import { saysNullable } from '../../generators/rules/nullable.js';
import { numericBounds } from '../../generators/rules/constraints.js';
import { standsAsList } from '../../generators/rules/enums.js';
import { isExternalStandard } from '../../generators/schema.js';
import { extractText, schemaOfField } from './helpers.js';

describe('rule: inline code inside a sentence is no value list', () => {
  const cases: [string, string, unknown][] = [
    // the-payment-object.mdx line 236: every Payment page turned this into "DIRECT" | "REDIRECT".
    ['a preposition leads into it', 'Payment method type. Mandatory for <code>DIRECT</code> or <code>REDIRECT</code> workflow. Required when integrating wallets.', undefined],
    ['prose goes on after it', 'Use <code>CARD</code> or <code>PIX</code> tokens when the customer pays.', undefined],
    ['the run ends its sentence', 'Beneficiary’s bank account type: <code>CHECKINGS</code> or <code>SAVINGS</code>.', ['CHECKINGS', 'SAVINGS']],
    ['the run ends the description', 'The type: <code>A</code>, <code>B</code> or <code>C</code>', ['A', 'B', 'C']],
  ];
  it.each(cases)('%s', async (_name, html, want) => {
    const schema = await schemaOfField(`<p><strong><code>type</code></strong> <small>enum</small><br/>${html}</p>`);
    expect(schema.enum).toEqual(want);
  });

  it('standsAsList reads the text around the run', () => {
    const text = 'Mandatory for `DIRECT` or `REDIRECT` workflow.';
    const at = text.indexOf('`DIRECT`');
    expect(standsAsList(text, at, '`DIRECT` or `REDIRECT`'.length)).toBe(false);
    const list = 'Account type: `CHECKINGS` or `SAVINGS`.';
    expect(standsAsList(list, list.indexOf('`'), '`CHECKINGS` or `SAVINGS`'.length)).toBe(true);
  });

  it('payment_method.type on the real Payment page is an open string, not "DIRECT" | "REDIRECT"', async () => {
    const { readFileSync } = await import('node:fs');
    const { corpus } = await import('./helpers.js');
    const doc = await extractText(readFileSync(`${corpus}/mintlify/the-payment-object.mdx`, 'utf8'), 'the-payment-object.mdx');
    const type = doc.schema.properties!['payment_method']!.properties!['type']!;
    expect(type.enum).toBeUndefined();
    expect(type.type).toBe('string');
  });
});

describe('rule: nullable prose', () => {
  const cases: [string, boolean][] = [
    ['it can be set as null (MAX: 64; MIN: 36).', true],
    ['`null` if no receipt is available yet.', true],
    ['How long the phase lasts, as `type` and `value`. `null` on the `REGULAR` phase.', true],
    ['The plan change scheduled for the next billing cycle, or `null` when none is pending.', true],
    ['This field can also be `null`, including in some successful-authentication cases.', true],
    ['If null the start date will be the day of the creation.', true],
    ['absent (not `null`) for subscriptions created with a raw amount.', false],
    ['This value is never null.', false],
    ['A non-null identifier.', false],
    ['The nullification date of the contract.', false],
    ['The customer email.', false],
  ];
  it.each(cases)('%j → %s', (text, want) => {
    expect(saysNullable(text)).toBe(want);
  });

  it('makes the field nullable; an override with nullable false wins', async () => {
    const entry = '<p><strong><code>receipt_url</code></strong> <small>string</small><br/>URL of the receipt. <code>null</code> if no receipt is available yet.</p>';
    expect((await schemaOfField(entry)).type).toEqual(['string', 'null']);
    const page = `---\ntitle: The Test Object\n---\nThe test object.\n\n<HTMLBlock>{\`\n<div class="yuno">\n${entry}\n</div>\n\`}</HTMLBlock>\n`;
    const doc = await extractText(page, 'test-page.md', JSON.stringify({ fields: { receipt_url: { nullable: false } } }));
    expect(doc.schema.properties!['receipt_url']!.type).toBe('string');
  });
});

describe('rule: numeric bounds are values or digits', () => {
  const cases: [string, string, number | undefined, number | undefined, unknown, 'values' | 'digits'][] = [
    ['quantity: a MAX no number of digits reaches', 'The quantity of the item (MAX 999; MIN 1).', 999, 1, 1, 'values'],
    ['a length: the example fits the values only', "The length of the card's number (MAX 19; MIN 8).", 19, 8, 16, 'values'],
    ['expiration month: the example fits the digits only', 'The expiration month of the card (MAX 2; MIN 2).', 2, 2, 12, 'digits'],
    ['installments: a count', 'The card installments (MAX 50; MIN 1).', 50, 1, 3, 'values'],
    ['both fit, nothing counted: digits (documentation only)', 'The code (MAX 4; MIN 1).', 4, 1, 2, 'digits'],
    ['the example fits the values only, nothing counted', 'The code (MAX 4; MIN 3).', 4, 3, 3, 'values'],
    ['no example, a count', 'Number of days before the next billing date (MAX 30; MIN 1).', 30, 1, undefined, 'values'],
    ['no example, no count', 'The year of the card (MAX 4; MIN 2).', 4, 2, undefined, 'digits'],
    ['no bounds', 'The amount.', undefined, undefined, 3, 'digits'],
  ];
  it.each(cases)('%s', (_name, text, max, min, example, want) => {
    expect(numericBounds(text, max, min, example)).toBe(want);
  });

  it('puts values in minimum/maximum and digits in x-maxDigits/x-minDigits', async () => {
    expect(await schemaOfField('<p><strong><code>quantity</code></strong> <small>int</small><br/>The quantity of the item (MAX 999; MIN 1).<br/>Example: 1</p>')).toEqual({
      type: 'integer',
      minimum: 1,
      maximum: 999,
      description: 'The quantity of the item (MAX 999; MIN 1).',
      examples: [1],
    });
    expect(await schemaOfField('<p><strong><code>expiration_month</code></strong> <small>integer</small><br/>The expiration month (MAX 2; MIN 2).<br/>Example: 12</p>')).toEqual({
      type: 'integer',
      description: 'The expiration month (MAX 2; MIN 2).',
      examples: [12],
      'x-maxDigits': 2,
      'x-minDigits': 2,
    });
  });
});

describe('rule: open enums', () => {
  const cases: [string, boolean][] = [
    ['The currency of the payment (MAX 3; MIN 3; ISO 4217).', true],
    ['Country code (ISO 3166-1 alpha-2).', true],
    ['Language (ISO 639-1).', true],
    ['The status of the payment.', false],
  ];
  it.each(cases)('%j is an external standard: %s', (text, want) => {
    expect(isExternalStandard(text)).toBe(want);
  });

  it('a list Yuno defines is open; a list of an external standard is closed', async () => {
    const status = await schemaOfField('<p><strong><code>status</code></strong> <small>enum</small><br/>The status. Possible values: <code>ACTIVE</code>, <code>PAUSED</code></p>');
    expect(status).toEqual({ type: 'string', enum: ['ACTIVE', 'PAUSED'], 'x-openEnum': true, description: 'The status. Possible values: `ACTIVE`, `PAUSED`' });
    const currency = await schemaOfField('<p><strong><code>currency</code></strong> <small>enum</small><br/>The currency (ISO 4217). Possible values: <code>USD</code>, <code>COP</code></p>');
    expect(currency['x-openEnum']).toBeUndefined();
    expect(currency.enum).toEqual(['USD', 'COP']);
  });
});

describe('rule: the page example is evidence', () => {
  it('a bound the page example breaks is widened and recorded, not dropped without a word', async () => {
    // the-payment-object.mdx: first_name "(MAX 32, MIN 8) Example: John".
    const schema = await schemaOfField('<p><strong><code>first_name</code></strong> <small>string</small><br/>The first name (MAX 32, MIN 8).<br/>Example: John</p>');
    expect(schema).toEqual({
      type: 'string',
      minLength: 4,
      maxLength: 32,
      description: 'The first name (MAX 32, MIN 8).',
      examples: ['John'],
      'x-reconciled': [
        { rule: 'bounds', page: 'MIN 8 (line 9)', api: '"John" (4 characters)', result: 'minLength 4', count: 1, evidence: ['test-page.md line 9 (the page\'s example)'] },
      ],
    });
  });

  it('the overrides file can refuse it: the bound stays and the example is dropped', async () => {
    const entry = '<p><strong><code>first_name</code></strong> <small>string</small><br/>The first name (MAX 32, MIN 8).<br/>Example: John</p>';
    const page = `---\ntitle: The Test Object\n---\nThe test object.\n\n<HTMLBlock>{\`\n<div class="yuno">\n${entry}\n</div>\n\`}</HTMLBlock>\n`;
    const doc = await extractText(page, 'test-page.md', JSON.stringify({ fields: { first_name: { refuse: ['bounds'] } } }));
    expect(doc.schema.properties!['first_name']).toEqual({ type: 'string', minLength: 8, maxLength: 32, description: 'The first name (MAX 32, MIN 8).' });
  });

  it('an unknown rule in refuse is an error naming the rules', async () => {
    const page = `---\ntitle: The Test Object\n---\nThe test object.\n\n<HTMLBlock>{\`\n<div class="yuno">\n<p><strong><code>a</code></strong> <small>string</small><br/>A.</p>\n</div>\n\`}</HTMLBlock>\n`;
    await expect(extractText(page, 'test-page.md', JSON.stringify({ fields: { a: { refuse: ['nulls'] } } }))).rejects.toThrow(
      'test-page.overrides.json (/fields/a/refuse/0): unknown reconciliation rule "nulls"; the rules are placeholder, nullable, type, array-or-object, code-list, empty-string, bounds, format, enum-values, api-field, timestamp-lengths, null-for-absent, empty-for-absent, required, non-empty',
    );
  });
});
