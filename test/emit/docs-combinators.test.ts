/**
 * Fields whose schema is more than one type word: `anyOf`/`oneOf` (as the reconciliation with the API writes
 * them, and in hand-written schemas), `allOf`, `$ref`s to the object's own `$defs` objects, `minProperties`.
 * Exact text in the Type and Constraints columns of both pages, the sections of definitions and options,
 * their links, and the example object.
 */
import { parseDocument } from 'htmlparser2';
import { describe, expect, test } from 'vitest';
import { buildDocsModel, exampleObject, reconciledLine, type DocsField } from '../../generators/emit/docs-model.js';
import type { JsonSchema, Reconciliation, SchemaDocument } from '../../generators/types.js';
import { docOf, readSchema, renderDocs } from './docs-helpers.js';

const FIELDS_HEADER = '| Name | Type | Required | Constraints | Description | Example |';

const DEFS: Record<string, JsonSchema> = {
  CountryCode: { title: 'CountryCode', type: 'string', enum: ['AR', 'BR', 'CO'] },
  Tx: { type: 'object', minProperties: 1, properties: { amount: { type: ['string', 'integer', 'null'] } } },
};

/** The root field `f` of an object with `schema` as its only field (and the definitions above). */
function fieldOf(schema: JsonSchema): DocsField {
  const doc: SchemaDocument = { slug: 'x', name: 'X', source: 'x.json', schema: { type: 'object', properties: { f: schema }, $defs: DEFS } };
  return buildDocsModel(doc).root.fields[0]!;
}

