// A generalisation probe: four objects no corpus page documents (Webhook, Installments Plan, Banking
// Account, Plan), written the way Yuno writes its pages (test/fixtures/unseen/: each as a ReadMe <HTMLBlock>, a
// legacy [block:html] and a Mintlify page, with the quirks of the real ones), modelled on the payloads
// of Yuno's OpenAPI files for them; the descriptions are our own words, none copied from those files or
// pages. The three formats give one schema; the fields read as the words say; generated with those
// OpenAPI files, the validators accept every 2xx example of them (not held out: reconciliation read them),
// and from the pages alone 7 of the 17.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { extractAll } from '../../generators/extract.js';
import { readOpenApi } from '../../generators/openapi/read.js';
import { read } from '../../generators/page/read.js';
import { matchObjects, type Sample } from '../../generators/reconcile/match.js';
import type { JsonSchema, SchemaDocument } from '../../generators/types.js';
import ts from 'typescript';
import { tempDir, writeFiles, type Api } from '../emit/code-helpers.js';
import { STRICT, ts5 } from '../emit/tsc-helpers.js';
import { at, extractFile, extractText, htmlBlockPage, messageOf, repoRoot, shared } from './helpers.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'unseen');
const apiDir = join(shared, 'yuno-openapi');
const OBJECTS = ['the-webhook-object', 'the-installments-plan-object', 'the-banking-account-object', 'the-plan-object'] as const;
const FORMATS = ['.md', '.legacy-block-html.md', '.mdx'] as const;
/** The OpenAPI files whose operations return the four objects. */
const API_FILES = ['webhooks/*.json', 'installments/*.json', 'banking-connectivity/accounts/*.json', 'plans/*.json'];

const docs = new Map<string, Promise<SchemaDocument>>();
const doc = (file: string): Promise<SchemaDocument> => {
  if (!docs.has(file)) docs.set(file, extractFile(join(fixtures, file)));
  return docs.get(file)!;
};

/** Every field path, `[]` stepping into the items of an array of objects. */
function fieldPaths(schema: JsonSchema, prefix = ''): string[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    const items = child.items as JsonSchema | undefined;
    return [path, ...fieldPaths(child, path), ...(items?.properties ? fieldPaths(items, `${path}[]`) : [])];
  });
}

describe('unseen pages: the three formats of an object give one schema', () => {
  it.each(OBJECTS)('%s', async (object) => {
    const formatOf = (f: string): string => read({ path: f, bytes: readFileSync(join(fixtures, object + f)) }).format;
    expect(FORMATS.map(formatOf)).toEqual(['readme-htmlblock', 'readme-legacy-block', 'mintlify-mdx']);
    const [html, legacy, mdx] = await Promise.all(FORMATS.map((f) => doc(object + f)));
    for (const other of [legacy!, mdx!]) {
      expect([other.name, other.slug]).toEqual([html!.name, html!.slug]);
      expect(other.schema).toEqual(html!.schema);
    }
  });
});

