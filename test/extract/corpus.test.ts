// Every real Yuno page extracts; per page, the field count at each depth (checked against the number of
// `<strong><code>` entries in the page's HTML, less pseudo "x object" items and the payment page's
// word-for-word repeat of `metadata`) and a few fields read by hand from the page.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { AJV_OPTIONS } from '../../generators/ajv-options.js';
import { YUNO_KEYWORDS, type JsonSchema, type SchemaDocument } from '../../generators/types.js';
import { at, corpus, depthCounts, extractFile, repoRoot } from './helpers.js';

const addFormats = addFormatsModule as unknown as (a: Ajv2020) => Ajv2020;

const readme = readdirSync(corpus).filter((f) => f.endsWith('.md')).sort();
const mintlify = readdirSync(join(corpus, 'mintlify')).filter((f) => f.endsWith('.mdx')).sort();
const all = [...readme.map((f) => join(corpus, f)), ...mintlify.map((f) => join(corpus, 'mintlify', f))];

const cache = new Map<string, Promise<SchemaDocument>>();
const doc = (file: string): Promise<SchemaDocument> => {
  if (!cache.has(file)) cache.set(file, extractFile(file));
  return cache.get(file)!;
};

describe('corpus: every page extracts', () => {
  it('has twelve objects in ReadMe format, the legacy page and eleven Mintlify pages', () => {
    expect(readme).toHaveLength(13);
    expect(mintlify).toHaveLength(11);
  });

  const depths: Record<string, number[]> = {
    'eb-the-recipient-object.md': [22, 28, 22, 6],
    'the-checkout-session-object.md': [10, 6, 2],
    'the-customer-object.md': [17, 20],
    'the-customer-session-object.md': [5],
    'the-customer-session-object.legacy-block-html.md': [5],
    'the-payment-link-object.md': [21, 25, 32, 47, 10],
    'the-payment-method-object-api.md': [16, 12],
    'the-payment-method-object-checkout.md': [13, 8],
    'the-payment-object.md': [29, 76, 109, 173, 235, 141, 18, 2],
    'the-payout-object.md': [14, 30, 22, 10, 13],
    'the-recipient-object.md': [22, 28, 22, 6],
    'the-reports-object.md': [9],
    'the-subscription-object.md': [22, 23, 5, 13],
  };
  it.each(Object.entries(depths))('%s: fields per depth %j', async (file, want) => {
    expect(depthCounts((await doc(join(corpus, file))).schema)).toEqual(want);
  });

  it.each(mintlify)('mintlify/%s extracts with the same object name as its ReadMe page', async (file) => {
    const m = await doc(join(corpus, 'mintlify', file));
    const r = await doc(join(corpus, file.replace(/\.mdx$/, '.md')));
    expect(m.name).toBe(r.name);
    expect(depthCounts(m.schema).length).toBeGreaterThan(0);
  });
});

