/**
 * The docs of the real Payment page reconciled with Yuno's OpenAPI files (what
 * `generate --page the-payment-object.mdx --openapi yuno-openapi` writes): no field is `any` but those the API sent
 * only as null, the
 * transactions are documented once as PaymentTransactions with their nested fields and Page vs API notes,
 * and every link of the HTML page resolves. The exact text of each shape is in docs-combinators.test.ts;
 * this checks that the real schema, whatever its current alternatives, reads the same way.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'htmlparser2';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocsModel, type DocsModel } from '../../generators/emit/docs-model.js';
import { extractAll } from '../../generators/extract.js';
import type { SchemaDocument } from '../../generators/types.js';
import { shared } from '../extract/helpers.js';
import { renderDocs } from './docs-helpers.js';

let payment: SchemaDocument;
let model: DocsModel;
let md: string;
let html: string;

beforeAll(async () => {
  const page = join(shared, 'yuno-pages', 'mintlify', 'the-payment-object.mdx');
  const apiDir = join(shared, 'yuno-openapi');
  const openapi = globSync(['**/*.json'], { cwd: apiDir }).sort().map((f) => ({ path: f, text: readFileSync(join(apiDir, f), 'utf8') }));
  [payment] = (await extractAll([{ path: 'the-payment-object.mdx', bytes: readFileSync(page) }], openapi)) as [SchemaDocument];
  model = buildDocsModel(payment);
  ({ md, html } = await renderDocs(payment));
});

describe('the Payment page reconciled with the API', () => {
  it('documents transactions as PaymentTransactions, in each form the API sends, linked to its section', () => {
    const transactions = model.root.fields.find((f) => f.name === 'transactions')!;
    expect(transactions.type).not.toBe('any');
    expect(transactions.type).toMatch(/(^|, )PaymentTransactions(, |$| or )/);
    expect(transactions.type).toContain('array of PaymentTransactions');
    const links = transactions.typeParts.filter((p) => p.hasHref);
    expect(links.map((p) => [p.text, p.href])).toEqual([
      ['PaymentTransactions', '#def-paymenttransactions'],
      ['PaymentTransactions', '#def-paymenttransactions'],
    ]);
    const def = model.definitions.find((d) => d.name === 'PaymentTransactions')!;
    expect(def.isObject).toBe(true);
    expect(def.usedBy.map((u) => u.path)).toEqual(['transactions']);
    expect(md.split('\n## PaymentTransactions\n')).toHaveLength(2);
  });

  it("documents the transaction's fields with their Page vs API notes: amount is a string or an integer", () => {
    const def = model.definitions.find((d) => d.name === 'PaymentTransactions')!;
    const amount = def.section.fields.find((f) => f.name === 'amount')!;
    expect(amount.path).toBe('PaymentTransactions.amount');
    expect(amount.type).toMatch(/^string, integer(, or null)?$/);
    expect(amount.reconciled.map((r) => r.md).find((line) => line.includes('(rule `type`'))).toMatch(
      /^page: string \(line \d+\) · API: integer \(\d+\) → string \\\| integer \(rule `type`, \d+ examples, e\.g\. .*\/transactions\/amount/,
    );
    const section = md.slice(md.indexOf('\n## PaymentTransactions\n'));
    expect(section).toContain('\n| `amount` | string, integer');
    expect(section).toMatch(/\n- `amount`: page: string \(line \d+\) · API: integer/);
    expect(def.nested.map((s) => s.path)).toContain('PaymentTransactions.payment_method');
  });

  it('types as `any` only the fields the API sent only as null, and every in-page link of the HTML page resolves to one element', () => {
    // Fields without a type: those the page lacks that the API sent only as null (what they hold is unknown).
    const untyped = new Set<string>();
    const walkSchema = (node: unknown): void => {
      if (Array.isArray(node)) return node.forEach(walkSchema);
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
        if (key === 'properties') {
          for (const [name, field] of Object.entries(value as Record<string, Record<string, unknown>>)) {
            if (Object.keys(field).every((k) => k === 'description' || k.startsWith('x-'))) untyped.add(name);
          }
        }
        walkSchema(value);
      }
    };
    walkSchema(payment.schema);
    const anyRows = [...md.matchAll(/^\| `([^`]+)` \| any \|/gm)].map((m) => m[1]!);
    expect(anyRows.length).toBeGreaterThan(0);
    expect(anyRows.filter((name) => !untyped.has(name))).toEqual([]);
    const ids: string[] = [];
    const hrefs: string[] = [];
    const walk = (node: { attribs?: Record<string, string>; children?: unknown[] }): void => {
      if (node.attribs?.id !== undefined) ids.push(node.attribs.id);
      if (node.attribs?.href?.startsWith('#')) hrefs.push(node.attribs.href.slice(1));
      for (const child of node.children ?? []) walk(child as typeof node);
    };
    walk(parseDocument(html) as never);
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    expect(hrefs.filter((h) => !known.has(h))).toEqual([]);
  });
});
