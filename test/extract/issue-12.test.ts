// Issue 12, extraction: one-line <ParamField>s, parameter locations, errors that name the real cause and its line,
// object pages written as a Markdown table, and two rough edges of Mintlify pages ("optional " in descriptions,
// "(empty string …)" taken as an example). Each case failed before its fix.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../../generators/types.js';
import { corpus, extractText, messageOf } from './helpers.js';

const mdx = (body: string, title = 'Create Widget'): string => `---\ntitle: "${title}"\n---\n\nCreates a widget.\n\n${body}\n`;

describe('one-line <ParamField>s are read like multi-line ones', () => {
  // Before: every one-line field sat in a Markdown paragraph and was dropped; `size` became an object without
  // properties, and the child's "Max 512 characters" became `maxItems: 512` on `notes`.
  const page = mdx(`<ParamField body="name" type="string" required>The widget name (MAX 80; MIN 1).</ParamField>
<ParamField body="size" type="object">The size.<Expandable title="properties"><ParamField body="width" type="integer">Width in mm.</ParamField><ParamField body="unit" type="string">Unit. Possible values: \`MM\`, \`CM\`.</ParamField></Expandable></ParamField>
<ResponseField name="state" type="enum">State. Possible values: \`NEW\`, \`OLD\`.</ResponseField>

<ParamField body="notes" type="array of objects">
  Notes on the widget (MAX 10).

  <Expandable title="note">
    <ParamField body="text" type="string">The note, Max 512 characters.</ParamField>
    <ParamField body="author" type="string" />
  </Expandable>
</ParamField>`);

  it('top level, nested in <Expandable> on the same line, and one per line inside a multi-line parent', async () => {
    const doc = await extractText(page, 'widget.mdx');
    expect(doc.schema.description).toBe('Creates a widget.');
    expect(doc.schema.required).toEqual(['name']);
    expect(doc.schema.properties).toEqual({
      name: { description: 'The widget name (MAX 80; MIN 1).', type: 'string', minLength: 1, maxLength: 80 },
      size: {
        description: 'The size.',
        type: 'object',
        properties: {
          width: { description: 'Width in mm.', type: 'integer' },
          unit: { description: 'Unit. Possible values: `MM`, `CM`.', type: 'string', enum: ['MM', 'CM'], 'x-openEnum': true },
        },
      },
      state: { description: 'State. Possible values: `NEW`, `OLD`.', type: 'string', enum: ['NEW', 'OLD'], 'x-openEnum': true },
      notes: {
        description: 'Notes on the widget (MAX 10).',
        type: 'array',
        maxItems: 10,
        items: {
          type: 'object',
          properties: {
            text: { description: 'The note, Max 512 characters.', type: 'string', maxLength: 512 },
            author: { type: 'string' },
          },
        },
      },
    });
  });

  it('one-line fields as the items of a Markdown list are fields, not enum values', async () => {
    const doc = await extractText(
      mdx('<ParamField body="size" type="object">\n  The size.\n\n  - <ParamField body="width" type="integer">Width.</ParamField>\n  - <ParamField body="unit" type="string">Unit.</ParamField>\n</ParamField>'),
      'widget.mdx',
    );
    expect(doc.schema.properties).toEqual({
      size: { description: 'The size.', type: 'object', properties: { width: { description: 'Width.', type: 'integer' }, unit: { description: 'Unit.', type: 'string' } } },
    });
  });

  it('the lines of one-line fields point at their own lines', async () => {
    const text = mdx('<ParamField body="a" type="string">A.</ParamField>\n<ParamField body="b" type="strnig">B.</ParamField>');
    expect(await messageOf(extractText(text, 'lines.mdx'))).toMatch(/^lines\.mdx \(b, line 8\): unknown type word "strnig"; /);
  });

  // Every real Mintlify page with its one-paragraph leaf fields rewritten on one line (paragraphs joined by
  // <br/>) gives the schema of the page as published, but for the line numbers the records cite.
  const mintlify: [string, number][] = [
    ['the-customer-object.mdx', 32],
    ['the-checkout-session-object.mdx', 14],
    ['the-payout-object.mdx', 70],
    ['the-subscription-object.mdx', 72],
    ['the-payment-link-object.mdx', 112],
    ['the-recipient-object.mdx', 67],
  ];
  it.each(mintlify)('mintlify/%s with its %i one-paragraph leaf fields on one line', async (file, count) => {
    const original = readFileSync(join(corpus, 'mintlify', file), 'utf8');
    const { text, collapsed } = oneLineLeaves(original);
    expect(collapsed).toBe(count);
    const withoutLines = (s: JsonSchema): string => JSON.stringify(s).replace(/line \d+/g, 'line N');
    const want = await extractText(original, file);
    const got = await extractText(text, file);
    expect(withoutLines(got.schema)).toBe(withoutLines(want.schema));
  });
});