describe('the Type and Constraints columns of each shape', () => {
  // [what, the field's schema, Type (plain text), Type (Markdown), Constraints]
  const cases: [string, JsonSchema, string, string, string][] = [
    ['a string of 36–64 characters or exactly ""', { anyOf: [{ type: 'string', minLength: 36, maxLength: 64 }, { const: '' }] }, 'string (36–64 characters) or ""', 'string (36–64 characters) or ""', ''],
    ['a nullable string or ""', { anyOf: [{ type: ['string', 'null'], minLength: 36, maxLength: 64 }, { const: '' }] }, 'string (36–64 characters), "", or null', 'string (36–64 characters), "", or null', ''],
    ['a date-time or ""', { anyOf: [{ type: ['string', 'null'], format: 'date-time' }, { const: '' }] }, 'string (date-time), "", or null', 'string (date-time), "", or null', ''],
    ['a nullable $ref', { anyOf: [{ $ref: '#/$defs/CountryCode' }, { type: 'null' }] }, 'CountryCode or null', 'CountryCode or null', 'one of 3 values'],
    ['an array of objects or one of them', { anyOf: [{ type: 'array', items: { $ref: '#/$defs/Tx' } }, { $ref: '#/$defs/Tx' }] }, 'array of Tx, or Tx', 'array of Tx, or Tx', ''],
    ['the object, an array of them, or null', { anyOf: [{ $ref: '#/$defs/Tx' }, { type: 'array', items: { $ref: '#/$defs/Tx' } }, { type: 'null' }] }, 'Tx, array of Tx, or null', 'Tx, array of Tx, or null', ''],
    [
      'a union inside a union, flattened; null last',
      { anyOf: [{ anyOf: [{ $ref: '#/$defs/Tx' }, { type: 'array', items: { $ref: '#/$defs/Tx' } }, { type: 'null' }] }, { const: '' }] },
      'Tx, array of Tx, "", or null',
      'Tx, array of Tx, "", or null',
      '',
    ],
    [
      'an open enum that may be "" (its values listed once)',
      { anyOf: [{ type: ['string', 'null'], enum: ['CHECKOUT', 'DIRECT', null], 'x-openEnum': true }, { const: '' }] },
      'string, "", or null',
      'string, "", or null',
      '3 known values, others may appear',
    ],
    ['an object that is not empty', { type: 'object', minProperties: 1, properties: { a: { type: 'string' } } }, 'object', 'object', 'not empty'],
    ['at least 2 fields', { type: 'object', minProperties: 2 }, 'object', 'object', 'at least 2 fields'],
    ['three types', { type: ['string', 'integer', 'null'] }, 'string, integer, or null', 'string, integer, or null', ''],
    ['conditions of each alternative', { anyOf: [{ type: 'integer', minimum: 1, maximum: 9 }, { type: 'array', items: { type: 'string' }, minItems: 1 }] }, 'integer (1–9) or array of string (at least 1 item)', 'integer (1–9) or array of string (at least 1 item)', ''],
    [
      'oneOf with exclusive bounds and a pattern (escaped in Markdown)',
      { oneOf: [{ type: 'number', exclusiveMinimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] },
      'number (more than 0) or string (pattern ^[0-9]+$)',
      'number (more than 0) or string (pattern ^\\[0-9\\]+$)',
      '',
    ],
    ['allOf merged into one schema', { allOf: [{ type: 'string' }, { maxLength: 5 }, { minLength: 2, maxLength: 8 }] }, 'string', 'string', 'length 2–5'],
    ['allOf that is one $ref', { allOf: [{ $ref: '#/$defs/Tx' }], description: 'The transaction.' }, 'Tx', 'Tx', ''],
    ['allOf whose parts cannot be one schema', { allOf: [{ type: 'integer', multipleOf: 3 }, { type: 'integer', multipleOf: 5 }] }, 'integer (multiple of 3) and integer (multiple of 5)', 'integer (multiple of 3) and integer (multiple of 5)', ''],
    ['items that are one of several types', { type: 'array', items: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'integer' }] } }, 'array of (string (at most 10 characters) or integer)', 'array of (string (at most 10 characters) or integer)', ''],
    ['an enum without a type', { enum: ['a', 'b'] }, 'string', 'string', 'one of 2 values'],
    ['a constant field', { const: 'fixed' }, 'string', 'string', 'always "fixed"'],
    ['an exclusive bound on a field', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }, 'number', 'number', 'more than 0; less than 1'],
    ['no condition at all', { description: 'Anything.' }, 'any', 'any', ''],
  ];
  test.each(cases)('%s', (_what, schema, type, mdType, constraints) => {
    const field = fieldOf(schema);
    expect(field.type).toBe(type);
    expect(field.md.type).toBe(mdType);
    expect(field.constraints).toBe(constraints);
  });

  test('every name of a definition is linked to its section; separators and null are not', () => {
    const parts = (schema: JsonSchema) => fieldOf(schema).typeParts.map((p) => [p.text, p.href]);
    expect(parts({ anyOf: [{ type: 'array', items: { $ref: '#/$defs/Tx' } }, { $ref: '#/$defs/Tx' }] })).toEqual([
      ['array of ', ''],
      ['Tx', '#def-tx'],
      [', or ', ''],
      ['Tx', '#def-tx'],
    ]);
    expect(parts({ anyOf: [{ $ref: '#/$defs/CountryCode' }, { type: 'null' }] })).toEqual([['CountryCode', '#def-countrycode'], [' or null', '']]);
    expect(parts({ type: ['object', 'null'], properties: { a: { type: 'string' } } })).toEqual([['object', '#section-f'], [' or null', '']]);
    expect(parts({ anyOf: [{ type: ['string', 'null'], enum: ['A', null], 'x-openEnum': true }, { const: '' }] })).toEqual([['string, "", or null', '']]);
    // The values link from the Constraints column, as for a field of one type.
    const open = fieldOf({ anyOf: [{ type: ['string', 'null'], enum: ['A', null], 'x-openEnum': true }, { const: '' }] });
    expect(open.constraintParts).toEqual([{ text: '2 known values, others may appear', href: '#field-f-values', hasHref: true }]);
  });
});

