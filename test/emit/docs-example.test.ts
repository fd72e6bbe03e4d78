import { describe, expect, test } from 'vitest';
import { buildDocsModel, exampleObject } from '../../generators/emit/docs-model.js';
import { YUNO_KEYWORDS, type JsonSchema } from '../../generators/types.js';
import { docOf, readSchema } from './docs-helpers.js';

/** AJV as the generated validators are specified: draft 2020-12, full formats, our annotation keywords. */
async function compile(schema: JsonSchema): Promise<(value: unknown) => boolean> {
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  // ajv-formats is CommonJS: its plugin is `module.exports.default`.
  const formats = await import('ajv-formats');
  const addFormats = formats.default as unknown as typeof formats.default.default;
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true });
  addFormats(ajv);
  for (const keyword of YUNO_KEYWORDS) ajv.addKeyword(keyword);
  const validate = ajv.compile(schema);
  return (value) => {
    const ok = validate(value);
    if (!ok) console.error(JSON.stringify(validate.errors));
    return ok;
  };
}

function dateTimes(lengths: number[]): JsonSchema {
  const properties = Object.fromEntries(
    lengths.map((n) => [`t${n}`, { type: 'string', format: 'date-time', minLength: n, maxLength: n } as JsonSchema]),
  );
  return { type: 'object', properties, required: Object.keys(properties) };
}

describe('the complete example object is accepted by the schema', () => {
  // The hostile fixture has no `additionalProperties: false`: AJV 8 counts a declared `__proto__` field as
  // an additional property (and skips its other checks), so it would refuse a correct object.
  test.each([
    'schema/customer-session.schema.json',
    'test/fixtures/docs/nested.schema.json',
    'test/fixtures/docs/hostile.schema.json',
  ])('%s', async (path) => {
    const schema = readSchema(path);
    const example = exampleObject(schema);
    const validate = await compile(schema);
    expect(validate(example)).toBe(true);
    // The page shows exactly this object.
    expect(JSON.parse(buildDocsModel(docOf(path, 'x')).example)).toEqual(example);
  });

  test('a page example that breaks the schema is not used', async () => {
    const schema = readSchema('test/fixtures/docs/nested.schema.json');
    const validate = await compile(schema);
    const withPageExamples = { ...(exampleObject(schema) as object), status: 'ACTIVE' };
    expect(validate(withPageExamples)).toBe(false);
  });

  const hard: [string, JsonSchema][] = [
    // 21 is missing on purpose: no RFC 3339 date-time has 21 characters.
    ['date-time lengths 20, 22..40', dateTimes([20, ...Array.from({ length: 19 }, (_, i) => 22 + i)])],
    ['numbers', { type: 'object', properties: { a: { type: 'number', minimum: 0.3, multipleOf: 0.1 }, b: { type: 'integer', maximum: -7, multipleOf: 3 }, c: { type: 'integer', minimum: 5, maximum: 5 } }, required: ['a', 'b', 'c'] }],
    ['formats', { type: 'object', properties: { d: { type: 'string', format: 'date' }, e: { type: 'string', format: 'email' }, u: { type: 'string', format: 'uri' }, i: { type: 'string', format: 'uuid' } }, required: ['d', 'e', 'u', 'i'] }],
    ['bad examples', { type: 'object', properties: { d: { type: 'string', format: 'date-time', examples: ['2022-02-29T00:00:00Z'] }, n: { type: 'integer', examples: [1.5] }, s: { type: 'string', minLength: 2, examples: ['😀'] } }, required: ['d', 'n', 's'] }],
    ['arrays', { type: 'object', properties: { a: { type: 'array', minItems: 3, maxItems: 3, items: { type: 'object', properties: { x: { type: 'string' } }, required: ['x'] } }, b: { type: 'array', maxItems: 0, items: { type: 'string' } } }, required: ['a', 'b'] }],
  ];
  test.each(hard)('%s', async (_name, schema) => {
    expect((await compile(schema))(exampleObject(schema))).toBe(true);
  });
});
