// Hand-written schemas the emitters cannot build are refused by the check stage, before any emitter
// (docs included) starts: one clear problem, never a stack overflow.
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { CodegenError, type JsonSchema } from '../../generators/types.js';

async function problemOf(schema: JsonSchema | string): Promise<string> {
  try {
    await generate({ schemas: [{ path: 'deep.schema.json', text: typeof schema === 'string' ? schema : JSON.stringify(schema) }] });
  } catch (error) {
    expect(error).toBeInstanceOf(CodegenError);
    return (error as Error).message;
  }
  throw new Error('expected a CodegenError');
}

describe('hand-written schemas at the limits', () => {
  it('refuses subschemas nested 10 000 deep', async () => {
    // Written as text: JSON.stringify itself overflows the stack on 10 000 levels.
    const n = 10_000;
    const text = `{"title":"Deep",${'"type":"object","properties":{"a":{'.repeat(n)}"type":"string"${'}}'.repeat(n)}}`;
    const message = await problemOf(text);
    expect(message).toMatch(/^deep\.schema\.json \(\/properties\/a(\/properties\/a)+\): subschemas are nested 10000 levels deep here, more than 200; move nested objects into "\$defs" and refer to them$/);
  });

  it('refuses a $ref chain of 10 000 definitions', async () => {
    const $defs: Record<string, JsonSchema> = { D0: { type: 'string' } };
    for (let i = 1; i < 10_000; i++) $defs[`D${i}`] = { $ref: `#/$defs/D${i - 1}` };
    const message = await problemOf({ title: 'Chain', type: 'object', properties: { a: { $ref: '#/$defs/D9999' } }, $defs });
    expect(message).toContain('deep.schema.json (');
    expect(message).toContain('more than 100');
  });

  it('accepts nesting at the limit and generates docs and code for it', async () => {
    let inner: JsonSchema = { type: 'string' };
    for (let i = 0; i < 199; i++) inner = { type: 'object', properties: { a: inner } };
    const result = await generate({ schemas: [{ path: 'ok.schema.json', text: JSON.stringify({ title: 'Nested', ...inner }) }], only: ['docs', 'types', 'validators'] });
    expect(result.files.map((f) => f.path)).toContain('docs/nested.md');
  });
});