/**
 * Rewrite each leaf `<ParamField …>` whose content is only plain paragraphs as one line:
 * `<ParamField …>first paragraph<br/>second paragraph</ParamField>`. Fields holding lists, code, tables or
 * other components stay as they are.
 */
function oneLineLeaves(text: string): { text: string; collapsed: number } {
  const lines = text.split('\n');
  const out: string[] = [];
  let collapsed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const open = line.trimStart();
    const close = lines.findIndex((l, k) => k > i && l.trim() === '</ParamField>');
    const inner = close < 0 ? [] : lines.slice(i + 1, close);
    const plain = inner.every((l) => !/^\s*(?:[-*<|`>]|\d+\.)/.test(l));
    if (open.startsWith('<ParamField ') && open.endsWith('>') && !open.endsWith('/>') && close > 0 && plain) {
      const paragraphs = inner.join('\n').split(/\n\s*\n/).map((p) => p.trim().replace(/\s*\n\s*/g, ' ')).filter(Boolean);
      out.push(`${line}${paragraphs.join('<br/>')}</ParamField>`);
      for (let k = i + 1; k <= close; k++) out.push(''); // keep the other fields on their lines
      collapsed++;
      i = close;
      continue;
    }
    out.push(line);
  }
  return { text: out.join('\n'), collapsed };
}

describe('header, path and query parameters are no fields of the object', () => {
  const params = `<ParamField header="X-Idempotency-Key" type="string" required>Unique key for safe retries.</ParamField>
<ParamField path="widget_id" type="string" required>
  The widget.
</ParamField>
<ParamField query="expand" type="string">Related objects to expand.</ParamField>`;

  it('are left out of the body object (before: merged into it, the path parameter required)', async () => {
    const doc = await extractText(mdx(`${params}\n\n<ParamField body="name" type="string" required={true}>The name.</ParamField>\n<ParamField body="tag" type="string" required={false}>A tag.</ParamField>`), 'widget.mdx');
    expect(doc.schema.properties).toEqual({
      name: { description: 'The name.', type: 'string' },
      tag: { description: 'A tag.', type: 'string' },
    });
    expect(doc.schema.required).toEqual(['name']);
  });

  it('a page with nothing but such parameters is an error naming them', async () => {
    expect(await messageOf(extractText(mdx(params, 'Retrieve Widget'), 'retrieve-widget.mdx'))).toBe(
      'retrieve-widget.mdx (line 7): the page has only header, path and query parameters (header X-Idempotency-Key, path widget_id, query expand), which are not fields of an object; an object page lists its fields as <ParamField body="…"> or <ResponseField name="…">',
    );
  });
});

describe('errors name the real cause and its line (real pages, mutated)', () => {
  const page = (file: string): string => readFileSync(join(corpus, file), 'utf8');

  it('a stray backtick in the HTML of an <HTMLBlock> (before: "not terminated" at the opening line)', async () => {
    const text = page('the-checkout-session-object.md').replace('The payment amount (multiple', 'The `payment` amount (multiple');
    expect(await messageOf(extractText(text, 'the-checkout-session-object.md'))).toBe(
      'the-checkout-session-object.md (line 89): 2 backticks (`) in the HTML end the template literal of the <HTMLBlock> opened on line 28 early; escape each as \\` (a backslash before it)',
    );
    const one = page('the-customer-session-object.md').replace("The customer's country", "The customer`s country");
    expect(await messageOf(extractText(one, 'the-customer-session-object.md'))).toBe(
      'the-customer-session-object.md (line 37): a backtick (`) in the HTML ends the template literal of the <HTMLBlock> opened on line 19 early; escape it as \\` (a backslash before it)',
    );
  });

  it('a tag missing its "<" (before: duplicate field "amount", on another line)', async () => {
    const lines = page('the-subscription-object.md').split('\n');
    expect(lines[347]).toBe('  <details class="yuno">');
    lines[347] = '  details class="yuno">';
    expect(await messageOf(extractText(lines.join('\n'), 'the-subscription-object.md'))).toBe(
      'the-subscription-object.md (line 348): the tag `details class="yuno">` has lost its "<", so the HTML around it is read as text; write `<details class="yuno">`',
    );
    const closing = page('the-customer-session-object.md').replace('Example: www.your-url.com  </small>', 'Example: www.your-url.com  /small>');
    expect(await messageOf(extractText(closing, 'the-customer-session-object.md'))).toBe(
      'the-customer-session-object.md (line 45): the tag `/small>` has lost its "<", so the HTML around it is read as text; write `</small>`',
    );
  });

  it('field names without <code> (before: "a <details> entry has no <summary> heading", leaf fields silently gone)', async () => {
    // `amount` (an object, line 80), `amount.value` (line 88) and `metadata[].value` (line 111).
    const text = page('the-checkout-session-object.md').replaceAll('<strong><code>amount</code></strong>', '<strong>amount</strong>').replaceAll('<strong><code>value</code></strong>', '<strong>value</strong>');
    expect(await messageOf(extractText(text, 'the-checkout-session-object.md'))).toBe(
      [
        'the-checkout-session-object.md (line 80): the field name "amount" is not in <code>…</code>, so it is not read as a field; write <strong><code>amount</code></strong>',
        'the-checkout-session-object.md (line 88): the field name "value" is not in <code>…</code>, so it is not read as a field; write <strong><code>value</code></strong>',
        'the-checkout-session-object.md (line 111): the field name "value" is not in <code>…</code>, so it is not read as a field; write <strong><code>value</code></strong>',
      ].join('\n'),
    );
  });
});