describe.each(FORMATS)('unseen pages, format %s', (format) => {
  it('has exactly the fields the page lists, at their depth', async () => {
    expect(fieldPaths((await doc(`the-webhook-object${format}`)).schema)).toEqual([
      'id', 'account_id', 'name', 'state', 'url', 'api_key', 'secret', 'hmac_client_secret', 'oauth2', 'oauth2.grant_type', 'oauth2.token_ttl',
      'oauth2_authentication_url', 'oauth2_scope', 'oauth2_include_client_id', 'payment_triggers', 'enrollment_triggers', 'subscription_triggers',
      'report_triggers', 'onboarding_triggers', 'renewal_days', 'created_at', 'updated_at',
    ]);
    // The pseudo field `installment object` holds the item's fields; `financial_costs` and `amount` are
    // written as siblings of its inner <div> in the HTML, children in the Mintlify page.
    expect(fieldPaths((await doc(`the-installments-plan-object${format}`)).schema)).toEqual([
      'id', 'name', 'account_id', 'merchant_reference', 'installments_plan', 'installments_plan[].installment', 'installments_plan[].rate',
      'installments_plan[].provider_id', 'installments_plan[].financial_costs', 'installments_plan[].financial_costs[].type',
      'installments_plan[].financial_costs[].rate', 'installments_plan[].financial_costs[].formatted_value', 'installments_plan[].amount',
      'installments_plan[].amount.currency', 'installments_plan[].amount.value', 'installments_plan[].amount.total_value', 'type', 'scheme',
      'brand', 'iin', 'country_code', 'first_installment_deferral', 'amount', 'amount.Currency', 'amount.min_value', 'amount.max_value',
      'availability', 'availability.start_at', 'availability.finish_at', 'payment_method_type', 'created_at', 'updated_at',
    ]);
    expect(fieldPaths((await doc(`the-banking-account-object${format}`)).schema)).toEqual([
      'id', 'entity_id', 'onboarding_id', 'account_id', 'provider', 'provider.account_id', 'account_type', 'status', 'account_number',
      'routing_number', 'iban', 'currency', 'balance', 'balance.available', 'balance.current', 'balance.pending', 'account_details',
      'account_details.account_name', 'account_details.sort_code', 'account_details.bsb', 'account_details.swift', 'payment_rails',
      'payment_rails.incoming', 'payment_rails.outgoing', 'supports_book_transfers', 'created_at', 'updated_at',
    ]);
  });

  it('Plan: fields at every depth, required by `name*` or `required`', async () => {
    const schema = (await doc(`the-plan-object${format}`)).schema;
    expect(fieldPaths(schema)).toEqual([
      'id', 'account_id', 'name', 'description', 'merchant_reference', 'status', 'base_amount', 'base_amount.currency', 'base_amount.value',
      'frequency', 'frequency.type', 'frequency.value', 'country_prices', 'country_prices[].country', 'country_prices[].amount',
      'country_prices[].amount.currency', 'country_prices[].amount.value', 'allowed_payment_methods', 'metadata', 'metadata[].key',
      'metadata[].value', 'phases', 'phases[].order', 'phases[].name', 'phases[].type', 'phases[].duration', 'phases[].duration.type',
      'phases[].duration.value', 'phases[].amount', 'phases[].amount.currency', 'phases[].amount.value', 'phases[].total_payments',
      'subscribers_count', 'countries', 'created_at', 'updated_at',
    ]);
    expect(schema.required).toEqual(['name', 'base_amount', 'frequency']);
  });

  const planFields: [string, JsonSchema][] = [
    ['status', {
      type: 'string',
      enum: ['ACTIVE', 'CANCELED'],
      'x-openEnum': true,
      'x-enumDescriptions': { ACTIVE: 'New subscriptions can be created from the plan.', CANCELED: 'The plan was canceled with POST /plans/{plan_id}/status.' },
      description: "The plan's state. A canceled plan keeps its subscriptions but accepts no new ones. Possible values:",
    }],
    // A line break inside the summary's <p> and a paragraph's soft break read the same.
    ['frequency.value', { type: 'integer', minimum: 1, maximum: 365, description: 'How many units pass between one charge and the next (MAX 365; MIN 1).', examples: [1] }],
    ['country_prices[].country', { $ref: '#/$defs/CountryCode', description: 'The country of the price (MAX 2; MIN 2; [ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference).' }],
    ['country_prices[].amount.value', { type: 'number', multipleOf: 0.0001, description: 'The price (multiple of 0.0001).', examples: [99.9] }],
    // A link to another list: a plain string, and the description says so.
    ['allowed_payment_methods', {
      type: 'array',
      description: 'Which payment method types subscriptions to the plan can be paid with. Possible enum values: Check the [Payment type list](https://docs.y.uno/reference/payment-type-list).',
      items: { type: 'string', description: 'The values are listed in [Payment type list](https://docs.y.uno/reference/payment-type-list); they are not checked here.' },
    }],
    ['metadata', {
      type: 'array',
      maxItems: 50,
      description: 'Your own key-value data on the plan (MAX 50). A subscription made from the plan has its own `metadata`, separate from this.',
      items: {
        type: 'object',
        description: 'A single key-value pair.',
        properties: {
          key: { type: 'string', maxLength: 48, description: 'The key of the entry (MAX 48).', examples: ['campaign'] },
          value: { type: 'string', maxLength: 512, description: 'The value of the entry (MAX 512).', examples: ['app_store'] },
        },
      },
    }],
    // "(MIN 1)" on a position: a digit count (documentation only); on "the number of units": a value.
    ['phases[].order', { type: 'integer', 'x-minDigits': 1, description: 'The position of the phase (MIN 1).', examples: [1] }],
    ['phases[].duration.value', { type: 'integer', minimum: 1, description: 'The number of units the phase lasts (MIN 1).', examples: [3] }],
    ['phases[].type', { type: 'string', enum: ['TRIAL', 'REGULAR'], 'x-openEnum': true, description: 'The kind of phase. TRIAL, REGULAR' }],
    ['phases[].total_payments', { type: ['integer', 'null'], description: 'The number of charges of the phase, computed as `duration / frequency`.', examples: [3] }],
    ['countries', {
      type: 'array',
      description: 'The countries the plan has a price for. Only in the list of plans.',
      items: { $ref: '#/$defs/CountryCode', description: 'A country (MAX 2; MIN 2; [ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1)).', examples: ['BR'] },
    }],
  ];
  it.each(planFields)('Plan %s', async (path, want) => {
    expect(at((await doc(`the-plan-object${format}`)).schema, path)).toEqual(want);
  });

  it('Plan: "`null` for the final phase" makes the phase objects nullable', async () => {
    const schema = (await doc(`the-plan-object${format}`)).schema;
    expect(at(schema, 'phases[].duration').type).toEqual(['object', 'null']);
    expect(at(schema, 'phases[].amount').type).toEqual(['object', 'null']);
    expect(at(schema, 'frequency').type).toBe('object');
  });

  it('names the objects from their titles and reads their lead paragraphs', async () => {
    const bank = await doc(`the-banking-account-object${format}`);
    expect([bank.name, bank.slug]).toEqual(['BankingAccount', 'banking-account']);
    // `&#39;` is decoded, in the Markdown before the block and in the MDX alike.
    expect(bank.schema.description).toBe("This object represents a bank account opened for an onboarded entity through Yuno's banking connectivity.");
    expect((await doc(`the-installments-plan-object${format}`)).name).toBe('InstallmentsPlan');
  });

  const webhook: [string, JsonSchema][] = [
    ['id', { type: 'string', minLength: 1, maxLength: 64, description: 'The identifier Yuno assigned to this webhook (MAX 64; MIN 1).', examples: ['12345'] }],
    // `MAX: 64, MIN:36` and `MIN:3 y MAX:255`.
    ['account_id', { type: 'string', minLength: 36, maxLength: 64, description: 'The identifier of the Yuno account that owns this webhook (MAX: 64, MIN:36).', examples: ['493e9374-510a-4201-9e09-de669d75f256'] }],
    ['name', { type: 'string', minLength: 3, maxLength: 255, description: 'A label you choose for the webhook; no two webhooks of one account may share it (MIN:3 y MAX:255).', examples: ['Production payments listener'] }],
    ['state', {
      type: 'string',
      enum: ['ACTIVE', 'INACTIVE'],
      'x-openEnum': true,
      'x-enumDescriptions': { ACTIVE: 'The webhook receives the notifications of the events it listens to.', INACTIVE: 'The deliveries are stopped; the configuration is kept.' },
      description: 'Whether the webhook is on or off. New webhooks begin as `ACTIVE`. Possible values:',
    }],
    // `{{`, `*/` and code stay text of the description; the generated code escapes them.
    ['url', {
      type: 'string',
      minLength: 3,
      maxLength: 526,
      description: 'Where Yuno delivers the notifications: an `http` or `https` address reachable from the public internet; a template such as `https://api.acme.com/hooks/{{account}}` is sent as written, braces and all */ (MAX 526; MIN 3).',
      examples: ['https://api.acme.com/yuno/webhooks'],
    }],
    ['api_key', { type: ['string', 'null'], description: 'Yuno puts it in the `x-api-key` header of each request to your endpoint. Responses replace it with `***`.', examples: ['***'] }],
    // "or give `null` if …" makes it nullable; the HTML's escaped backticks (\`x-secret\`) read as the MDX's code.
    ['secret', { type: ['string', 'null'], description: 'Yuno puts it in the `x-secret` header of each request to your endpoint. Responses replace it with `***`, or give `null` if you never set one.', examples: ['***'] }],
    ['oauth2', {
      type: 'object',
      description: '[Optional] How Yuno authenticates against your endpoint with OAuth 2.0. Sent as flat `oauth2_*` fields; listed here for reference only.',
      properties: {
        grant_type: { type: 'string', enum: ['client_credentials', 'password'], 'x-openEnum': true, description: 'Which OAuth 2.0 grant Yuno uses to obtain a token. Possible enum values: `client_credentials` or `password`.' },
        // A MAX past any count of digits bounds the value.
        token_ttl: { type: 'integer', minimum: 60, maximum: 86400, description: 'How many seconds Yuno keeps a token before it asks for a new one (MAX 86400; MIN 60).', examples: [3600] },
      },
    }],
    // Entities (`&sect;`, `&mdash;`) decoded, the link made absolute Markdown.
    ['oauth2_authentication_url', { type: 'string', minLength: 10, maxLength: 526, description: 'Where Yuno asks your server for tokens; HTTPS only (MAX 526; MIN 10). [RFC 6749 §4.4](https://datatracker.ietf.org/doc/html/rfc6749#section-4.4) describes the exchange.', examples: ['https://api.acme.com/oauth/token'] }],
    ['oauth2_scope', { type: 'string', description: 'What Yuno asks the token to cover — several scopes are separated by spaces, as in `webhooks:write payments:read`.', examples: ['webhooks:write'] }],
    ['oauth2_include_client_id', { type: 'boolean', description: 'If true, Yuno adds the client identifier to the token request as a header too.', examples: [true] }],
    ['payment_triggers.items', {
      type: 'string',
      enum: ['AUTHORIZE', 'VERIFY', 'CAPTURE', 'PURCHASE', 'REFUND', 'CANCEL', 'CHARGEBACK', 'FRAUD_SCREENING', 'PAYOUT', 'DISPUTE_UPDATE', 'INSTALLMENTS_UPDATE', 'THREE_D_SECURE', 'SETTLEMENT'],
      'x-openEnum': true,
    }],
    // "Array of strings" whose one nested field describes the item.
    ['enrollment_triggers', {
      type: 'array',
      description: 'The enrollment events that set off a notification.',
      items: { type: 'string', enum: ['ENROLL', 'UNENROLL', 'UPDATE'], 'x-openEnum': true, minLength: 3, maxLength: 32, description: 'An enrollment event (MAX 32; MIN 3). Possible enum values: `ENROLL`, `UNENROLL` or `UPDATE`' },
    }],
    ['subscription_triggers', {
      type: ['array', 'null'],
      description: 'The subscription events that set off a notification. `null` if no subscription event is selected. Possible values:',
      items: {
        type: 'string',
        enum: ['CREATE', 'CLOSE_TO_RENEWAL', 'RENEW', 'CANCEL'],
        'x-openEnum': true,
        'x-enumDescriptions': { CREATE: 'a subscription was created.', CLOSE_TO_RENEWAL: 'the renewal is renewal_days away.', RENEW: 'a billing cycle started.', CANCEL: 'someone canceled the subscription.' },
      },
    }],
    ['report_triggers', { type: 'array', items: { type: 'string' }, description: 'The report events that set off a notification. An empty list means none.', examples: [['UPDATE']] }],
    // Constants in plain text on an array of enums.
    ['onboarding_triggers', {
      type: 'array',
      description: 'Which onboarding events of [recipients](https://docs.y.uno/reference/the-recipient-object) set off a notification. CREATED, SUCCEEDED, DECLINED, BLOCKED',
      items: { type: 'string', enum: ['CREATED', 'SUCCEEDED', 'DECLINED', 'BLOCKED'], 'x-openEnum': true },
    }],
    ['renewal_days', { type: ['integer', 'null'], minimum: 1, maximum: 30, description: 'The `CLOSE_TO_RENEWAL` notification arrives this many days ahead of the renewal (MAX 30; MIN 1). Can be set as null.', examples: [5] }],
    ['updated_at', {
      type: 'string',
      format: 'date-time',
      minLength: 27,
      maxLength: 27,
      description: 'When the webhook last changed. Equal to `created_at` as long as the webhook has never been edited (MAX 27; MIN 27; [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601)).',
      examples: ['2026-07-11T16:20:44.918330Z'],
    }],
  ];
  it.each(webhook)('Webhook %s', async (path, want) => {
    const schema = (await doc(`the-webhook-object${format}`)).schema;
    const got = path.endsWith('.items') ? at(schema, path.slice(0, -'.items'.length)).items : at(schema, path);
    expect(got).toEqual(want);
  });

  const plan: [string, JsonSchema][] = [
    // "Array of strings" with one starred nested field: the item; the star makes nothing required.
    ['account_id', { type: 'array', description: 'The accounts the plan applies to.', items: { type: 'string', minLength: 36, maxLength: 64, description: "One account's identifier (MAX 64; MIN 36).", examples: ['f7c5fe77-721b-49c2-84d3-957748df3c2c'] } }],
    ['merchant_reference', { type: 'string', minLength: 3, maxLength: 255, description: 'The identifier of the plan in your systems (MAX 255; MIN 3). Use it to find the plan again with `GET /installments-plans?merchant_reference={reference}`.', examples: ['Test'] }],
    ['installments_plan[].installment', { type: 'integer', minimum: 1, maximum: 48, description: 'How many monthly installments this option splits the payment into (MAX 48; MIN 1).', examples: [3] }],
    // Mojibake (`Â´`) repaired in the HTML.
    ['installments_plan[].rate', { type: 'number', multipleOf: 0.01, description: 'The factor by which the payment provider´s acquirer raises the total of the transaction when it is paid in installments (multiple of 0.01).', examples: [1.5] }],
    ['installments_plan[].provider_id', { type: 'string', description: 'The provider that offers the installment, when only one does. Check the [Provider list](https://docs.y.uno/reference/provider-list).', examples: ['PAYU'] }],
    ['installments_plan[].financial_costs[].type', { type: 'string', enum: ['CFT', 'TEA', 'TNA', 'CFTEA'], 'x-openEnum': true, description: 'The kind of cost. CFT, TEA, TNA, CFTEA' }],
    // A decimal MAX bounds the value with its decimals.
    ['installments_plan[].financial_costs[].rate', { type: 'number', minimum: 0, maximum: 999.99, description: 'The yearly percentage of the cost (MAX 999.99; MIN 0).', examples: [45.25] }],
    ['installments_plan[].financial_costs[].formatted_value', { type: 'string', minLength: 2, maxLength: 10, description: 'The rate as shown to the customer, with the decimal comma of the country (MAX 10; MIN 2).', examples: ['45,25%'] }],
    // ISO 4217 without a list: any string of three, and the description says so.
    ['installments_plan[].amount.currency', { type: 'string', minLength: 3, maxLength: 3, description: 'The currency of the amounts (ISO 4217 MAX 3; MIN 3). The page lists no values for this enum, so any string is accepted.', examples: ['USD'] }],
    ['installments_plan[].amount.value', { type: 'string', description: 'The amount of each installment, as a decimal string.', examples: ['33.34'] }],
    // Code naming other things is no value list on a string.
    ['type', { type: 'string', description: 'The type of plan: `MERCHANT` when you finance it, `PROVIDER` when the provider does. `""` when not set.' }],
    ['iin', { type: 'string', minLength: 6, maxLength: 8, description: 'The issuer identification number the plan is limited to (MAX 8; MIN 6).', examples: ['45079900'] }],
    ['country_code', { $ref: '#/$defs/CountryCode', description: 'The country of the plan (MAX 2; MIN 2; [ISO 3166-1](https://en.wikipedia.org/wiki/ISO_3166-1)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference).' }],
    // "number of months": a count, so values.
    ['first_installment_deferral', { type: 'integer', minimum: 0, maximum: 3, description: 'How many months the first installment is pushed back (MAX 3; MIN 0).', examples: [0] }],
    ['amount.Currency', {
      type: 'string',
      minLength: 3,
      maxLength: 3,
      description: 'The currency of the range (MAX 3; MIN 3; [ISO 4217](https://en.wikipedia.org/wiki/ISO_4217)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference). The values are listed in [Country reference](https://docs.y.uno/reference/country-reference); they are not checked here.',
    }],
    ['amount.max_value', { type: 'number', multipleOf: 0.0001, description: 'The largest amount the plan applies to (multiple of 0.0001).', examples: [100000000] }],
    ['availability.start_at', { type: 'string', format: 'date-time', minLength: 20, maxLength: 27, description: 'The start date of the plan ([ISO 8601](https://en.wikipedia.org/wiki/ISO_8601) MAX 27; MIN 20).', examples: ['2023-09-12T00:00:00Z'] }],
  ];
  it.each(plan)('InstallmentsPlan %s', async (path, want) => {
    expect(at((await doc(`the-installments-plan-object${format}`)).schema, path)).toEqual(want);
  });

  it('InstallmentsPlan: the array bounds, the item required by `installment*` or `required`', async () => {
    const schema = (await doc(`the-installments-plan-object${format}`)).schema;
    const list = at(schema, 'installments_plan');
    expect([list.type, list.minItems, list.maxItems, list.description]).toEqual(['array', 1, 48, 'The installments the customer can choose from (MAX 48; MIN 1).']);
    expect((list.items as JsonSchema).required).toEqual(['installment']);
    expect((list.items as JsonSchema).description).toBe('Specifies one installment option of the plan.');
    expect(at(schema, 'installments_plan[].financial_costs').description).toBe('[Optional] The financial costs the customer pays for this installment, as regulators in Argentina (Comunicación "A" 5388) require.');
    expect(at(schema, 'brand').items).toMatchObject({ type: 'string', 'x-openEnum': true });
    expect((at(schema, 'brand').items as JsonSchema).enum).toHaveLength(20);
    expect(schema.required).toBeUndefined();
  });

  const bank: [string, JsonSchema][] = [
    // `<code><strong>id</strong></code>` and `<b><code>…</code></b>` headings; `string ` with a space.
    ['id', { type: 'string', minLength: 36, maxLength: 64, description: "Yuno's identifier for the bank account (MAX 64; MIN 36).", examples: ['acct_aa0e8400-e29b-41d4-a716-446655440000'] }],
    ['entity_id', { type: 'string', minLength: 36, maxLength: 64, description: 'The unique identifier of the [entity](https://docs.y.uno/reference/the-entity-object) that owns the account (MAX 64; MIN 36).', examples: ['ent_660e8400-e29b-41d4-a716-446655440000'] }],
    ['provider.account_id', { type: 'string', minLength: 1, maxLength: 255, description: 'The identifier of the account at the provider (Min: 1, max:255).', examples: ['col_bank_account_789'] }],
    ['account_type', { type: 'string', enum: ['CHECKING', 'SAVINGS'], 'x-openEnum': true, description: 'The kind of account at the bank: `CHECKING` or `SAVINGS`.' }],
    ['status', { type: 'string', enum: ['PENDING', 'ACTIVE', 'FROZEN', 'CLOSED'], 'x-openEnum': true, description: 'Where the bank account stands in its life cycle. PENDING, ACTIVE, FROZEN, CLOSED' }],
    // One bound per variant: the loosest of them.
    ['account_number', { type: 'string', minLength: 4, maxLength: 34, description: 'The digits that identify the account at its bank. For US accounts: (MAX 17; MIN 4). For IBAN countries: (MAX: 34, MIN: 15).', examples: ['1234567890'] }],
    ['routing_number', { type: 'string', minLength: 9, maxLength: 9, description: "The bank's ABA routing number (MAX 9; MIN 9). Only for accounts in the US.", examples: ['123456789'] }],
    ['iban', { type: ['string', 'null'], minLength: 15, maxLength: 34, description: 'The IBAN of the account, for accounts in IBAN countries (MAX 34; MIN 15). Written without spaces: `GB33BUKB20201555555555`, never `GB33 BUKB <...>`.', examples: [null] }],
    // An ISO 4217 list is closed.
    ['currency', { type: 'string', enum: ['USD', 'EUR', 'GBP', 'AUD', 'BRL'], minLength: 3, maxLength: 3, description: 'The currency of the account (MAX 3; MIN 3; [ISO 4217](https://en.wikipedia.org/wiki/ISO_4217)). Possible enum values: `USD`, `EUR`, `GBP`, `AUD` or `BRL`.' }],
    ['balance.available', { type: 'number', multipleOf: 0.01, description: 'The amount you can move now (multiple of 0.01).', examples: [5000.25] }],
    ['account_details.bsb', { type: ['string', 'null'], minLength: 6, maxLength: 6, description: 'The Australian Bank State Branch number (MAX 6; MIN 6). `null` outside Australia.', examples: ['062000'] }],
    ['account_details.swift', { type: ['string', 'null'], minLength: 8, maxLength: 11, description: 'The SWIFT/BIC code of the bank (MAX 11; MIN 8). Can be set as null.', examples: ['BUKBGB22'] }],
    ['payment_rails.incoming', {
      type: 'array',
      description: 'The rails the account can receive money through. Possible values:',
      items: {
        type: 'string',
        enum: ['ACH', 'WIRE', 'RTP', 'FEDNOW', 'SEPA', 'FPS'],
        'x-openEnum': true,
        'x-enumDescriptions': { ACH: 'Automated Clearing House', WIRE: 'Fedwire or SWIFT wire', RTP: 'The Clearing House real-time payments', FEDNOW: 'FedNow instant payments', SEPA: 'SEPA credit transfer', FPS: 'UK Faster Payments' },
      },
    }],
    ['supports_book_transfers', { type: 'boolean', description: 'Whether the account can move money to other accounts of the same bank without a payment rail. Default: false', examples: [true] }],
  ];
  it.each(bank)('BankingAccount %s', async (path, want) => {
    expect(at((await doc(`the-banking-account-object${format}`)).schema, path)).toEqual(want);
  });
});

