// One table per named convention, cases drawn from the real pages in ../shared/yuno-pages.
import { describe, expect, it } from 'vitest';
import { typeWord } from '../../generators/rules/type-words.js';
import { constraints } from '../../generators/rules/constraints.js';
import { exampleValue, splitExample } from '../../generators/rules/examples.js';
import { objectWords, typeName, kebabCase } from '../../generators/rules/names.js';
import { requiredness } from '../../generators/rules/required.js';
import { repairMojibake } from '../../generators/page/read.js';
import { tidy } from '../../generators/page/segments.js';
import { resolveHref } from '../../generators/rules/links.js';
import { extractText, fieldOf, htmlBlockPage, messageOf, schemaOfField } from './helpers.js';

describe('rule: type words', () => {
  const cases: [string, ReturnType<typeof typeWord>][] = [
    ['string', { type: { kind: 'string' }, nullable: false }],
    ['string ', { type: { kind: 'string' }, nullable: false }],
    ['enum', { type: { kind: 'enum' }, nullable: false }],
    ['timestamp', { type: { kind: 'string', format: 'date-time' }, nullable: false }],
    ['Timestamp', { type: { kind: 'string', format: 'date-time' }, nullable: false }],
    ['date', { type: { kind: 'string', format: 'date' }, nullable: false }],
    ['integer', { type: { kind: 'integer' }, nullable: false }],
    ['int', { type: { kind: 'integer' }, nullable: false }],
    ['number', { type: { kind: 'number' }, nullable: false }],
    ['float', { type: { kind: 'number' }, nullable: false }],
    ['boolean', { type: { kind: 'boolean' }, nullable: false }],
    ['bool', { type: { kind: 'boolean' }, nullable: false }],
    ['object', { type: { kind: 'object' }, nullable: false }],
    ['struct', { type: { kind: 'object' }, nullable: false }],
    ['array of objects', { type: { kind: 'array', of: 'object' }, nullable: false }],
    ['array of object', { type: { kind: 'array', of: 'object' }, nullable: false }],
    ['Array of strings', { type: { kind: 'array', of: 'string' }, nullable: false }],
    ['array of enums', { type: { kind: 'array', of: 'enum' }, nullable: false }],
    ['string | null', { type: { kind: 'string' }, nullable: true }],
    ['STRING', { type: { kind: 'string' }, nullable: false }],
    ['enum<string>', { type: { kind: 'enum' }, nullable: false }],
    ['number<float>', { type: { kind: 'number' }, nullable: false }],
    ['string<date-time>', { type: { kind: 'string', format: 'date-time' }, nullable: false }],
    ['integer<int64> | null', { type: { kind: 'integer' }, nullable: true }],
    // Markdown-table pages (Yuno's Seller page) qualify in parentheses.
    ['string (UUID)', { type: { kind: 'string' }, nullable: false }],
    ['string (date-time)', { type: { kind: 'string', format: 'date-time' }, nullable: false }],
    ['timestamp (ISO 8601)', { type: { kind: 'string', format: 'date-time' }, nullable: false }],
    ['string (UUID) | null', { type: { kind: 'string' }, nullable: true }],
    // Arrays written as Mintlify's generated pages write them, and items of every scalar kind.
    ['enum<string>[]', { type: { kind: 'array', of: 'enum' }, nullable: false }],
    ['string<uuid>[] | null', { type: { kind: 'array', of: 'string' }, nullable: true }],
    ['object[]', { type: { kind: 'array', of: 'object' }, nullable: false }],
    // `array<string>` was read as an array of objects.
    ['array<string>', { type: { kind: 'array', of: 'string' }, nullable: false }],
    ['array<object>', { type: { kind: 'array', of: 'object' }, nullable: false }],
    ['array of booleans', { type: { kind: 'array', of: 'boolean' }, nullable: false }],
    ['boolean[]', { type: { kind: 'array', of: 'boolean' }, nullable: false }],
    ['array of timestamps', { type: { kind: 'array', of: 'string', format: 'date-time' }, nullable: false }],
    ['list of dates', { type: { kind: 'array', of: 'string', format: 'date' }, nullable: false }],
    ['array of arrays', undefined],
    ['array (of objects)', undefined],
    ['string (nullable)', { type: { kind: 'string' }, nullable: true }],
    ['integer, nullable', { type: { kind: 'integer' }, nullable: true }],
    ['string (', undefined],
    ['strin', undefined],
    ['array of widgets', undefined],
    ['string | integer', undefined],
    ['', undefined],
  ];
  it.each(cases)('%j', (word, want) => {
    expect(typeWord(word)).toEqual(want);
  });
});

