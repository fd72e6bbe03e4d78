/**
 * Provenance in the docs: per field, what the page says and what the API shows where they differ
 * (`x-reconciled`), and fields the API returns that the page lacks (`x-notOnPage`). Exact text in both
 * outputs, and every piece of it escaped for its context (the record's text comes from pages and payloads).
 */
import { parseDocument } from 'htmlparser2';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { reconciledLine } from '../../generators/emit/docs-model.js';
import type { JsonSchema, Reconciliation, SchemaDocument } from '../../generators/types.js';
import { renderDocs } from './docs-helpers.js';

const state: Reconciliation = {
  rule: 'api-bounds',
  page: 'string, MIN 3 (line 212)',
  api: '"NY" (2 characters)',
  result: 'minLength 2',
  count: 2,
  evidence: ['payments/create-payment.json POST /payments 201 "Payment" /customer_payer/address/state', 'payments/get.json GET /payments/{id} 200 /customer_payer/address/state'],
};
const nullable: Reconciliation = { rule: 'api-null', page: 'string (line 40)', api: 'null', result: 'string or null', count: 1, evidence: [] };
const hostile: Reconciliation = {
  rule: 'api-`type`',
  page: 'integer */ </script> {{x}} <b>bold</b> | pipe',
  api: '"0010" `tick` ``` \u2028 next & &amp; *star* _under_ [link](javascript:alert(1))',
  result: 'string <!-- --> ${x}',
  count: 3,
  evidence: ['a.json GET /x 200 "X" /a\u2029b', '<img src=x onerror=alert(1)>'],
};

const schema: JsonSchema = {
  title: 'Payment',
  type: 'object',
  properties: {
    state: { type: 'string', minLength: 2, description: 'The state.', 'x-reconciled': [state, nullable] },
    checkout_id: { type: 'string', description: 'The checkout.', 'x-notOnPage': true },
    workflow: { type: 'string', 'x-notOnPage': true, 'x-reconciled': [nullable] },
    card: {
      type: 'object',
      description: 'The card.',
      properties: { iin: { type: 'string', 'x-reconciled': [hostile] } },
    },
    installments: { type: 'array', items: { type: 'integer', 'x-reconciled': [nullable] } },
    plain: { type: 'string', description: 'Nothing to reconcile.' },
  },
};
const doc: SchemaDocument = { slug: 'payment', name: 'Payment', source: 'test/payment.json', schema };

