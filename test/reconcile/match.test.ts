// Rule "operation match" and the OpenAPI reader, on tables of real routes and on Yuno's published files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMatch, matchObjects, routeNames, score } from '../../generators/reconcile/match.js';
import { readOpenApi } from '../../generators/openapi/read.js';
import type { SchemaDocument } from '../../generators/types.js';
import { shared } from '../extract/helpers.js';

describe('rule: operation match — the route names the object', () => {
  const cases: [string, string, boolean][] = [
    ['/payments', 'Payment', true],
    ['/payments/{payment_id}/transactions/{transaction_id}/refund', 'Payment', true],
    ['/v1/payment-method-domains/{id}', 'Payment', false],
    ['/payment-links/{code}', 'Payment', false],
    ['/payment-links/{code}', 'PaymentLink', true],
    ['/customers/{customer_id}/payment-methods', 'PaymentMethodApi', true],
    ['/customers/sessions', 'CustomerSession', true],
    ['/checkout/sessions/{id}', 'CheckoutSession', true],
    ['/customers/{customer_id}', 'CustomerSession', false],
    ['/subscriptions/meters/{meter_id}', 'Subscription', true],
    ['/reports/list', 'Reports', true],
    ['/v1/payouts', 'Payout', true],
  ];
  it.each(cases)('%s names %s: %s', (route, name, want) => {
    expect(routeNames(route, name)).toBe(want);
  });
});

describe('rule: operation match — the keys agree', () => {
  const payment = new Set(['id', 'account_id', 'status', 'sub_status', 'amount', 'country', 'created_at', 'merchant_order_id', 'checkout', 'customer_payer', 'transactions']);
  it('a named route needs two distinctive keys and most keys to be the page\'s', () => {
    expect(isMatch(score({ id: 'x', status: 'S', amount: {}, merchant_order_id: 'm', checkout: {}, additional: 1 }, payment, true))).toBe(true);
    // A transfer reversal under /payments/…: one distinctive key (transactions) is not enough.
    expect(isMatch(score({ id: 'x', status: 'S', amount: {}, transactions: [], provider: 'p' }, payment, true))).toBe(false);
    // Only keys every object has (a meter under /subscriptions/meters): no match.
    expect(isMatch(score({ id: 'x', status: 'S', created_at: 't', name: 'n', event_name: 'e' }, payment, true))).toBe(false);
  });
  it('an unnamed route needs three distinctive keys, 90% of the keys and half of the fields', () => {
    const node = { id: 'x', merchant_order_id: 'm', checkout: {}, customer_payer: {}, transactions: {}, status: 'S' };
    expect(isMatch(score(node, payment, false))).toBe(true);
    expect(isMatch(score({ ...node, provider: 'p', recipient_id: 'r' }, payment, false))).toBe(false);
  });
});

describe('matchObjects', () => {
  const doc = (name: string, fields: string[]): SchemaDocument => ({
    slug: name.toLowerCase(),
    name,
    source: `${name}.mdx`,
    schema: { type: 'object', properties: Object.fromEntries(fields.map((f) => [f, { type: 'string' }])) },
  });
  const customer = doc('Customer', ['id', 'merchant_customer_id', 'first_name', 'last_name', 'email', 'document']);
  const payment = doc('Payment', ['id', 'merchant_order_id', 'customer_payer', 'checkout', 'status']);
  const op = (route: string, value: unknown) => ({ file: 'f.json', method: 'GET', route, label: `GET ${route}`, examples: [{ label: `f.json GET ${route} 200 "E"`, file: 'f.json', method: 'GET', route, status: '200', name: 'E', value }] });

  it('takes the root, an array item or a wrapper\'s child, and never a nested part of a matched root', () => {
    const payer = { id: 'c', merchant_customer_id: 'm', first_name: 'A', last_name: 'B', email: 'e', document: {} };
    const matches = matchObjects([customer, payment], [
      op('/payments/{id}', { id: 'p', merchant_order_id: 'o', customer_payer: payer, checkout: {}, status: 'S' }),
      op('/customers', [payer, payer]),
      op('/payments/{id}/cancel', { payment: { id: 'p', merchant_order_id: 'o', checkout: {}, status: 'S' }, code: 'OK' }),
      // Not a wrapper, but its key names the object: a refund transaction carrying its payment.
      op('/payments/{id}/refund', { id: 't', type: 'REFUND', status: 'S', amount: {}, response_code: 'OK', payment: { id: 'p', merchant_order_id: 'o', checkout: {}, status: 'S' } }),
      // Not a wrapper (more than four keys): its customer_payer is part of another object.
      op('/customers/{id}/payment-methods', { id: 'pm', type: 'CARD', status: 'S', vaulted_token: 't', card: {}, customer_payer: payer }),
    ]);
    expect(matches[0]!.samples.map((s) => s.where)).toEqual(['f.json GET /customers 200 "E"/0', 'f.json GET /customers 200 "E"/1']);
    expect(matches[1]!.samples.map((s) => s.where)).toEqual([
      'f.json GET /payments/{id} 200 "E"',
      'f.json GET /payments/{id}/cancel 200 "E"/payment',
      'f.json GET /payments/{id}/refund 200 "E"/payment',
    ]);
    expect(matches[1]!.operations).toEqual(['f.json GET /payments/{id}', 'f.json GET /payments/{id}/cancel', 'f.json GET /payments/{id}/refund']);
  });
});