describe('rule: constraints', () => {
  const cases: [string, { max?: number; min?: number; multipleOf?: number }, string[]][] = [
    ['The customer session that has been created for the enrollment (MAX 64; MIN 36).', { max: 64, min: 36 }, []],
    ['The unique identifier (MAX 64, MIN 36).', { max: 64, min: 36 }, []],
    ['Account id (MAX: 64; MIN: 36).', { max: 64, min: 36 }, []],
    ['Sender first name (MAX 80).', { max: 80 }, []],
    ['Key of the metadata (MIN 1).', { min: 1 }, []],
    ['Code (MIN:3 y MAX:10)', { max: 10, min: 3 }, []],
    ['Code (Min: 1, max:10)', { max: 10, min: 1 }, []],
    ['Plan id (MAX 64 ; MIN 64).', { max: 64, min: 64 }, []],
    ['Country (MAX 2; MIN 2; ISO 3166-1).', { max: 2, min: 2 }, []],
    ['The customer (MAX\n 255; MIN\n 3).', { max: 255, min: 3 }, []],
    ['The payment amount (multiple of 0.0001).', { multipleOf: 0.0001 }, []],
    ['Attachment (Max size: 5MB).', {}, []],
    ['Name (Max. 80; Min. 1).', { max: 80, min: 1 }, []],
    ['Name (MAX LENGTH 80, MIN LENGTH 2).', { max: 80, min: 2 }, []],
    ['Reference (maximum 40).', { max: 40 }, []],
    ['A maximum of three retries.', {}, []],
    ['No limits here.', {}, []],
    // One bound per 3DS version: the loosest of them is kept.
    ['For 3DS v1: XID (MAX: 40, MIN: 0). For 3DS v2: DS id (MAX: 36; MIN: 36).', { max: 40, min: 0 }, []],
    ['Broken (MAX 3; MIN 5).', { max: 3, min: 5 }, ['MIN 5 is greater than MAX 3; swap or correct them']],
    // A value's bound keeps its decimals (it was read as 999); a sentence's final period is no decimal.
    ['The yearly rate (MAX 999.99; MIN 0.5).', { max: 999.99, min: 0.5 }, []],
    ['Plan id (MAX 64.)', { max: 64 }, []],
  ];
  it.each(cases)('%j', (text, want, problems) => {
    expect(constraints(text)).toEqual({ value: want, problems });
  });

  it('applies MAX/MIN as lengths on strings, digits on numbers, items on arrays', async () => {
    expect(await schemaOfField('<p><strong><code>a</code></strong> <small>string</small><br/>A (MAX 64; MIN 36).</p>')).toEqual({
      type: 'string',
      minLength: 36,
      maxLength: 64,
      description: 'A (MAX 64; MIN 36).',
    });
    expect(await schemaOfField('<p><strong><code>a</code></strong> <small>integer</small><br/>Month (MAX 2; MIN 1).</p>')).toEqual({
      type: 'integer',
      description: 'Month (MAX 2; MIN 1).',
      'x-maxDigits': 2,
      'x-minDigits': 1,
    });
    // A count: values (rule "numeric bounds", test/extract/truth-rules.test.ts).
    expect(await schemaOfField('<p><strong><code>a</code></strong> <small>integer</small><br/>Installments (MAX 2; MIN 1).</p>')).toEqual({
      type: 'integer',
      description: 'Installments (MAX 2; MIN 1).',
      minimum: 1,
      maximum: 2,
    });
    expect(await schemaOfField('<p><strong><code>a</code></strong> <small>Array of strings</small><br/>Tags (MAX 5; MIN 1).</p>')).toEqual({
      type: 'array',
      description: 'Tags (MAX 5; MIN 1).',
      items: { type: 'string' },
      minItems: 1,
      maxItems: 5,
    });
  });

  it('bounds a number by a decimal MAX as a value; a decimal MAX on a string (a number documented as a string) bounds nothing', async () => {
    expect(await schemaOfField('<p><strong><code>rate</code></strong> <small>number</small><br/>The yearly rate (MAX 999.99; MIN 0).</p>')).toEqual({
      type: 'number',
      description: 'The yearly rate (MAX 999.99; MIN 0).',
      minimum: 0,
      maximum: 999.99,
    });
    expect(await schemaOfField('<p><strong><code>amount</code></strong> <small>string</small><br/>The amount (MAX 999999.99; MIN 0.01).</p>')).toEqual({
      type: 'string',
      description: 'The amount (MAX 999999.99; MIN 0.01).',
    });
    expect(await schemaOfField('<p><strong><code>code</code></strong> <small>string</small><br/>The code (MAX 12.5; MIN 2).</p>')).toEqual({
      type: 'string',
      description: 'The code (MAX 12.5; MIN 2).',
      minLength: 2,
    });
  });
});