describe('unseen pages generated with the OpenAPI files that return them', () => {
  let api: Api;
  /** The validators generated from the pages alone, without any OpenAPI file. */
  let pagesAlone: Api;
  let dir: string;
  let cases: { doc: SchemaDocument; samples: Sample[] }[];

  beforeAll(async () => {
    const pages = OBJECTS.map((o) => ({ path: `${o}.mdx`, bytes: readFileSync(join(fixtures, `${o}.mdx`)) }));
    const openapi = globSync(API_FILES, { cwd: apiDir }).sort().map((f) => ({ path: f, text: readFileSync(join(apiDir, f), 'utf8') }));
    const result = await generate({ pages, openapi, only: ['types', 'validators'] });
    dir = tempDir('unseen');
    writeFiles(dir, result.files);
    api = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const alone = tempDir('unseen-pages-alone');
    writeFiles(alone, (await generate({ pages, only: ['validators'] })).files);
    pagesAlone = (await import(pathToFileURL(join(alone, 'index.js')).href)) as Api;
    const matches = matchObjects(await extractAll(pages), await readOpenApi(openapi));
    cases = result.schemas.map((d, i) => ({ doc: d, samples: matches[i]!.samples }));
  });

  it('matches the 2xx payloads of those files to their objects', () => {
    expect(cases.map((c) => [c.doc.name, c.samples.length])).toEqual([
      ['Webhook', 6],
      ['InstallmentsPlan', 4],
      ['BankingAccount', 4],
      ['Plan', 3],
    ]);
    // The list's items, under its `items` key.
    expect(cases.find((c) => c.doc.name === 'Plan')!.samples.map((s) => s.where)).toEqual([
      'plans/create-plan.json POST /plans 200 "Result"',
      'plans/list-plans.json GET /plans 200 "Result"/items/0',
      'plans/retrieve-plan.json GET /plans/{plan_id} 200 "Result"',
    ]);
    expect(cases.find((c) => c.doc.name === 'BankingAccount')!.samples.map((s) => s.where)).toEqual([
      'banking-connectivity/accounts/close-account-banking.json DELETE /banking/accounts/{account_id} 200 "OK"',
      'banking-connectivity/accounts/create-account-banking.json POST /banking/accounts 201 "Created (Account)"',
      'banking-connectivity/accounts/get-account-details-banking.json GET /banking/accounts/{account_id} 200 "OK"',
      'banking-connectivity/accounts/update-account-banking.json PATCH /banking/accounts/{account_id} 200 "OK (Updated Account)"',
    ]);
  });

  it('declares types that compile under strict settings whatever the descriptions hold (*/, {{, backticks), and that check the fields', () => {
    writeFileSync(
      join(dir, 'consumer.mts'),
      [
        "import { isWebhook, type Webhook, type InstallmentsPlan, type Plan } from './index.js';",
        'export function url(value: unknown): string | undefined {',
        '  return isWebhook(value) ? value.url : undefined;',
        '}',
        "export const rate: NonNullable<InstallmentsPlan['installments_plan']>[number]['rate'] = 1.5;",
        "export const hook: Pick<Webhook, 'renewal_days'> = { renewal_days: null };",
        '// @ts-expect-error a number where the page says string',
        "export const badName: Pick<Plan, 'name'> = { name: 7 };",
        '',
      ].join('\n'),
    );
    const options = { ...STRICT, verbatimModuleSyntax: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(dir, options, ['consumer.mts', 'index.d.ts'])).toEqual([]);
  });

  // Not a held-out measure: reconciliation read these same payloads to shape the validators, so that they
  // accept them all says little. The next test says what the pages alone make of them.
  it('accepts every one of them, in isX and isXStrict', () => {
    for (const { doc: d, samples } of cases) {
      for (const s of samples) {
        expect(api[`is${d.name}`](s.value), s.where).toBe(true);
        expect(api[`is${d.name}Strict`](s.value), s.where).toBe(true);
      }
    }
  });

  it('from the pages alone (no OpenAPI file), the validators accept 7 of the 17, and say why not the others', () => {
    const samplesOf = (name: string): Sample[] => cases.find((c) => c.doc.name === name)!.samples;
    const accepted = (name: string, strict: boolean): [string, number, number] => {
      const samples = samplesOf(name);
      return [name, samples.filter((s) => pagesAlone[`is${name}${strict ? 'Strict' : ''}`](s.value) === true).length, samples.length];
    };
    const names = ['Webhook', 'InstallmentsPlan', 'BankingAccount', 'Plan'];
    expect(names.map((n) => accepted(n, false))).toEqual([
      ['Webhook', 0, 6],
      ['InstallmentsPlan', 0, 4],
      ['BankingAccount', 4, 4],
      ['Plan', 3, 3],
    ]);
    expect(names.map((n) => accepted(n, true))).toEqual([
      ['Webhook', 0, 6],
      ['InstallmentsPlan', 0, 4],
      ['BankingAccount', 4, 4],
      ['Plan', 2, 3],
    ]);
    const errors = (name: string, where: string): string => {
      try {
        pagesAlone[`assert${name}`](samplesOf(name).find((s) => s.where === where)!.value);
      } catch (e) {
        return (e as Error).message;
      }
      return 'accepted';
    };
    // The API sends null where the pages say nothing of null, "" under a MIN 3, and more microseconds than MAX 27.
    expect(errors('Webhook', 'webhooks/manage-webhooks.json POST /webhooks 201 "(example)"')).toBe(
      ['oauth2_authentication_url: must be string (got null)', 'oauth2_scope: must be string (got null)', 'onboarding_triggers: must be array (got null)'].join('\n'),
    );
    expect(errors('InstallmentsPlan', 'installments/update-plan.json PATCH /installments-plans/{installment_code} 200 "Result"')).toBe(
      [
        'scheme: must NOT have fewer than 3 characters (got "")',
        'iin: must be string (got null)',
        'created_at: must NOT have more than 27 characters (got "2023-10-11T17:52:31.…")',
        'updated_at: must NOT have more than 27 characters (got "2023-10-11T17:52:31.…")',
      ].join('\n'),
    );
  });

  it('rejects them with a field of the wrong type, and the strict validators a value outside an open list', () => {
    const sample = (name: string): Record<string, unknown> => structuredClone(cases.find((c) => c.doc.name === name)!.samples[0]!.value) as Record<string, unknown>;
    const hook = sample('Webhook');
    expect(api.isWebhook({ ...hook, renewal_days: '5' })).toBe(false);
    expect(api.isWebhook({ ...hook, payment_triggers: 'AUTHORIZE' })).toBe(false);
    expect(api.isWebhook({ ...hook, payment_triggers: ['REFUND', 'SOMETHING_NEW'] })).toBe(true);
    expect(api.isWebhookStrict({ ...hook, payment_triggers: ['REFUND', 'SOMETHING_NEW'] })).toBe(false);
    const plan = sample('InstallmentsPlan');
    const items = plan.installments_plan as Record<string, unknown>[];
    expect(api.isInstallmentsPlan({ ...plan, installments_plan: [{ ...items[0], installment: 49 }] })).toBe(false);
    expect(api.isInstallmentsPlan({ ...plan, installments_plan: [{ ...items[1], financial_costs: [{ type: 'CFT', rate: 999.99, formatted_value: '999,99%' }] }] })).toBe(true);
    expect(api.isInstallmentsPlan({ ...plan, installments_plan: [{ ...items[1], financial_costs: [{ type: 'CFT', rate: 1000, formatted_value: '1000%' }] }] })).toBe(false);
    const account = sample('BankingAccount');
    expect(api.isBankingAccount({ ...account, currency: 'XYZ' })).toBe(false);
    expect(api.isBankingAccount({ ...account, status: 'FROZEN' })).toBe(true);
    expect(api.isBankingAccountStrict({ ...account, status: 'DORMANT' })).toBe(false);
    expect(api.isBankingAccount({ ...account, balance: { available: 1.005, current: 0, pending: 0 } })).toBe(false);
    const plan2 = structuredClone(cases.find((c) => c.doc.name === 'Plan')!.samples[2]!.value) as Record<string, unknown>;
    const phases = plan2.phases as Record<string, unknown>[];
    expect(api.isPlan({ ...plan2, phases: [phases[0], { ...phases[1], duration: 3 }] })).toBe(false);
    expect(api.isPlan({ ...plan2, country_prices: [{ country: 'ZZ', amount: { currency: 'USD', value: 1 } }] })).toBe(false);
    const { name: _name, ...nameless } = plan2;
    expect(api.isPlan(nameless)).toBe(false);
  });
});

