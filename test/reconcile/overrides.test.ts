// The overrides file against API evidence: it wins on requiredness both ways and refuses any rule on any field.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractAll } from '../../generators/extract.js';
import { SEED } from '../cli/helpers.js';
import { sessionPayload, sessionSpec } from './helpers.js';

const session = sessionPayload;
const spec = sessionSpec({ A: session({ callback_url: null, checkout_id: 'c-1' }), B: session({ checkout_id: 'c-2' }), C: session({ checkout_id: 'c-3' }) });

async function run(overrides?: object) {
  const page = { path: 'the-customer-session-object.md', bytes: readFileSync(SEED), ...(overrides ? { overrides: { path: 'the-customer-session-object.overrides.json', text: JSON.stringify(overrides) } } : {}) };
  const [doc] = await extractAll([page], [{ path: 'sessions.json', text: spec }]);
  return doc!;
}

describe('overrides against the evidence', () => {
  it('without overrides: callback_url nullable, checkout_id added and required (3 of 3 examples)', async () => {
    const doc = await run();
    expect(doc.schema.properties!['callback_url']!.type).toEqual(['string', 'null']);
    expect(doc.schema.properties!['checkout_id']).toMatchObject({ type: 'string', 'x-notOnPage': true });
    expect(doc.schema.required).toEqual(['customer_session', 'customer_id', 'country', 'created_at', 'checkout_id']);
    const { payloads, ...evidence } = doc.evidence ?? { payloads: [] };
    expect(evidence).toEqual({ operations: ['sessions.json POST /v1/customers/sessions'], examples: 3, placeholders: [] });
    expect(payloads?.map((p) => p.where)).toEqual(['A', 'B', 'C'].map((name) => `sessions.json POST /v1/customers/sessions 201 "${name}"`));
  });

  it('refuses single rules on single fields, and keeps an API-only field out', async () => {
    const doc = await run({ fields: { callback_url: { refuse: ['nullable'] }, checkout_id: { refuse: ['api-field'] } } });
    expect(doc.schema.properties!['callback_url']!.type).toBe('string');
    expect(doc.schema.properties!['callback_url']!['x-reconciled']).toBeUndefined();
    expect(doc.schema.properties!['checkout_id']).toBeUndefined();
  });

  it('says which field an override names that neither the page nor the API has', async () => {
    await expect(run({ fields: { checkout: { required: true } } })).rejects.toThrow(
      'the-customer-session-object.overrides.json (/fields/checkout): the overrides name field "checkout", which the page does not have; remove it or fix the path',
    );
  });

  it('an override on a field only the API sends is accepted (required: false keeps it optional)', async () => {
    const doc = await run({ fields: { checkout_id: { required: false } } });
    expect(doc.schema.required).toEqual(['customer_session', 'customer_id', 'country', 'created_at']);
  });
});