describe('the <HTMLBlock> template literal, read to its `}</HTMLBlock>`', () => {
  const block = (html: string, after = '`}</HTMLBlock>\n'): string => `---\ntitle: The X Object\n---\nIntro.\n\n<HTMLBlock>{\`\n<div class="yuno">\n${html}\n</div>\n${after}`;
  const entry = '<p><strong><code>a</code></strong> <small>string</small><br/>A.</p>';
  const cases: [string, string, string][] = [
    ['escaped backticks are HTML text', block(entry.replace('A.', 'A \\`quoted\\`.')), 'ok: A `quoted`.'],
    ['a stray backtick on one line, a pair on another', block(`${entry.replace('A.', 'A`.')}\n<p><strong><code>b</code></strong> <small>string</small><br/>\`B\`.</p>`),
      ['x.md (line 8): a backtick (`) in the HTML ends the template literal of the <HTMLBlock> opened on line 6 early; escape it as \\` (a backslash before it)',
        'x.md (line 9): 2 backticks (`) in the HTML end the template literal of the <HTMLBlock> opened on line 6 early; escape each as \\` (a backslash before it)'].join('\n')],
    ['${ in the HTML', block(entry.replace('A.', 'A ${1}.')), 'x.md (line 8): the HTML of the <HTMLBlock> opened on line 6 holds `${`, which starts an expression in its template literal; write it as `\\${`'],
    ['no template literal', '---\ntitle: The X Object\n---\n<HTMLBlock>{ html }</HTMLBlock>\n', 'x.md (line 4): the <HTMLBlock> must hold a plain template literal {`…`}; write the HTML between {` and `}'],
    ['an escape a template literal does not allow', block(entry.replace('A.', 'C:\\users\\x.')),
      'x.md (line 6): the HTML of the <HTMLBlock> opened here holds a backslash escape a template literal does not allow (\\u or \\x without hex digits, or a digit after a backslash); write such a backslash as \\\\'],
    ['no `}</HTMLBlock>` at all', block(entry, '`\n'), 'x.md (line 6): the <HTMLBlock> opened here is not terminated with `}</HTMLBlock>; add it after the closing backtick'],
    ['no closing backtick either', block(entry, ''), 'x.md (line 6): the <HTMLBlock> opened here is not terminated: Unterminated template; close it with `}</HTMLBlock>'],
  ];
  it.each(cases)('%s', async (_name, text, want) => {
    const got = await extractText(text, 'x.md').then((d) => `ok: ${d.schema.properties?.a?.description}`, (e: Error) => e.message);
    expect(got).toBe(want);
  });

  it('bold prose before a <small> is no heading', async () => {
    const page = `---\ntitle: The X Object\n---\nIntro.\n\n<HTMLBlock>{\`\n<div class="yuno">\n<p><strong><code>a</code></strong> <small>string</small><br/>A.</p>\n<p><strong>Note:</strong> <small>sent only once.</small></p>\n</div>\n\`}</HTMLBlock>\n`;
    expect((await extractText(page, 'x.md')).schema.properties).toEqual({ a: { description: 'A. Note: sent only once.', type: 'string' } });
  });

  it('a page whose field names all lack <code>: every one is named, with its line', async () => {
    const text = readFileSync(join(corpus, 'the-customer-session-object.md'), 'utf8').replace(/<strong><code>(\w+)<\/code><\/strong>/g, '<strong>$1</strong>');
    expect(await messageOf(extractText(text, 'cs.md'))).toBe(
      [[22, 'customer_session'], [29, 'customer_id'], [36, 'country'], [43, 'callback_url'], [50, 'created_at']]
        .map(([line, name]) => `cs.md (line ${line}): the field name "${name}" is not in <code>…</code>, so it is not read as a field; write <strong><code>${name}</code></strong>`)
        .join('\n'),
    );
  });
});

describe('object pages written as a Markdown table (a fourth format)', () => {
  // The layout of Yuno's Seller page (reference/sellers/the-seller-object.mdx): Field | Type | Description,
  // dotted names for nested fields. Before: "no attribute block found".
  const seller = `---
title: The Seller Object
description: Reference for the Seller object.
---

A seller maps a franchise store to its provider credentials.

## Attributes

| Field | Type | Description |
| :---- | :---- | :---- |
| \`seller_id\` | string (UUID) | Identifier Yuno gives the seller (MAX 64; MIN 36). |
| \`merchant_seller_id\`* | string | Your own identifier for the store (MAX 255; MIN 1). Example: STORE_001 |
| \`name\` (required) | string | Display name (MAX 255). |
| \`phone\` | object | The seller's phone. |
| \`phone.country_code\` | string | Calling code (MAX 3). Example: \`"55"\` |
| \`phone.number\` | string | Number without the country code. |
| \`country\` | enum | The seller's country ([ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1) alpha-2, MAX 2). |
| \`status\` | enum | Possible values: \`ACTIVE\`, \`BLOCKED\`. |
| \`payment_methods\` | array of objects | Provider settings per payment method (MAX 20). |
| \`payment_methods[].type\` | string | Payment method type, e.g. \`CARD\`. |
| \`payment_methods[].merchant_id\` | string \\| null | The provider's merchant id. |
| \`created_at\` | timestamp | Creation date (ISO 8601).<br>Example: 2026-03-13T10:00:00Z |

| Header | Required | Description |
| --- | --- | --- |
| \`X-account-code\` | Yes | The account. |
`;
  const want: Record<string, JsonSchema> = {
    seller_id: { description: 'Identifier Yuno gives the seller (MAX 64; MIN 36).', type: 'string', minLength: 36, maxLength: 64 },
    merchant_seller_id: { description: 'Your own identifier for the store (MAX 255; MIN 1).', type: 'string', minLength: 1, maxLength: 255, examples: ['STORE_001'] },
    name: { description: 'Display name (MAX 255).', type: 'string', maxLength: 255 },
    phone: {
      description: "The seller's phone.",
      type: 'object',
      properties: {
        country_code: { description: 'Calling code (MAX 3).', type: 'string', maxLength: 3, examples: ['55'] },
        number: { description: 'Number without the country code.', type: 'string' },
      },
    },
    country: { $ref: '#/$defs/CountryCode', description: "The seller's country ([ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1) alpha-2, MAX 2)." },
    status: { description: 'Possible values: `ACTIVE`, `BLOCKED`.', type: 'string', enum: ['ACTIVE', 'BLOCKED'], 'x-openEnum': true },
    payment_methods: {
      description: 'Provider settings per payment method (MAX 20).',
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          type: { description: 'Payment method type, e.g. `CARD`.', type: 'string' },
          merchant_id: { description: "The provider's merchant id.", type: ['string', 'null'] },
        },
      },
    },
    created_at: { description: 'Creation date (ISO 8601).', type: 'string', format: 'date-time', examples: ['2026-03-13T10:00:00Z'] },
  };

  it.each(['the-seller-object.md', 'the-seller-object.mdx'])('%s: fields, nesting by dotted names, requiredness, constraints, examples', async (file) => {
    // MDX writes the line break as JSX, `<br/>`; Markdown as HTML, `<br>`.
    const doc = await extractText(file.endsWith('.mdx') ? seller.replace('<br>', '<br/>') : seller, file);
    expect([doc.name, doc.schema.description]).toEqual(['Seller', 'A seller maps a franchise store to its provider credentials.']);
    expect(doc.schema.properties).toEqual(want);
    expect(doc.schema.required).toEqual(['merchant_seller_id', 'name']);
  });

  it('Required, Example and other columns; a table inside a component', async () => {
    const doc = await extractText(
      `---\ntitle: The Widget Object\n---\n\nWidgets.\n\n<Note>\n\n| Name | Type | Required | Example | Notes |\n| --- | --- | --- | --- | --- |\n| id | string | Yes | w_1 | Stable. |\n| size | integer | No | 3 | |\n| mode | string | When paid | | |\n\n</Note>\n`,
      'widget.mdx',
    );
    expect(doc.schema.required).toEqual(['id']);
    expect(doc.schema.properties).toEqual({
      id: { description: 'Notes: Stable.', type: 'string', examples: ['w_1'] },
      size: { type: 'integer', examples: [3] },
      mode: { description: 'Required: When paid', type: 'string' },
    });
  });

  it.each([
    ['Field', 'Type'],
    ['Fields', 'Types'],
    ['Property', 'Data type'],
    ['Properties', 'Type'],
    ['**Attribute**', 'Type'],
    ['Parameter name', 'TYPE'],
    ['Key', 'type'],
  ])('a field table headed %s | %s', async (name, type) => {
    const doc = await extractText(`---\ntitle: The Widget Object\n---\n\n| ${name} | ${type} | Description |\n| --- | --- | --- |\n| \`id\` | string | The id. |\n`, 'widget.md');
    expect(doc.schema.properties).toEqual({ id: { description: 'The id.', type: 'string' } });
  });

  it('a nested row without its parent row, an unknown type word: each named with its line', async () => {
    const text = `---\ntitle: The Widget Object\n---\n\n| Field | Type | Description |\n| --- | --- | --- |\n| \`a.b\` | string | B. |\n| \`c\` | strnig | C. |\n`;
    expect(await messageOf(extractText(text, 'widget.md'))).toBe(
      [
        'widget.md (line 7): the row of "a.b" has no row for "a" above it; add one (type object, or array of objects) before it',
      ].join('\n'),
    );
    const typo = `---\ntitle: The Widget Object\n---\n\n| Field | Type | Description |\n| --- | --- | --- |\n| \`a\` | string | A. |\n| \`c\` | strnig | C. |\n`;
    expect(await messageOf(extractText(typo, 'widget.md'))).toMatch(/^widget\.md \(c, line 8\): unknown type word "strnig"; use one of /);
  });

  it('a page whose tables are no field tables has no attribute block', async () => {
    const text = `---\ntitle: The Widget Object\n---\n\n| Header | Required | Description |\n| --- | --- | --- |\n| \`X-account-code\` | Yes | The account. |\n`;
    expect(await messageOf(extractText(text, 'widget.md'))).toBe(
      'widget.md: no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries',
    );
  });
});