describe('rule: enums', () => {
  const cases: [string, string, unknown][] = [
    ['comma list with or', '<small> Possible enum values: <code>M</code>, <code>F</code> or <code>NB</code> </small>', ['M', 'F', 'NB']],
    ['Oxford comma and period', 'Possible enum values: <code>A</code>, <code>B</code>, <code>C</code>, or <code>D</code>.', ['A', 'B', 'C', 'D']],
    ['no spaces', 'Possible values: <code>A</code>,<code>B</code>,<code>C</code>', ['A', 'B', 'C']],
    ['quoted code', 'Possible values: <code>"True"</code> or <code>"False"</code>', ['True', 'False']],
    ['code run on an enum field', 'Beneficiary’s bank account type: <code>CHECKINGS</code> or <code>SAVINGS</code>.', ['CHECKINGS', 'SAVINGS']],
    ['li list', 'Possible values:<ul><li><code>INDIVIDUAL</code></li><li><code>ENTITY</code></li></ul>', ['INDIVIDUAL', 'ENTITY']],
    // Constants in plain text, a piece of their own (the recipient page's workflow, the payment page's ticket type).
    ['plain list in its own piece', '<br/><small>HOSTED_BY_PROVIDER, HOSTED_BY_YUNO, DIRECT</small>', ['HOSTED_BY_PROVIDER', 'HOSTED_BY_YUNO', 'DIRECT']],
    ['plain list with slashes', '<br/><small> VIRTUAL / PHYSICAL </small>', ['VIRTUAL', 'PHYSICAL']],
    ['plain list after the marker, or and a period', '<br/><small>Possible values: DAY, WEEK or MONTH.</small>', ['DAY', 'WEEK', 'MONTH']],
    ['plain constants inside prose are no list', 'The type (DAY, WEEK, MONTH) of the interval.', undefined],
    ['quoted words after the marker', 'Possible values: "card", "bank_transfer" or "wallet".', ['card', 'bank_transfer', 'wallet']],
    ['prose after the marker is no list', '<br/><small>Possible enum values: see the payment type list.</small>', undefined],
    ['one ordinary word after the marker is prose', '<br/><small>Possible values: any.</small>', undefined],
    ['one constant after the marker is a value', '<br/><small>Possible values: CARD.</small>', ['CARD']],
    ['li of constants before a dash', '<ul><li>ACH - Automated Clearing House</li><li>WIRE – Fedwire</li></ul>', ['ACH', 'WIRE']],
    ['li of words before a dash is prose', '<ul><li>Cards - credit and debit</li><li>WIRE - Fedwire</li></ul>', undefined],
    ['li of bare constants', 'Possible values:<ul><li>ACTIVE</li><li>INACTIVE.</li></ul>', ['ACTIVE', 'INACTIVE']],
    ['li of bare words is prose', '<ul><li>Cards</li><li>Wallets</li></ul>', undefined],
    ['one constant is no list', '<br/><small>SUCCEEDED</small>', undefined],
  ];
  it.each(cases)('%s', async (_name, html, want) => {
    const schema = await schemaOfField(`<p><strong><code>a</code></strong> <small>enum</small><br/>The value. ${html}</p>`);
    expect(schema.enum).toEqual(want);
  });

  it('keeps the meanings of VALUE=meaning and `VALUE`: meaning items', async () => {
    const a = await schemaOfField(
      '<p><strong><code>status</code></strong> <small>enum</small><br/>Status.<ul><li><small><code>ACTIVE</code>=The subscription is active.</small></li><li><small><code>PAUSED</code>=Paused.</small></li></ul></p>',
    );
    expect(a.enum).toEqual(['ACTIVE', 'PAUSED']);
    expect(a['x-enumDescriptions']).toEqual({ ACTIVE: 'The subscription is active.', PAUSED: 'Paused.' });
    const b = await schemaOfField(
      '<p><strong><code>workflow</code></strong> <small>enum</small><br/><small>Possible enum values:</small><ul><li><small><code>SDK_CHECKOUT</code>: Use Yuno SDK. </small></li><li><small><code>DIRECT</code>: Back to back.</small></li></ul></p>',
    );
    expect(b['x-enumDescriptions']).toEqual({ SDK_CHECKOUT: 'Use Yuno SDK.', DIRECT: 'Back to back.' });
  });

  it('turns a Country reference link on a two-letter field into the shared CountryCode', async () => {
    const s = await schemaOfField(
      '<p><strong><code>country</code></strong> <small>enum</small><br/>The customer\'s country (MAX 2; MIN 2; <a href="country-reference">ISO 3166-1</a>).<br/><small>Possible enum values: Check the <a href="country-reference">Country reference</a>.</small></p>',
    );
    expect(s.$ref).toBe('#/$defs/CountryCode');
    expect(s.type).toBeUndefined();
  });

  it('turns an ISO 3166-1 alpha-2 field without lengths into CountryCode too', async () => {
    const s = await schemaOfField('<p><strong><code>country</code></strong> <small>string</small><br/>The country (ISO 3166-1 alpha-2).</p>');
    expect(s.$ref).toBe('#/$defs/CountryCode');
  });

  it('keeps other references as plain strings and says so', async () => {
    const currency = await schemaOfField(
      '<p><strong><code>currency</code></strong> <small>enum</small><br/>The currency (MAX 3; MIN 3; <a href="country-reference">ISO 4217</a>).<br/><small>Possible enum values: Check the <a href="country-reference">Country reference</a>.</small></p>',
    );
    expect(currency).toEqual({
      type: 'string',
      minLength: 3,
      maxLength: 3,
      description:
        'The currency (MAX 3; MIN 3; [ISO 4217](https://docs.y.uno/reference/country-reference)). Possible enum values: Check the [Country reference](https://docs.y.uno/reference/country-reference). The values are listed in [Country reference](https://docs.y.uno/reference/country-reference); they are not checked here.',
    });
    const type = await schemaOfField(
      '<p><strong><code>type</code></strong> <small>enum</small><br/>Payment method type.<br/><small>Possible enum values: Check the <a href="payment-type-list">payment type reference</a>.</small></p>',
    );
    expect(type.enum).toBeUndefined();
    expect(type.description).toBe(
      'Payment method type. Possible enum values: Check the [payment type reference](https://docs.y.uno/reference/payment-type-list). The values are listed in [payment type reference](https://docs.y.uno/reference/payment-type-list); they are not checked here.',
    );
  });

  it('reads the values of an array of enums into its items', async () => {
    expect(await schemaOfField('<p><strong><code>types</code></strong> <small>array of enums</small><br/>Types. Possible values: <code>CARD</code>, <code>PIX</code></p>')).toEqual({
      type: 'array',
      description: 'Types. Possible values: `CARD`, `PIX`',
      items: { type: 'string', enum: ['CARD', 'PIX'], 'x-openEnum': true },
    });
    expect(await schemaOfField('<p><strong><code>types</code></strong> <small>array of enums</small><br/>The list of types.</p>')).toEqual({
      type: 'array',
      description: 'The list of types.',
      items: { type: 'string', description: 'The page lists no values for this enum, so any string is accepted.' },
    });
  });

  it('reads the values an array of strings lists, as a string field\'s', async () => {
    expect(await schemaOfField('<p><strong><code>methods</code></strong> <small>Array of strings</small><br/>The methods. Possible values: <code>CARD</code> or <code>PIX</code>.</p>')).toEqual({
      type: 'array',
      description: 'The methods. Possible values: `CARD` or `PIX`.',
      items: { type: 'string', enum: ['CARD', 'PIX'], 'x-openEnum': true },
    });
    expect(await schemaOfField('<p><strong><code>ids</code></strong> <small>Array of strings</small><br/>The ids of <code>CARD</code> payments.</p>')).toEqual({
      type: 'array',
      description: 'The ids of `CARD` payments.',
      items: { type: 'string' },
    });
  });

  it('says so when an enum lists no values', async () => {
    const s = await schemaOfField('<p><strong><code>status</code></strong> <small>enum</small><br/>The status of the transaction.<br/><small> Example: SUCCEEDED </small></p>');
    expect(s).toEqual({
      type: 'string',
      description: 'The status of the transaction. The page lists no values for this enum, so any string is accepted.',
      examples: ['SUCCEEDED'],
    });
  });
});