describe('corpus: fields read by hand from the pages', () => {
  const cases: [string, string, JsonSchema][] = [
    ['the-customer-object.md', 'gender', { type: 'string', enum: ['M', 'F', 'NB'], minLength: 1, maxLength: 2, description: "The customer's gender (MAX 2; MIN 1). Possible enum values: `M`, `F` or `NB`" }],
    ['the-customer-object.md', 'document.document_number', { type: 'string', minLength: 3, maxLength: 40, description: "The customer's document number (MAX 40; MIN 3).", examples: ['1093333333'] }],
    ['the-customer-object.md', 'nationality', { $ref: '#/$defs/CountryCode', description: "The customer's nationality (MAX 2; MIN 2; [ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference)." }],
    ['the-checkout-session-object.md', 'amount.value', { type: 'number', multipleOf: 0.0001, description: 'The payment amount (multiple of 0.0001).', examples: [23.5676] }],
    ['the-checkout-session-object.md', 'metadata[].key', { type: 'string', description: 'Specifies one metadata key.', examples: ['age'] }],
    ['the-checkout-session-object.md', 'installments[].plan[].installment', { type: 'integer', description: 'The number of monthly installments shoppers can choose', examples: [3] }],
    ['the-payment-object.md', 'subscription_code', { type: ['string', 'null'], description: 'Present when the payment is associated with a subscription; the subscription identifier.', examples: [null] }],
    ['the-payment-method-object-api.md', 'last_successfuly_used', { type: 'boolean', examples: [true] }],
    ['the-payment-method-object-api.md', 'last_successfuly_used_at', { type: 'string', format: 'date-time', examples: ['2023-01-24T12:50:43.938087Z'] }],
    ['the-subscription-object.md', 'payments', { type: 'array', description: 'Specifies the payments array.', items: { type: 'string', minLength: 36, maxLength: 64, description: 'The unique identifier of the payment (MAX 64; MIN 36).' } }],
    ['the-payout-object.md', 'transactions[].provider_data.id', { type: 'string', enum: ['ADDI', 'MERCADO_PAGO', 'SPINPAY', 'WOMPI'], description: 'The data provider identification. Possible values: `ADDI`, `MERCADO_PAGO`, `SPINPAY`, `WOMPI`' }],
    ['the-reports-object.md', 'status', { type: 'string', enum: ['IN_PROCESS', 'SUCCEEDED', 'DOWNLOADED', 'EXPIRED', 'FAILED', 'ERROR'] }],
    // Constants in plain text, a piece of their own (`<br/><small>HOSTED_BY_PROVIDER, HOSTED_BY_YUNO, DIRECT</small>`).
    ['the-recipient-object.md', 'onboardings[].workflow', { type: 'string', enum: ['HOSTED_BY_PROVIDER', 'HOSTED_BY_YUNO', 'DIRECT'], 'x-openEnum': true }],
    ['the-payment-object.md', 'additional_data.order.tickets[].type', { type: 'string', enum: ['VIRTUAL', 'PHYSICAL'], 'x-openEnum': true, description: 'Type of ticket VIRTUAL / PHYSICAL' }],
    // The page says MIN 36; its own example "Arcos dorados S.A" (17; the final period read as the sentence's) is evidence.
    ['the-recipient-object.md', 'legal_name', { type: 'string', minLength: 17, maxLength: 80 }],
  ];
  it.each(cases)('%s: %s', async (file, path, want) => {
    const got = at((await doc(join(corpus, file))).schema, path);
    expect(got).toMatchObject(want);
  });

  it('keeps a 3DS transaction id valid for both versions the page describes', async () => {
    const got = at((await doc(join(corpus, 'the-payment-object.md'))).schema, 'payment_method.detail.card.three_d_secure.transaction_id');
    expect([got.type, got.minLength, got.maxLength]).toEqual(['string', 0, 40]);
  });

  it('keeps enum meanings from VALUE=meaning list items (subscription status)', async () => {
    const got = at((await doc(join(corpus, 'the-subscription-object.md'))).schema, 'status');
    expect(got.enum).toEqual(['ACTIVE', 'PAUSED', 'COMPLETED', 'CANCELED']);
    expect(got['x-enumDescriptions']?.CANCELED).toBe('Subscription canceled.');
  });

  it('marks `id*` required inside a nested object', async () => {
    const got = at((await doc(join(corpus, 'the-subscription-object.md'))).schema, 'customer_payer');
    expect(got.required).toEqual(['id']);
  });

  it('leaves commented-out fields out', async () => {
    const payment = (await doc(join(corpus, 'the-payment-object.md'))).schema;
    // The payment page comments out a CHECKOUT/DIRECT description of `workflow`; its enum comes from the live list.
    expect(at(payment, 'workflow').enum).toEqual(['SDK_CHECKOUT', 'DIRECT', 'REDIRECT']);
    expect(JSON.stringify(payment)).not.toContain('DIRECT/REDIRECT');
  });

  it('declares CountryCode once per schema with the 249 codes and their names', async () => {
    const s = (await doc(join(corpus, 'the-payment-object.md'))).schema;
    const cc = s.$defs?.CountryCode;
    expect(cc?.enum).toHaveLength(249);
    expect(cc?.enum?.slice(0, 3)).toEqual(['AI', 'AG', 'AR']);
    expect(cc?.['x-enumDescriptions']?.CO).toBe('Colombia');
    expect(Object.keys(s.$defs ?? {})).toEqual(['CountryCode']);
  });
});

describe('corpus: every example validates against its own subschema', () => {
  const ajv = new Ajv2020({ ...AJV_OPTIONS, allErrors: true });
  addFormats(ajv);
  ajv.addVocabulary([...YUNO_KEYWORDS]);
  it.each(all.map((f) => [f.slice(corpus.length + 1)]))('%s', async (rel) => {
    const d = await doc(join(corpus, rel));
    const failures: string[] = [];
    let checked = 0;
    const walk = (s: JsonSchema, pointer: string): void => {
      for (const example of s.examples ?? []) {
        checked++;
        const validate = ajv.compile({ ...s, $defs: d.schema.$defs, $schema: undefined, $id: undefined });
        if (!validate(example)) failures.push(`${pointer}: ${JSON.stringify(example)} ${ajv.errorsText(validate.errors)}`);
      }
      for (const [k, v] of Object.entries(s.properties ?? {})) walk(v, `${pointer}/properties/${k}`);
      if (s.items) walk(s.items, `${pointer}/items`);
    };
    walk(d.schema, '');
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });
});

describe('the three formats of the Customer Session page', () => {
  const overrides = join(repoRoot, 'schema', 'the-customer-session-object.overrides.json');
  const pages = {
    seed: join(repoRoot, 'schema', 'the-customer-session-object.md'),
    readme: join(corpus, 'the-customer-session-object.md'),
    legacy: join(corpus, 'the-customer-session-object.legacy-block-html.md'),
    mintlify: join(corpus, 'mintlify', 'the-customer-session-object.mdx'),
  };
  it('give identical properties and required', async () => {
    const [seed, readmeDoc, legacy, mdx] = await Promise.all(Object.values(pages).map((p) => extractFile(p, overrides)));
    // The seed and its legacy form say the same words; the current ReadMe and Mintlify pages link ISO 3166-1 to Wikipedia.
    expect(legacy!.schema.properties).toEqual(seed!.schema.properties);
    expect(mdx!.schema.properties).toEqual(readmeDoc!.schema.properties);
    const noDescriptions = (s: JsonSchema) => JSON.parse(JSON.stringify(s.properties, (k, v) => (k === 'description' ? undefined : v)));
    expect(noDescriptions(readmeDoc!.schema)).toEqual(noDescriptions(seed!.schema));
    for (const d of [readmeDoc!, legacy!, mdx!]) {
      expect(d.schema.required).toEqual(['customer_session', 'customer_id', 'country', 'callback_url', 'created_at']);
      expect(d.name).toBe('CustomerSession');
    }
  });
});
