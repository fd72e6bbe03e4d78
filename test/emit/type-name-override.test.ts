/**
 * Issue 14: the overrides file gives nested objects a shared name (`billing_address` and `shipping_address` →
 * `Address`): one exported type, one validator function, used by both fields, and the docs say which type each
 * nested object is in the generated code. Bad `typeName` overrides are one clear problem each.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { CodegenError, type Problem } from '../../generators/types.js';
import { file, repoRoot } from './code-helpers.js';

const PAGE = join(repoRoot, '..', 'shared', 'yuno-pages', 'mintlify', 'the-payment-object.mdx');
const ADDRESS = { 'customer_payer.billing_address': { typeName: 'Address' }, 'customer_payer.shipping_address': { typeName: 'Address' } };

function page(fields: object) {
  return { path: 'the-payment-object.mdx', bytes: readFileSync(PAGE), overrides: { path: 'the-payment-object.overrides.json', text: JSON.stringify({ fields }) } };
}

async function problems(fields: object): Promise<Problem[]> {
  try {
    await generate({ pages: [page(fields)], only: ['types'] });
  } catch (error) {
    if (error instanceof CodegenError) return error.problems;
    throw error;
  }
  return [];
}

describe('the typeName override', () => {
  it('two addresses of one shape become one Address type and one validator function, which both fields use', async () => {
    const { files } = await generate({ pages: [page(ADDRESS)], only: ['types', 'validators', 'docs'] });
    const dts = file(files, 'payment.d.ts');
    expect(dts.match(/^export interface Address \{$/gm)).toHaveLength(1);
    expect(dts).toMatch(/^ {2}billing_address\?: Address$/m);
    expect(dts).toMatch(/^ {2}shipping_address\?: Address$/m);
    expect(dts).toMatch(/^ {2}city\?: string$/m);
    expect(dts).not.toContain('PaymentCustomerPayerBillingAddress');
    const js = file(files, 'payment.js');
    // Each flavour (fast loose, fast strict, full) declares the function once.
    const declared = js.match(/^function validateAddress\(/gm) ?? [];
    expect(declared.length).toBeGreaterThan(0);
    expect(declared.length).toBeLessThanOrEqual(3);
    const md = file(files, 'docs/payment.md');
    expect(md).toContain('#### `customer_payer.billing_address`\n\nType in the generated code: `Address`.\n');
    expect(md).toContain('#### `customer_payer.shipping_address`\n\nType in the generated code: `Address`.\n');
    expect(md).toContain('Type in the generated code: `PaymentCustomerPayer`.');
    expect(file(files, 'docs/payment.html')).toContain('<p class="type-name">Type in the generated code: <code>Address</code>.</p>');
  });

  it('without the override each address keeps the name the rule gives, and the docs say so', async () => {
    const { files } = await generate({ pages: [{ path: 'the-payment-object.mdx', bytes: readFileSync(PAGE) }], only: ['types', 'docs'] });
    expect(file(files, 'payment.d.ts')).toMatch(/^ {2}billing_address\?: PaymentCustomerPayerBillingAddress$/m);
    expect(file(files, 'docs/payment.md')).toContain('#### `customer_payer.billing_address`\n\nType in the generated code: `PaymentCustomerPayerBillingAddress`.\n');
  });

  it('a name that is no PascalCase type name, a field with no fields, and one name for two shapes are each one problem', async () => {
    expect(await problems({ 'customer_payer.billing_address': { typeName: 'billing address' } })).toEqual([
      {
        file: 'the-payment-object.overrides.json',
        at: '/fields/customer_payer.billing_address/typeName',
        rule: 'overrides',
        message: '"typeName" must be a type name in PascalCase, such as "Address" (got "billing address")',
      },
    ]);
    expect(await problems({ 'customer_payer.email': { typeName: 'Email' } })).toEqual([
      {
        file: 'the-payment-object.overrides.json',
        at: '/fields/customer_payer.email/typeName',
        rule: 'overrides',
        message: '"typeName" names an object type, and field "customer_payer.email" has no fields of its own on the page; remove it',
      },
    ]);
    expect(await problems({ 'customer_payer.billing_address': { typeName: 'Place' }, 'customer_payer.document': { typeName: 'Place' } })).toEqual([
      {
        file: 'the-payment-object.overrides.json',
        at: '/fields/customer_payer.billing_address/typeName',
        rule: 'overrides',
        // In page order: the page lists document before billing_address.
        message: '"typeName" gives "Place" to "customer_payer.document" and "customer_payer.billing_address", whose fields differ on the page; one type needs one shape: give them different names',
      },
    ]);
  });
});
