/**
 * Issue 14: every nested object of the Payment object is a named, exported type, and a downstream program
 * compiled strictly uses one directly (PaymentCustomerPayerBillingAddress) instead of digging it out of Payment.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { repoRoot, tempDir, writeFiles } from './code-helpers.js';
import { STRICT, ts5 } from './tsc-helpers.js';

const PAGE = join(repoRoot, '..', 'shared', 'yuno-pages', 'mintlify', 'the-payment-object.mdx');

describe('named nested types of the Payment object', () => {
  it('a strict program takes a PaymentCustomerPayerBillingAddress and passes it the address of a Payment', async () => {
    const { files } = await generate({ pages: [{ path: 'the-payment-object.mdx', bytes: readFileSync(PAGE) }], only: ['types'] });
    const dir = tempDir('named-types');
    writeFiles(dir, files);
    const dts = files.find((f) => f.path === 'payment.d.ts')?.contents ?? '';
    expect(dts).toContain('export interface PaymentCustomerPayerBillingAddress {');
    expect(dts).toMatch(/^ {2}billing_address\?: PaymentCustomerPayerBillingAddress$/m);
    // No nested object with fields is left anonymous: every `{` opens a named declaration, a free-form map
    // (`{ [k: string]: unknown }`) or an object the page lists no field of (`{}`).
    const lines = dts.split('\n');
    const anonymous = lines.filter((line, i) => line.trimEnd().endsWith('{') && !/^export (interface|type) \w+ /.test(line) && !(lines[i + 1] ?? '').trim().startsWith('[k: string]: unknown') && !((lines[i + 1] ?? '').trim() === '' && (lines[i + 2] ?? '').trim().startsWith('}')));
    expect(anonymous).toEqual([]);
    writeFileSync(
      join(dir, 'consumer.ts'),
      [
        "import type { Payment, PaymentCustomerPayerBillingAddress } from './index.js';",
        'export function city(address: PaymentCustomerPayerBillingAddress): string {',
        "  return address.city ?? 'unknown';",
        '}',
        'export function payerCity(payment: Payment): string | undefined {',
        '  const address = payment.customer_payer?.billing_address;',
        '  return address ? city(address) : undefined;',
        '}',
        '',
      ].join('\n'),
    );
    const options = { ...STRICT, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(dir, options, ['consumer.ts'])).toEqual([]);
    // The check can fail: a misspelt field of the named type is an error.
    writeFileSync(join(dir, 'wrong.ts'), "import type { PaymentCustomerPayerBillingAddress } from './index.js';\nexport const c = (a: PaymentCustomerPayerBillingAddress): unknown => a.citty;\n");
    expect(ts5(dir, options, ['wrong.ts']).join('\n')).toContain("Property 'citty' does not exist on type 'PaymentCustomerPayerBillingAddress'");
  }, 240_000);
});