describe('rule: field headings', () => {
  it('reads a required star written after the name, outside its <strong>', async () => {
    const doc = await extractText(htmlBlockPage('<p><strong><code>id</code></strong>* <small>string</small><br/>The id.</p>'));
    expect(doc.schema.properties).toEqual({ id: { type: 'string', description: 'The id.' } });
    expect(doc.schema.required).toEqual(['id']);
  });

  it('reads <strong><code>, <code><strong> and a bare <code> followed by the type word', async () => {
    for (const head of ['<strong><code>id</code></strong>', '<code><strong>id</strong></code>', '<b><code>id</code></b>', '<code>id</code>']) {
      expect(await schemaOfField(`<p>${head} <small>string</small><br/>The id (MAX 5).</p>`)).toEqual({ type: 'string', maxLength: 5, description: 'The id (MAX 5).' });
    }
  });
});

describe('rule: requiredness', () => {
  const cases: [string, string, string, { name: string; required: boolean }][] = [
    ['id*', '', 'The id.', { name: 'id', required: true }],
    ['id *', '', 'The id.', { name: 'id', required: true }],
    ['id', '', 'The id.', { name: 'id', required: false }],
    ['installments', '', '[Optional] The object to send the installment plan.', { name: 'installments', required: false }],
    ['subscription_code', 'optional', 'The code.', { name: 'subscription_code', required: false }],
    ['name', 'required', 'The name.', { name: 'name', required: true }],
    ['name', '', '[Required] The name.', { name: 'name', required: true }],
    ['name', 'optional', '[Required] The name.', { name: 'name', required: false }],
  ];
  it.each(cases)('%j marks %j', (name, marks, description, want) => {
    expect(requiredness(fieldOf({ name, marks }), description)).toEqual(want);
  });
});