describe('unseen type words: arrays as Mintlify writes them', () => {
  const page = (fields: string): string => `---\ntitle: "The Test Object"\n---\n\nThe test object.\n\n${fields}\n`;
  it('reads `array<string>`, `enum<string>[]`, `boolean[]` and `array of timestamps` as arrays of those items', async () => {
    const schema = (
      await extractText(
        page(
          [
            '<ParamField body="tags" type="array<string>">\n  The tags.\n</ParamField>',
            '<ParamField body="events" type="enum<string>[]">\n  The events.\n\n  Possible enum values: `CREATE` or `RENEW`.\n</ParamField>',
            '<ParamField body="flags" type="boolean[]">\n  The flags.\n</ParamField>',
            '<ParamField body="retries_at" type="array of timestamps">\n  When the retries run (MAX 3).\n</ParamField>',
          ].join('\n\n'),
        ),
        'test-page.mdx',
      )
    ).schema;
    expect(schema.properties).toEqual({
      tags: { type: 'array', description: 'The tags.', items: { type: 'string' } },
      events: { type: 'array', description: 'The events. Possible enum values: `CREATE` or `RENEW`.', items: { type: 'string', enum: ['CREATE', 'RENEW'], 'x-openEnum': true } },
      flags: { type: 'array', description: 'The flags.', items: { type: 'boolean' } },
      retries_at: { type: 'array', description: 'When the retries run (MAX 3).', maxItems: 3, items: { type: 'string', format: 'date-time' } },
    });
  });
});