describe('the OpenAPI reader', () => {
  const spec = (paths: unknown, extra: Record<string, unknown> = {}): string => JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths, ...extra });

  it('reads 2xx JSON examples (examples, example, JSON text, $ref\'d responses) and skips the rest', async () => {
    const text = spec(
      {
        '/a': {
          get: {
            responses: {
              '200': { $ref: '#/components/responses/Ok' },
              '400': { content: { 'application/json': { example: { code: 'BAD' } } } },
            },
          },
          post: {
            responses: {
              '201': { content: { 'application/json': { examples: { Text: { value: '{"id": "t"}' }, Prose: { value: 'HTTP 201 Created' }, Empty: { value: '' } } } } },
            },
          },
        },
      },
      { components: { responses: { Ok: { content: { 'application/json': { example: { id: 'ok' } } } } } } },
    );
    const ops = await readOpenApi([{ path: 'x.json', text }]);
    expect(ops.map((o) => [o.label, o.examples.map((e) => [e.label, e.value])])).toEqual([
      ['GET /a', [['x.json GET /a 200 "(example)"', { id: 'ok' }]]],
      ['POST /a', [['x.json POST /a 201 "Text"', { id: 't' }]]],
    ]);
  });

  it('names the file and the cause of every bad input, together', async () => {
    await expect(
      readOpenApi([
        { path: 'broken.json', text: '{"openapi": ' },
        { path: 'not-openapi.json', text: '{"name": "x"}' },
        { path: 'skipped.json', text: '{"name": "x"}', optional: true },
        { path: 'dangling.json', text: spec({ '/a': { get: { responses: { '200': { $ref: '#/components/responses/Nope' } } } } }) },
      ]),
    ).rejects.toThrow(
      [
        'broken.json: not valid JSON (Unexpected end of JSON input); fix the file or leave it out of "openapi"',
        'not-openapi.json: not an OpenAPI document (it needs "openapi" and "paths"); leave it out of "openapi"',
        'dangling.json: a $ref cannot be resolved (Missing $ref pointer "#/components/responses/Nope". Token "components" does not exist.); fix the reference',
      ].join('\n'),
    );
  });

  it('reads Swagger 2 examples (one per media type, on the response)', async () => {
    const text = JSON.stringify({ swagger: '2.0', paths: { '/a': { get: { responses: { '200': { examples: { 'application/json': { id: 's' }, 'text/plain': 'x' } } } } } } });
    const ops = await readOpenApi([{ path: 's.json', text }]);
    expect(ops[0]!.examples.map((e) => [e.label, e.value])).toEqual([['s.json GET /a 200 "(example)"', { id: 's' }]]);
  });

  it('reads YAML', async () => {
    const ops = await readOpenApi([{ path: 'x.yaml', text: 'openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        "200":\n          content:\n            application/json:\n              example: {id: y}\n' }]);
    expect(ops[0]!.examples[0]!.value).toEqual({ id: 'y' });
  });
});

describe("Yuno's published files", () => {
  it('every Mintlify object is returned by the operations a reader would name, and by no other', async () => {
    const { globSync } = await import('tinyglobby');
    const dir = join(shared, 'yuno-openapi');
    const files = globSync(['**/*.json'], { cwd: dir }).sort();
    const ops = await readOpenApi(files.map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') })));
    const { extractAll } = await import('../../generators/extract.js');
    const mintlify = join(shared, 'yuno-pages', 'mintlify');
    const pages = globSync(['*.mdx'], { cwd: mintlify }).sort().map((f) => ({ path: f, bytes: readFileSync(join(mintlify, f)) }));
    const docs = await extractAll(pages);
    const matches = matchObjects(docs, ops);
    const summary = Object.fromEntries(docs.map((d, i) => [d.name, [...new Set(matches[i]!.operations.map((o) => o.split(' ')[0]!.split('/')[0]))].sort()]));
    expect(summary).toEqual({
      CheckoutSession: ['checkout-sessions'],
      Customer: ['customers'],
      CustomerSession: ['customer-sessions-enrollment'],
      PaymentLink: ['payment-links'],
      PaymentMethodApi: ['payment-methods-direct-workflow'],
      // The unenroll response of the direct workflow has the checkout page's keys (14 of 15).
      PaymentMethodCheckout: ['payment-methods-checkout', 'payment-methods-direct-workflow'],
      Payment: ['payments'],
      Payout: ['payouts'],
      Recipient: ['recipients-for-marketplace'],
      Reports: ['reports'],
      Subscription: ['subscriptions'],
    });
    expect(matches.reduce((n, m) => n + m.samples.length, 0)).toBe(112);
  });
});