describe('rough edges of Mintlify pages', () => {
  it('a leading "optional" paragraph is a mark, not the first word of the description (as on the ReadMe page)', async () => {
    const file = 'the-payment-object';
    const m = await extractText(readFileSync(join(corpus, 'mintlify', `${file}.mdx`), 'utf8'), `${file}.mdx`);
    const r = await extractText(readFileSync(join(corpus, `${file}.md`), 'utf8'), `${file}.md`);
    for (const key of ['idempotency_key', 'account_code', 'payment_link_code', 'subscription_code', 'simplified_mode']) {
      expect(m.schema.properties?.[key]).toEqual(r.schema.properties?.[key]);
    }
    expect(m.schema.properties?.subscription_code?.description).toBe('Present when the payment is associated with a subscription; the subscription identifier.');
  });

  it('"Example: (empty string when …)" is prose, no example value; it stays in the description', async () => {
    const m = await extractText(readFileSync(join(corpus, 'mintlify', 'the-payment-object.mdx'), 'utf8'), 'the-payment-object.mdx');
    expect(m.schema.properties?.payment_link_code).toEqual({
      description: 'Present when the payment was created via a payment link; identifies the payment link used. Example: (empty string when not from a payment link)',
      type: 'string',
    });
  });

  it('the optional and required attributes, with or without a value', async () => {
    const doc = await extractText(
      mdx(`<ParamField body="a" type="string" required>A.</ParamField>
<ParamField body="b" type="string" required={true}>B.</ParamField>
<ParamField body="c" type="string" required={false}>C.</ParamField>
<ParamField body="d" type="string" optional>D.</ParamField>
<ParamField body="e" type="string" required="true">E.</ParamField>
<ParamField body="f" type="string">
  Required

  F.
</ParamField>`),
      'widget.mdx',
    );
    expect(doc.schema.required).toEqual(['a', 'b', 'e', 'f']);
    expect(Object.values(doc.schema.properties ?? {}).map((p) => p.description)).toEqual(['A.', 'B.', 'C.', 'D.', 'E.', 'F.']);
  });
});