describe('unseen markup: regressions the probe found', () => {
  const mdxPage = (fields: string): string => `---\ntitle: "The Test Object"\n---\n\nThe test object.\n\n${fields}\n`;

  it('nests a field named by a dotted path under the field it names, in any format', async () => {
    const mdx = await extractText(
      mdxPage(
        [
          '<ParamField body="customer" type="object">\n  The customer.\n</ParamField>',
          '<ParamField body="customer.id" type="string" required>\n  The id (MAX 64).\n</ParamField>',
          '<ParamField body="items" type="array of objects">\n  The items.\n</ParamField>',
          '<ParamField body="items[].sku" type="string">\n  The SKU.\n</ParamField>',
        ].join('\n\n'),
      ),
      'test-page.mdx',
    );
    expect(mdx.schema.properties).toEqual({
      customer: { type: 'object', description: 'The customer.', properties: { id: { type: 'string', maxLength: 64, description: 'The id (MAX 64).' } }, required: ['id'] },
      items: { type: 'array', description: 'The items.', items: { type: 'object', properties: { sku: { type: 'string', description: 'The SKU.' } } } },
    });
    const html = await extractText(
      htmlBlockPage('<p><strong><code>customer</code></strong> <small>object</small><br/>The customer.</p><p><strong><code>customer.id*</code></strong> <small>string</small><br/>The id (MAX 64).</p>'),
    );
    expect(html.schema.properties).toEqual({ customer: mdx.schema.properties!.customer });
  });

  it('names a dotted field whose parent the page does not write before it', async () => {
    expect(await messageOf(extractText(mdxPage('<ParamField body="customer.id" type="string">\n  The id.\n</ParamField>'), 'test-page.mdx'))).toBe(
      'test-page.mdx (line 7): the field "customer.id" names a field "customer" that is not written before it; add "customer" (an object, or an array of objects) before it, or nest the field in it',
    );
    // The field as the page writes it (it was "items.sku"), and its star is no part of its name.
    expect(await messageOf(extractText(mdxPage('<ParamField body="items[].sku" type="string" required>\n  The SKU.\n</ParamField>'), 'test-page.mdx'))).toBe(
      'test-page.mdx (line 7): the field "items[].sku" names a field "items" that is not written before it; add "items" (an object, or an array of objects) before it, or nest the field in it',
    );
    expect(await messageOf(extractText(htmlBlockPage('<p><strong><code>items[].sku*</code></strong> <small>string</small><br/>The SKU.</p>')))).toBe(
      'test-page.md (line 9): the field "items[].sku" names a field "items" that is not written before it; add "items" (an object, or an array of objects) before it, or nest the field in it',
    );
  });

  it('reads an HTML list kept as JSX in a Mintlify page as the ReadMe page\'s <ul>', async () => {
    const list = '<ul>\n    <li><small><code>ACTIVE</code>=The plan is active.</small></li>\n    <li><small><code>CANCELED</code>=The plan was canceled.</small></li>\n  </ul>';
    const mdx = await extractText(mdxPage(`<ParamField body="status" type="enum">\n  The status.\n\n  Possible values:\n  ${list}\n</ParamField>`), 'test-page.mdx');
    const html = await extractText(htmlBlockPage(`<p><strong><code>status</code></strong> <small>enum</small><br/>The status.<br/><small>Possible values:</small></p>${list}`));
    expect(mdx.schema.properties!.status).toEqual({
      type: 'string',
      enum: ['ACTIVE', 'CANCELED'],
      'x-openEnum': true,
      'x-enumDescriptions': { ACTIVE: 'The plan is active.', CANCELED: 'The plan was canceled.' },
      description: 'The status. Possible values:',
    });
    expect(html.schema.properties!.status).toEqual(mdx.schema.properties!.status);
  });

  it('drops zero-width spaces pasted into names and values', async () => {
    const doc = await extractText(htmlBlockPage('<p><strong><code>id\u200b</code></strong> <small>string</small><br/>The id.<br/><small>Example: ab\u2060c\ufeff</small></p>'));
    expect(doc.schema.properties).toEqual({ id: { type: 'string', description: 'The id.', examples: ['abc'] } });
  });
});