describe("the Payment's transactions, as the reconciliation with the API writes them", () => {
  const payment = docOf('test/fixtures/docs/payment-reconciled.schema.json', 'payment');
  const records = (path: string[]): Reconciliation[] => {
    let node: JsonSchema = payment.schema;
    for (const key of path) node = (node as Record<string, JsonSchema>)[key]!;
    return node['x-reconciled'] as Reconciliation[];
  };

  test('Markdown: the type of each field, and PaymentTransactions documented once with its nested fields and their Page vs API notes', async () => {
    const { md } = await renderDocs(payment);
    expect(md).toContain(
      [
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        '| `account_id` | string (36–64 characters) or "" | yes |  | The unique identifier of the account (MAX 64; MIN 36). | `9104911d-5df9-429e-8488-ad41abea1a4b` |',
        '| `country` | CountryCode or null | yes | one of 3 values | Country where the transaction must be processed (MAX 2; MIN 2; [ISO 3166-1](https://docs.y.uno/reference/country-reference)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference). |  |',
        '| `transactions` | array of PaymentTransactions, or PaymentTransactions | no |  | Specifies the transaction details associated with a payment. |  |',
        '| `transactions_history` | array of PaymentTransactionsHistory, PaymentTransactionsHistory, or null | no |  | The list of the transactions that are part of a payment. It is going to depend on how many providers you have set up in your payment method route. |  |',
        '',
        'Page vs API, where they differ:',
        '',
      ].join('\n'),
    );
    const [amountType, paymentMethodNonEmpty] = [records(['$defs', 'PaymentTransactions', 'properties', 'amount']), records(['$defs', 'PaymentTransactions', 'properties', 'payment_method'])];
    expect(amountType.map((r) => r.rule)).toEqual(['type']);
    expect(md).toContain(
      [
        '## PaymentTransactions',
        '',
        'Used by `transactions`.',
        '',
        'Constraints: not empty.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        '| `id` | string (36–64 characters), "", or null | no |  | The unique identifier of the transaction (MAX 64; MIN 36). | `7bf8f1f6-4081-41ec-a024-a927056e00ab` |',
        '| `amount` | string, integer, or null | no |  | The amount of the transaction. | `100` |',
        '| `payment_method` | object or null | no | not empty | Specifies the payment method details used in the transaction. |  |',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        'Page vs API, where they differ:',
        '',
        `- \`amount\`: ${reconciledLine(amountType[0]!).md}`,
        `- \`payment_method\`: ${reconciledLine(paymentMethodNonEmpty[0]!).md}`,
      ].join('\n'),
    );
    expect(reconciledLine(amountType[0]!).md).toMatch(/^page: string \(line 2965\) · API: integer \(100\) → string \\\| integer \(rule `type`, 68 examples, e\.g\. .*\/transactions\/amount;/);
    // The nested object of the definition has its own section under it, with its fields' notes.
    expect(md).toContain(
      [
        '### `PaymentTransactions.payment_method`',
        '',
        'Specifies the payment method details used in the transaction.',
        '',
        'Constraints: not empty.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        '| `vaulted_token` | string (36–64 characters), "", or null | no |  | The vaulted token for a previously stored payment\\_method. If a payment is created using a vaulted\\_token, it is not necessary to send a token as well, it can be defined as null (MAX: 64; MIN: 36). | `8604911d-5ds9-229e-8468-bd41abear14s` |',
      ].join('\n'),
    );
    expect(md).toContain(`- \`vaulted_token\`: ${reconciledLine(records(['$defs', 'PaymentTransactions', 'properties', 'payment_method', 'properties', 'vaulted_token'])[0]!).md}`);
    // Documented once, however many alternatives name it.
    expect(md.split('## PaymentTransactions\n')).toHaveLength(2);
    // A definition's own records (the object as a whole) are listed in its section.
    expect(md).toContain(
      [
        '## PaymentTransactionsHistory',
        '',
        'Used by `transactions_history`.',
        '',
        'Constraints: not empty.',
        '',
        'Page vs API, for the object as a whole:',
        '',
        `- ${reconciledLine(records(['$defs', 'PaymentTransactionsHistory'])[0]!).md}`,
        '',
        FIELDS_HEADER,
      ].join('\n'),
    );
    // Object definitions come before the lists of values, and the order is the order of first use.
    expect([...md.matchAll(/^## (.*)$/gm)].map((m) => m[1])).toEqual(['Fields', 'PaymentTransactions', 'PaymentTransactionsHistory', 'CountryCode', 'Example']);
  });

  test('HTML: the names link to the definition, which links back to its fields and lists its nested fields in the contents', async () => {
    const { html } = await renderDocs(payment);
    expect(html).toContain(
      [
        '<tr id="field-transactions">',
        '<td class="name"><a href="#field-transactions"><code>transactions</code></a></td>',
        '<td class="type">array of <a href="#def-paymenttransactions">PaymentTransactions</a>, or <a href="#def-paymenttransactions">PaymentTransactions</a></td>',
      ].join('\n'),
    );
    expect(html).toContain('<td class="type">string (36–64 characters) or &quot;&quot;</td>');
    expect(html).toContain('<td class="type"><a href="#def-countrycode">CountryCode</a> or null</td>');
    expect(html).toContain(
      [
        '<section class="definition" aria-labelledby="def-paymenttransactions">',
        '<h2 id="def-paymenttransactions">PaymentTransactions</h2>',
        '<p class="of">Used by <a href="#field-transactions"><code>transactions</code></a>.</p>',
        '<p class="constraints">Constraints: not empty.</p>',
        '<div class="table-wrap">',
        '<table class="fields">',
      ].join('\n'),
    );
    expect(html).toContain(
      [
        '<tr id="field-paymenttransactions-amount">',
        '<td class="name"><a href="#field-paymenttransactions-amount"><code>amount</code></a></td>',
        '<td class="type">string, integer, or null</td>',
        '<td class="required">no</td>',
        '<td class="constraints"></td>',
        `<td class="description">The amount of the transaction.<div class="reconciled"><p class="vs">Page vs API</p><ul><li>${reconciledLine(records(['$defs', 'PaymentTransactions', 'properties', 'amount'])[0]!).html}</li></ul></div></td>`,
      ].join('\n'),
    );
    expect(html).toContain(
      [
        '<section class="nested" aria-labelledby="section-paymenttransactions-payment_method">',
        '<h3 id="section-paymenttransactions-payment_method"><code>PaymentTransactions.payment_method</code></h3>',
        '<p class="of">The object in <a href="#field-paymenttransactions-payment_method">this field</a>.</p>',
      ].join('\n'),
    );
    expect(html).toContain(
      [
        '<li><a href="#def-paymenttransactions">PaymentTransactions</a>',
        '<ul>',
        '<li><a href="#section-paymenttransactions-payment_method"><code>PaymentTransactions.payment_method</code></a></li>',
        '</ul>',
        '</li>',
        '<li><a href="#def-paymenttransactionshistory">PaymentTransactionsHistory</a></li>',
        '<li><a href="#def-countrycode">CountryCode</a></li>',
      ].join('\n'),
    );
    expect(html).toContain(
      '<div class="reconciled"><p class="vs">Page vs API, for the object as a whole</p><ul>' +
        `<li>${reconciledLine(records(['$defs', 'PaymentTransactionsHistory'])[0]!).html}</li></ul></div>`,
    );
  });

  test('the example object shows a transaction with its fields', () => {
    const example = exampleObject(payment.schema) as Record<string, unknown>;
    expect(Object.keys(example.transactions as object)).toEqual(['id', 'amount', 'payment_method', 'reason', 'created_at', 'three_d_secure_action_required']);
    expect(example.account_id).toBe('9104911d-5df9-429e-8488-ad41abea1a4b');
    expect(example.country).toBe('AR');
  });
});

describe('allOf, oneOf and anyOf in a hand-written schema', () => {
  const doc = docOf('test/fixtures/docs/combinators.schema.json', 'test-checkout');

  test('Markdown: the root table, options listed as sections, allOf merged into one table, definitions once', async () => {
    const { md } = await renderDocs(doc);
    expect(md).toContain(
      [
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        '| `payment_method` | Card or Bank transfer | yes |  | How it was paid. |  |',
        '| `shipping` | object (option 1), object (option 2), or null | no |  | Delivered by a carrier or picked up. |  |',
        '| `customer` | object | yes |  | The customer: a person, and whether they are a VIP. |  |',
        '| `billing` | Person | no |  | Who pays. |  |',
        '| `lucky_number` | integer (multiple of 3) and integer (multiple of 5) | no |  | A multiple of 3 and of 5. |  |',
        '| `tags` | array of (string (at most 10 characters) or integer (at least 0)) | no |  | Short words or counts. |  |',
        '| `amount` | number (more than 0) or string (pattern ^\\[0-9\\]+(\\\\.\\[0-9\\]+)?$) | no |  | A number, or a decimal string. | `12.5` |',
        '| `extras` | object | no | not empty | Anything else, at least one entry. |  |',
        '| `tree` | Node | no |  | A tree of labels. |  |',
        '',
        '### `payment_method` (Card)',
        '',
        'One of the forms of the field.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        "| `card_number` | string | yes | length 8–19 | The card's number. |  |",
        '| `holder` | string | no |  | The card holder. |  |',
        '',
        '### `payment_method` (Bank transfer)',
        '',
        'One of the forms of the field.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        "| `iban` | string | yes | pattern ^\\[A-Z\\]{2}\\[0-9\\]{2} | The account's IBAN. |  |",
        '',
        '### `shipping` (option 1)',
        '',
        'One of the forms of the field.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        '| `carrier` | string | yes |  | Who delivers it. |  |',
        '',
        '### `shipping` (option 2)',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '### `customer`',
        '',
        'The customer: a person, and whether they are a VIP.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        "| `name` | string | yes | min length 1 | The person's name. |  |",
        '| `email` | string (email) | no |  | Where to write. |  |',
        '| `vip` | boolean | yes |  | A VIP customer. |  |',
        '',
        '### `extras`',
        '',
        'Anything else, at least one entry.',
        '',
        'Constraints: not empty.',
        '',
      ].join('\n'),
    );
    expect(md).toContain(
      [
        '## Person',
        '',
        'A person.',
        '',
        'Used by `billing`.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        "| `name` | string | yes | min length 1 | The person's name. |  |",
        '| `email` | string (email) | no |  | Where to write. |  |',
        '',
        '## Node',
        '',
        'One node of a tree.',
        '',
        'Used by `tree`, `Node.children`.',
        '',
        FIELDS_HEADER,
        '| --- | --- | --- | --- | --- | --- |',
        "| `label` | string | yes |  | The node's label. |  |",
        '| `children` | array of Node | no |  | The nodes below it. |  |',
        '',
        '## Example',
      ].join('\n'),
    );
  });

  test('HTML: each option links to its section, which links back to the field; a recursive definition links to itself', async () => {
    const { html } = await renderDocs(doc);
    expect(html).toContain('<td class="type"><a href="#section-payment_method-card">Card</a> or <a href="#section-payment_method-bank-transfer">Bank transfer</a></td>');
    expect(html).toContain('<td class="type"><a href="#section-shipping-option-1">object (option 1)</a>, <a href="#section-shipping-option-2">object (option 2)</a>, or null</td>');
    expect(html).toContain(
      [
        '<section class="nested" aria-labelledby="section-payment_method-bank-transfer">',
        '<h3 id="section-payment_method-bank-transfer"><code>payment_method</code> (Bank transfer)</h3>',
        '<p class="of">One of the forms of <a href="#field-payment_method">this field</a>.</p>',
      ].join('\n'),
    );
    expect(html).toContain('<li><a href="#section-payment_method-card"><code>payment_method (Card)</code></a></li>');
    expect(html).toContain('<p class="of">Used by <a href="#field-tree"><code>tree</code></a>, <a href="#field-node-children"><code>Node.children</code></a>.</p>');
    expect(html).toContain('<td class="type">array of <a href="#def-node">Node</a></td>');
    expect(html).toContain('<p class="constraints">Constraints: not empty.</p>');
  });

  test('the example object takes one form of each union, merges allOf, and stops at recursion', () => {
    expect(exampleObject(readSchema('test/fixtures/docs/combinators.schema.json'))).toEqual({
      payment_method: { card_number: 'xxxxxxxx', holder: 'x' },
      shipping: { carrier: 'x' },
      customer: { name: 'x', email: 'user@example.com', vip: true },
      billing: { name: 'x', email: 'user@example.com' },
      lucky_number: 0,
      tags: ['x'],
      // The page's example, which exactly one alternative of the oneOf accepts.
      amount: 12.5,
      extras: { note: 'x' },
      tree: { label: 'x', children: [] },
    });
  });
});

describe('definitions that include themselves', () => {
  const schema: JsonSchema = {
    title: 'Rec',
    type: 'object',
    properties: {
      tree: { allOf: [{ $ref: '#/$defs/Tree' }, { description: 'Root.' }] },
      u: { $ref: '#/$defs/U', description: 'Self-including union.' },
      v: { anyOf: [{ $ref: '#/$defs/U' }, { type: 'null' }] },
      w: { type: 'array', items: { $ref: '#/$defs/U' } },
      a: { $ref: '#/$defs/A' },
    },
    $defs: {
      Tree: {
        type: 'object',
        description: 'A tree.',
        properties: { label: { type: 'string' }, child: { allOf: [{ $ref: '#/$defs/Tree' }, { description: 'The child.' }] } },
      },
      U: { anyOf: [{ $ref: '#/$defs/U' }, { $ref: '#/$defs/U' }, { type: 'string' }, { anyOf: [{ $ref: '#/$defs/U' }, { type: 'integer' }], description: 'inner' }] },
      A: { allOf: [{ $ref: '#/$defs/A' }] },
    },
  };

  test('are written out once and then named (through allOf, unions and items); the example stops there', async () => {
    const { md } = await renderDocs({ slug: 'rec', name: 'Rec', source: 'rec.json', schema });
    expect(md).toContain(
      [
        '| `tree` | object | no |  | Root. |  |',
        '| `u` | U, string, or integer | no |  | Self-including union. |  |',
        '| `v` | U, string, integer, or null | no |  |  |  |',
        '| `w` | array of (U, string, or integer) | no |  |  |  |',
        '| `a` | A | no |  |  |  |',
      ].join('\n'),
    );
    expect(md).toContain(['### `tree`', '', 'Root.', '', FIELDS_HEADER, '| --- | --- | --- | --- | --- | --- |', '| `label` | string | no |  |  |  |', '| `child` | Tree | no |  | The child. |  |'].join('\n'));
    expect(md).toContain(['## Tree', '', 'A tree.', '', 'Used by `tree.child`, `Tree.child`.'].join('\n'));
    expect(exampleObject(schema)).toEqual({ tree: { label: 'x' }, u: 'x', v: 'x', w: ['x'], a: null });
  });
});

describe('names from the schema in the new places are escaped', () => {
  const schema: JsonSchema = {
    title: 'Titles',
    type: 'object',
    properties: {
      pay: {
        oneOf: [
          { title: '<script>window.__pwned=1</script> | `x`\nnext', type: 'object', properties: { a: { type: 'string' } } },
          { title: '*star* [l](javascript:alert(1))', type: 'object', properties: { b: { type: 'string' } } },
        ],
      },
      c: { anyOf: [{ const: '<b>|`' }, { type: 'null' }] },
    },
  };

  test('Markdown: text only, one cell per column; HTML: no element or link from them', async () => {
    const { md, html } = await renderDocs({ slug: 'titles', name: 'Titles', source: 't.json', schema });
    expect(md).toContain(
      '| `pay` | &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; \\| \\`x\\` next or \\*star\\* \\[l\\](javascript:alert(1)) | no |  |  |  |',
    );
    expect(md).toContain('### `pay` (&lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; \\| \\`x\\` next)');
    expect(md).toContain('| `c` | "&lt;b&gt;\\|\\`" or null | no |  |  |  |');
    expect(html).toContain(
      '<td class="type"><a href="#section-pay-script-window-__pwned-1-script-x-next">&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt; | &#x60;x&#x60; next</a> or ' +
        '<a href="#section-pay-star-l-javascript-alert-1">*star* [l](javascript:alert(1))</a></td>',
    );
    expect(html).toContain('<td class="type">&quot;&lt;b&gt;|&#x60;&quot; or null</td>');
    const names: string[] = [];
    const walk = (node: { name?: string; attribs?: Record<string, string>; children?: unknown[] }): void => {
      if (node.name !== undefined) names.push(node.name);
      if (node.attribs?.href !== undefined) expect(node.attribs.href.startsWith('#')).toBe(true);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(parseDocument(html) as never);
    expect(names).not.toContain('script');
    expect(names).not.toContain('b');
  });
});