describe('x-reconciled and x-notOnPage in the docs', () => {
  it('one line per reconciliation: page · API → result (rule, examples, e.g. evidence)', () => {
    expect(reconciledLine(state)).toEqual({
      md:
        'page: string, MIN 3 (line 212) · API: "NY" (2 characters) → minLength 2 (rule `api-bounds`, 2 examples, e.g. ' +
        'payments/create-payment.json POST /payments 201 "Payment" /customer\\_payer/address/state; payments/get.json GET /payments/{id} 200 /customer\\_payer/address/state)',
      html:
        'page: string, MIN 3 (line 212) · API: &#34;NY&#34; (2 characters) → minLength 2 (rule <code>api-bounds</code>, 2 examples, e.g. ' +
        'payments/create-payment.json POST /payments 201 &#34;Payment&#34; /customer_payer/address/state; payments/get.json GET /payments/{id} 200 /customer_payer/address/state)',
    });
    // One example, no evidence listed: no "e.g.".
    expect(reconciledLine(nullable)).toEqual({
      md: 'page: string (line 40) · API: null → string or null (rule `api-null`, 1 example)',
      html: 'page: string (line 40) · API: null → string or null (rule <code>api-null</code>, 1 example)',
    });
  });

  it('Markdown: the not-on-page mark in the description cell, a "Page vs API" list under the table', async () => {
    const { md } = await renderDocs(doc);
    expect(md).toContain(
      [
        '| Name | Type | Required | Constraints | Description | Example |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `state` | string | no | min length 2 | The state. |  |',
        '| `checkout_id` | string | no |  | *Not on the doc page; from the API.* The checkout. |  |',
        '| `workflow` | string | no |  | *Not on the doc page; from the API.* |  |',
        '| `card` | object | no |  | The card. |  |',
        '| `installments` | array of integer | no |  |  |  |',
        '| `plain` | string | no |  | Nothing to reconcile. |  |',
        '',
        'Page vs API, where they differ:',
        '',
        `- \`state\`: ${reconciledLine(state).md}`,
        '- `state`: page: string (line 40) · API: null → string or null (rule `api-null`, 1 example)',
        '- `workflow`: page: string (line 40) · API: null → string or null (rule `api-null`, 1 example)',
        '- `installments`: items: page: string (line 40) · API: null → string or null (rule `api-null`, 1 example)',
        '',
        '### `card`',
        '',
        'The card.',
        '',
        '| Name | Type | Required | Constraints | Description | Example |',
        '| --- | --- | --- | --- | --- | --- |',
        '| `iin` | string | no |  |  |  |',
        '',
        'Page vs API, where they differ:',
        '',
        '- `iin`: page: integer \\*/ &lt;/script&gt; {{x}} &lt;b&gt;bold&lt;/b&gt; \\| pipe · API: "0010" \\`tick\\` \\`\\`\\`   next & &amp;amp; \\*star\\* \\_under\\_ \\[link\\](javascript:alert(1)) → string &lt;!-- --&gt; ${x} (rule `` api-`type` ``, 3 examples, e.g. a.json GET /x 200 "X" /a b; &lt;img src=x onerror=alert(1)&gt;)',
        '',
      ].join('\n'),
    );
  });

  it('HTML: both in the field\'s description cell', async () => {
    const { html } = await renderDocs(doc);
    expect(html).toContain(
      '<td class="description">The state.<div class="reconciled"><p class="vs">Page vs API</p><ul>' +
        `<li>${reconciledLine(state).html}</li>` +
        '<li>page: string (line 40) · API: null → string or null (rule <code>api-null</code>, 1 example)</li></ul></div></td>',
    );
    expect(html).toContain('<td class="description"><p class="not-on-page">Not on the doc page; from the API.</p>The checkout.</td>');
    expect(html).toContain(
      '<td class="description"><p class="not-on-page">Not on the doc page; from the API.</p><div class="reconciled"><p class="vs">Page vs API</p><ul>' +
        '<li>page: string (line 40) · API: null → string or null (rule <code>api-null</code>, 1 example)</li></ul></div></td>',
    );
    expect(html).toContain('<li>items: page: string (line 40) · API: null → string or null (rule <code>api-null</code>, 1 example)</li>');
    expect(html).toContain(
      '<li>page: integer */ &#60;/script&#62; {{x}} &#60;b&#62;bold&#60;/b&#62; | pipe · API: &#34;0010&#34; `tick` ``` ' +
        '  next &#38; &#38;amp; *star* _under_ [link](javascript:alert(1)) → string &#60;!-- --&#62; ${x} ' +
        '(rule <code>api-`type`</code>, 3 examples, e.g. a.json GET /x 200 &#34;X&#34; /a b; &#60;img src=x onerror=alert(1)&#62;)</li>',
    );
    expect(html).toContain('<td class="description">Nothing to reconcile.</td>');
  });

  it('the hostile record adds no element, attribute or link to the HTML page, and no line separator to either page', async () => {
    const { md, html } = await renderDocs(doc);
    const names: string[] = [];
    const walk = (node: { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] }): void => {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') names.push(`${node.name ?? ''}${JSON.stringify(node.attribs ?? {})}`);
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    const reconciledCell = /<td class="description"><div class="reconciled">[^]*?<\/td>/g;
    for (const cell of html.match(reconciledCell) ?? []) {
      names.length = 0;
      walk(parseDocument(cell) as never);
      expect(names.every((n) => /^(td|div|p|ul|li|code)\{/.test(n)), names.join(' ')).toBe(true);
      expect(names.filter((n) => n.startsWith('div') || n.startsWith('p'))).toEqual(['div{"class":"reconciled"}', 'p{"class":"vs"}']);
    }
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toContain('href="javascript');
    // The Markdown page has no raw HTML and no link but the ones it had without the record (none here).
    const kinds = new Map<string, number>();
    const visit = (node: { type: string; children?: unknown[] }): void => {
      kinds.set(node.type, (kinds.get(node.type) ?? 0) + 1);
      for (const child of node.children ?? []) visit(child as typeof node);
    };
    visit(fromMarkdown(md.replace(/^<!--.*-->\n/, '')) as never);
    expect(kinds.get('html')).toBeUndefined();
    expect(kinds.get('link')).toBeUndefined();
    // The two not-on-page marks, and nothing from the record's *star* and _under_.
    expect(kinds.get('emphasis')).toBe(2);
    expect(kinds.get('strong')).toBeUndefined();
    expect(md).not.toMatch(/[\u2028\u2029]/);
    expect(html).not.toMatch(/[\u2028\u2029]/);
  });

  it('a page without provenance renders as before: no list, no mark', async () => {
    const { md, html } = await renderDocs({ ...doc, schema: { title: 'Payment', type: 'object', properties: { plain: { type: 'string' } } } });
    expect(md).not.toContain('Page vs API');
    expect(html).not.toContain('reconciled"');
    expect(html).not.toContain('not-on-page"');
  });
});
