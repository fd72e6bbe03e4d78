/** The naming stage (generators/emit/naming.ts): every nested object of an object gets a stable, readable name. */
import { describe, expect, it } from 'vitest';
import { applyNestedNames, nameRegistry, planNestedNames } from '../../generators/emit/naming.js';
import type { JsonSchema } from '../../generators/types.js';
import { emit, file } from './code-helpers.js';

const address = (extra: Record<string, JsonSchema> = {}): JsonSchema => ({
  type: ['object', 'null'],
  properties: { city: { type: 'string', description: 'City.' }, geo: { type: 'object', properties: { lat: { type: 'number' } } }, ...extra },
});

const payment: JsonSchema = {
  title: 'Payment',
  type: 'object',
  properties: {
    customer_payer: {
      type: 'object',
      description: 'The payer.',
      properties: { billing_address: { ...address(), description: 'Billing.' }, shipping_address: { ...address(), description: 'Shipping.' } },
    },
    transactions: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' } } } },
    method: { type: 'object', properties: { kind: { type: 'string' } } },
    three_ds: { anyOf: [{ type: 'object', properties: { version: { type: 'string' } } }, { const: '' }] },
  },
};

describe('nested names', () => {
  it('the object name and the field path in PascalCase; array items and union members take their field\'s name; taken names fall back to Parent_Field', () => {
    const claim = nameRegistry(['PaymentMethod']);
    const names = planNestedNames(payment, 'Payment', claim);
    expect(names).toEqual({
      '/properties/customer_payer': 'PaymentCustomerPayer',
      '/properties/customer_payer/properties/billing_address': 'PaymentCustomerPayerBillingAddress',
      '/properties/customer_payer/properties/billing_address/properties/geo': 'PaymentCustomerPayerBillingAddressGeo',
      '/properties/customer_payer/properties/shipping_address': 'PaymentCustomerPayerShippingAddress',
      '/properties/customer_payer/properties/shipping_address/properties/geo': 'PaymentCustomerPayerShippingAddressGeo',
      '/properties/transactions/items': 'PaymentTransactions',
      // `PaymentMethod` is another object's name.
      '/properties/method': 'Payment_Method',
      '/properties/three_ds/anyOf/0': 'PaymentThreeDs',
    });
  });

  it('a shared name (title) for identical shapes is one type; a different shape under a taken name falls back', () => {
    const titled: JsonSchema = {
      ...payment,
      properties: {
        ...payment.properties,
        customer_payer: {
          type: 'object',
          properties: {
            billing_address: { ...address(), title: 'Address', description: 'Billing.' },
            shipping_address: { ...address(), title: 'Address', description: 'Shipping.' },
            other_address: { ...address({ zip: { type: 'string' } }), title: 'Address' },
          },
        },
      },
    };
    const names = planNestedNames(titled, 'Payment', nameRegistry([]));
    expect(names['/properties/customer_payer/properties/billing_address']).toBe('Address');
    expect(names['/properties/customer_payer/properties/shipping_address']).toBe('Address');
    expect(names['/properties/customer_payer/properties/billing_address/properties/geo']).toBe('AddressGeo');
    expect(names['/properties/customer_payer/properties/other_address']).toBe('PaymentCustomerPayer_OtherAddress');
    const { schema, added } = applyNestedNames(titled, 'Payment', names);
    expect(added).toContain('Address');
    // Each place keeps its own description beside the reference.
    const payer = schema.$defs?.['PaymentCustomerPayer'];
    expect(payer?.properties?.['billing_address']).toEqual({ $ref: '#/$defs/Address', title: 'Address', description: 'Billing.' });
    expect(payer?.properties?.['shipping_address']).toEqual({ $ref: '#/$defs/Address', title: 'Address', description: 'Shipping.' });
  });

  it('the same names every time, and the canonical schema is not changed', () => {
    const copy = JSON.parse(JSON.stringify(payment)) as JsonSchema;
    const first = planNestedNames(payment, 'Payment', nameRegistry([]));
    expect(planNestedNames(payment, 'Payment', nameRegistry([]))).toEqual(first);
    applyNestedNames(payment, 'Payment', first);
    expect(payment).toEqual(copy);
  });

  it('types: each named object is an exported interface with its JSDoc, a nullable one is `Name | null` where used', async () => {
    const dts = file(await emit([{ slug: 'payment', name: 'Payment', source: 'payment.json', schema: payment }], { only: ['types'] }), 'payment.d.ts');
    expect(dts).toContain('  customer_payer?: PaymentCustomerPayer\n');
    expect(dts).toContain('  billing_address?: (PaymentCustomerPayerBillingAddress | null)\n');
    expect(dts).toContain('/**\n * Billing.\n */\nexport interface PaymentCustomerPayerBillingAddress {\n');
    expect(dts).toContain('  transactions?: PaymentTransactions[]\n');
    expect(dts).toContain('  three_ds?: (PaymentThreeDs | "")\n');
  });
});
