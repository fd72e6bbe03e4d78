/**
 * Issue 17, names: one naming function (generators/rules/names.ts) names every type, so a title with a
 * digit followed by letters ("The Payment 3DS Object", "OAuth2Token") is declared with the name its
 * validators, docs and exports use. The strict compile of such output is in names-typecheck.test.ts.
 */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generate } from '../../generators/index.js';
import { tablePage } from './code-helpers.js';
import { defTypeName, isTypeName, typeName, words } from '../../generators/rules/names.js';

const require = createRequire(import.meta.url);
// json-schema-to-typescript spells every name it declares with this function, whatever it is given.
const { toSafeString } = require('json-schema-to-typescript/dist/src/utils.js') as { toSafeString: (s: string) => string };

describe('typeName', () => {
  it.each([
    [['customer', 'session'], 'CustomerSession'],
    [['payment', '3ds'], 'Payment3Ds'],
    [['oauth2token'], 'Oauth2Token'],
    [['OAuth2Token'], 'OAuth2Token'],
    [['3ds'], '_3Ds'],
    [['v2', 'data'], 'V2Data'],
    [['payment', 'method', 'api'], 'PaymentMethodApi'],
  ])('%j → %s', (parts, name) => {
    expect(typeName(parts)).toBe(name);
    expect(isTypeName(name)).toBe(true);
  });

  it('names definitions: keys that are identifiers become type names', () => {
    expect(['CountryCode', 'foo', 'a_string', 'Token3ds', '$x'].map(defTypeName)).toEqual(['CountryCode', 'Foo', 'AString', 'Token3Ds', 'X']);
    expect(['Payment3ds', 'Foo_bar', 'foo', ''].map(isTypeName)).toEqual([false, false, false, false]);
  });

  it('drops accents instead of letters', () => {
    expect(typeName(words('The Pagó Object'))).toBe('ThePagoObject');
  });

  it('gives json-schema-to-typescript\'s own spelling of the name, for any words', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[A-Za-z0-9]{1,6}$/), { minLength: 1, maxLength: 4 }), (parts) => {
        const name = typeName(parts);
        expect(toSafeString(name)).toBe(name);
        expect(isTypeName(name)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('titles with a digit followed by letters', () => {
  it.each([
    ['The Payment 3DS Object', 'payment-3ds', 'Payment3Ds'],
    ['OAuth2Token', 'oauth2token', 'Oauth2Token'],
    ['The 3DS Object', '3ds', '_3Ds'],
  ])('%s: the interface is declared with the name every export uses', async (title, slug, name) => {
    const { schemas, files } = await generate({ pages: [{ path: 'page.md', bytes: Buffer.from(tablePage(title)) }] });
    expect(schemas[0]?.name).toBe(name);
    const dts = files.find((f) => f.path === `${slug}.d.ts`)?.contents ?? '';
    const declared = [...dts.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]);
    // The object's interface, then its nested objects' (named after it: naming.ts).
    expect(declared).toEqual([name, `${name}ThreeDs`]);
    expect(dts).toContain(`export declare function is${name}(value: unknown): value is ${name};`);
    const docs = files.find((f) => f.path === `docs/${slug}.md`)?.contents ?? '';
    expect(docs).toContain(`\`${name}\``);
  });

  it('a hand-written schema titled "Payment3ds" with definitions foo and Token3ds: declared as used', async () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: 'Payment3ds',
      type: 'object',
      properties: { a: { $ref: '#/$defs/foo' }, b: { $ref: '#/$defs/Token3ds' } },
      $defs: { foo: { type: 'string' }, Token3ds: { type: 'object', properties: { v: { type: 'integer' } } } },
    };
    const { files } = await generate({ schemas: [{ path: 'p.schema.json', text: JSON.stringify(schema) }] });
    const dts = files.find((f) => f.path === 'payment3-ds.d.ts')?.contents ?? '';
    expect(dts).toContain('export interface Payment3Ds {');
    expect(dts).toContain("import type { Foo, Token3Ds } from './shared.js';");
    expect(dts).toContain('  a?: Foo\n  b?: Token3Ds\n');
    const shared = files.find((f) => f.path === 'shared.d.ts')?.contents ?? '';
    expect([...shared.matchAll(/^export (?:interface|type) (\w+)/gm)].map((m) => m[1]).sort()).toEqual(['CompiledValidator', 'Foo', 'RawIssue', 'SafeParseResult', 'StandardSchemaV1', 'Token3Ds', 'ValidationIssue']);
    expect(files.find((f) => f.path === 'index.d.ts')?.contents).toContain("export type { Foo, Token3Ds } from './shared.js';");
  });

  it('a field whose schema says nothing of its shape is unknown, whatever annotations it carries', async () => {
    const schema = {
      title: 'Loose',
      type: 'object',
      properties: {
        a: {},
        b: { description: 'Sent only as null so far.', 'x-notOnPage': true },
        c: { minLength: 2, maxLength: 9 },
        d: { description: 'An object.', type: 'object' },
        e: { description: 'A list.', items: { type: 'string' } },
      },
    };
    const { files } = await generate({ schemas: [{ path: 'loose.schema.json', text: JSON.stringify(schema) }] });
    const dts = files.find((f) => f.path === 'loose.d.ts')?.contents ?? '';
    const fields = dts.slice(dts.indexOf('export interface Loose {')).split('\n').filter((line) => /^  [a-z]\?:/.test(line));
    expect(fields).toEqual(['  a?: unknown', '  b?: unknown', '  c?: unknown', '  d?: {', '  e?: string[]']);
  });

  it('a definition name that cannot be a type name is one error at its escaped pointer', async () => {
    const reserved = 'use a PascalCase name not used by an object or by ValidationError, ValidationIssue, RawIssue, CompiledValidator, SafeParseResult, StandardSchemaV1';
    for (const [name, ref, at] of [['a/b', 'a~1b', 'a~1b'], ['m~n', 'm~0n', 'm~0n'], ['ValidationError', 'ValidationError', 'ValidationError'], ['Twins', 'Twins', 'Twins']] as const) {
      const schema = { title: 'Twins', type: 'object', properties: { a: { $ref: `#/$defs/${ref}` } }, $defs: { [name]: { type: 'string' } } };
      await expect(generate({ schemas: [{ path: 'twins.schema.json', text: JSON.stringify(schema) }] }), name).rejects.toThrow(
        `twins.schema.json (/$defs/${at}): definition name ${JSON.stringify(name)} cannot be a type name here; ${reserved}`,
      );
    }
  });

  it('two definitions that would be one type name are an error naming both', async () => {
    const schema = { title: 'Twins', type: 'object', properties: { a: { $ref: '#/$defs/foo' }, b: { $ref: '#/$defs/Foo' } }, $defs: { foo: { type: 'string' }, Foo: { type: 'integer' } } };
    await expect(generate({ schemas: [{ path: 'twins.schema.json', text: JSON.stringify(schema) }] })).rejects.toThrow(
      'twins.schema.json (/$defs/Foo): definitions "foo" and "Foo" would both be the type "Foo"; rename one',
    );
  });
});