describe('rule: examples', () => {
  const cases: [string, 'string' | 'integer' | 'number' | 'boolean', boolean, unknown][] = [
    ['fe50d39a-5a1c-11ed-9b6a-0242ac120002', 'string', false, { value: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002' }],
    ['www.your-url.com', 'string', false, { value: 'www.your-url.com' }],
    ['2022-05-09T20:46:54.786342Z.', 'string', false, { value: '2022-05-09T20:46:54.786342Z' }],
    ['"2023-01-24T12:50:43.938087Z"', 'string', false, { value: '2023-01-24T12:50:43.938087Z' }],
    ['3', 'integer', false, { value: 3 }],
    ['3.5', 'integer', false, undefined],
    ['23.5676', 'number', false, { value: 23.5676 }],
    ['12100.00', 'number', false, { value: 12100 }],
    ['True', 'boolean', false, { value: true }],
    ['false', 'boolean', false, { value: false }],
    ['null', 'string', true, { value: null }],
    ['null', 'string', false, undefined],
    ['PLAN_CREATION_DATE', 'number', false, undefined],
    // A parenthesised remark describes a value in prose (the Payment page, issue 12): no value.
    ['(empty string when not from a payment link)', 'string', false, undefined],
    ['(empty string when not from a payment link).', 'string', false, undefined],
    ['(1)', 'integer', false, undefined],
    ['(a) or (b)', 'string', false, { value: '(a) or (b)' }],
  ];
  it.each(cases)('%j as %s', (raw, type, nullable, want) => {
    expect(exampleValue(raw, type, nullable)).toEqual(want);
  });

  it('takes the example out of the description, inside or outside <small>, but not "for example:" prose', () => {
    const seg = (text: string) => ({ markdown: text, text, codes: [], links: [] });
    expect(splitExample([seg('The id (MAX 64).'), seg('Example: abc')])).toEqual({ description: [seg('The id (MAX 64).')], example: 'abc' });
    expect(splitExample([seg('Key (for example: order_id).')])).toEqual({ description: [seg('Key (for example: order_id).')] });
    expect(splitExample([seg('The rate. Example: 1.5')]).example).toBe('1.5');
    // "Example:" ending its piece: the value is the next one (a fenced block, a line of its own).
    expect(splitExample([seg('Meta.'), seg('Example:'), seg('{"a": 1}'), seg('More.')])).toEqual({ description: [seg('Meta.'), seg('More.')], example: '{"a": 1}' });
    // The next piece is the value only when it can be one: a token, a quoted string, JSON, code.
    expect(splitExample([seg('Meta.'), seg('Example:'), seg('ACTIVE')])).toEqual({ description: [seg('Meta.')], example: 'ACTIVE' });
    expect(splitExample([seg('Example:'), seg('"John Doe"')])).toEqual({ description: [], example: '"John Doe"' });
    expect(splitExample([seg('Example:'), seg('[1, 2]')])).toEqual({ description: [], example: '[1, 2]' });
    // A sentence after a bare "Example:" is more description: no example, nothing lost.
    expect(splitExample([seg('The a. Example:'), seg('The value depends on the country of the payment.')])).toEqual({
      description: [seg('The a. Example:'), seg('The value depends on the country of the payment.')],
    });
    expect(splitExample([seg('Meta. Example:')])).toEqual({ description: [seg('Meta. Example:')] });
    // Prose in parentheses after the marker stays in the description (issue 12).
    expect(splitExample([seg('The code.'), seg('Example: (empty string when not from a payment link)')])).toEqual({
      description: [seg('The code.'), seg('Example: (empty string when not from a payment link)')],
    });
  });

  it('drops a format the page\'s own example breaks and widens a bound it breaks, and says so (the example is evidence)', async () => {
    const date = await schemaOfField('<p><strong><code>d</code></strong> <small>date</small><br/>A date.<br/><small> Example: 2022-05-09T00:00:00.000000Z </small></p>');
    expect(date).toEqual({
      type: 'string',
      description: 'A date.',
      examples: ['2022-05-09T00:00:00.000000Z'],
      'x-reconciled': [{ rule: 'format', page: 'format date (line 9)', api: '"2022-05-09T00:00:00.000000Z"', result: 'no format', count: 1, evidence: ["test-page.md line 9 (the page's example)"] }],
    });
    const long = await schemaOfField('<p><strong><code>s</code></strong> <small>string</small><br/>Short (MAX 3).<br/><small> Example: abcdef </small></p>');
    expect(long).toEqual({
      type: 'string',
      maxLength: 6,
      description: 'Short (MAX 3).',
      examples: ['abcdef'],
      'x-reconciled': [{ rule: 'bounds', page: 'MAX 3 (line 9)', api: '"abcdef" (6 characters)', result: 'maxLength 6', count: 1, evidence: ["test-page.md line 9 (the page's example)"] }],
    });
    // An example of another type is no value of the field at all: dropped, nothing widened.
    const number = await schemaOfField('<p><strong><code>n</code></strong> <small>integer</small><br/>A count.<br/><small> Example: many </small></p>');
    expect(number).toEqual({ type: 'integer', description: 'A count.' });
  });
});

describe('rule: text', () => {
  const mojibake: [string, string][] = [
    ['providerÂ´s environment', 'provider´s environment'],
    ['customerâ€™s', 'customer’s'],
    ['cafÃ©', 'café'],
    ['Bogotá', 'Bogotá'],
    ['São Paulo', 'São Paulo'],
    ['naïve Ã', 'naïve Ã'],
  ];
  it.each(mojibake)('repairs %j', (input, want) => {
    expect(repairMojibake(input)).toBe(want);
  });
  it('normalises whitespace and the space before closing punctuation', () => {
    expect(tidy('Creation date (MAX 27; MIN 27; ISO 8601 ).\n   ')).toBe('Creation date (MAX 27; MIN 27; ISO 8601).');
  });
  it('resolves relative links into Yuno\'s reference and drops script links', () => {
    expect(resolveHref('country-reference')).toBe('https://docs.y.uno/reference/country-reference');
    expect(resolveHref('/reference/country-reference')).toBe('https://docs.y.uno/reference/country-reference');
    expect(resolveHref('https://en.wikipedia.org/wiki/ISO_8601')).toBe('https://en.wikipedia.org/wiki/ISO_8601');
    expect(resolveHref('javascript:alert(1)')).toBe('');
  });
});

describe('rule: object names', () => {
  const cases: [string, string, string, string][] = [
    ['The Customer Session Object', 'schema/the-customer-session-object.md', 'CustomerSession', 'customer-session'],
    ['The Customer Session Object', 'the-customer-session-object.legacy-block-html.md', 'CustomerSession', 'customer-session'],
    ['The Payment Method Object', 'the-payment-method-object-api.md', 'PaymentMethodApi', 'payment-method-api'],
    ['The Recipient Object', 'eb-the-recipient-object.md', 'EbRecipient', 'eb-recipient'],
    ['The Reports Object', 'page.md', 'Reports', 'reports'],
    ['', 'the-payout-object.md', 'Payout', 'payout'],
  ];
  it.each(cases)('%j in %s', (title, file, name, slug) => {
    const w = objectWords(title, file);
    expect([typeName(w), kebabCase(w)]).toEqual([name, slug]);
  });
});
