/**
 * Issue 17, the parsing/naming/template/validator "Low" items, each with the exact behaviour it now has:
 * overrides `{"title": 42}` (was an internal TypeError), a template whose name is none of ours (was
 * ignored without a word), `{{log}}` in a template (wrote to stdout, corrupting --json), a field named
 * `__proto__` (skipped by the validators: any value passed, and the strict ones took it for unknown).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { extract } from '../generators/extract.js';
import { generate } from '../generators/index.js';
import { defaultTemplates } from '../generators/assets.js';
import { messageOf, repoRoot } from './extract/helpers.js';
import { loadPackage } from './emit/code-helpers.js';

const SEED = join(repoRoot, 'schema', 'the-customer-session-object.md');
const seed = () => ({ path: 'the-customer-session-object.md', bytes: readFileSync(SEED) });

describe('overrides title', () => {
  it.each([
    ['{"title": 42}', '42'],
    ['{"title": "!!!"}', '"!!!"'],
    ['{"title": null}', 'null'],
  ])('%s is one clear error', async (text, shown) => {
    const page = { ...seed(), overrides: { path: 'the-customer-session-object.overrides.json', text } };
    expect(await messageOf(extract(page))).toBe(
      `the-customer-session-object.overrides.json (/title): "title" must be a string with letters or digits, such as "The Payment Object" (got ${shown})`,
    );
  });
});

describe('templates', () => {
  it('a template whose name is none of ours is an error naming it and the names there are', async () => {
    const templates = { 'objekt.d.ts.hbs': { source: 'x', path: 'tpl/objekt.d.ts.hbs' } };
    const known = Object.keys(defaultTemplates()).sort();
    expect(known).toContain('object.d.ts.hbs');
    expect(await messageOf(generate({ pages: [seed()], templates }))).toBe(
      `tpl/objekt.d.ts.hbs: template "objekt.d.ts.hbs" is not one of ours, so it would never be used; name it after the template it replaces: ${known.join(', ')}`,
    );
  });

  it('{{log}} is refused when the template is compiled, and nothing reaches stdout', async () => {
    const source = `{{log "hello from a template"}}${defaultTemplates()['readme.md.hbs']?.source ?? ''}`;
    const write = vi.spyOn(process.stdout, 'write');
    const info = vi.spyOn(console, 'info');
    const log = vi.spyOn(console, 'log');
    try {
      const message = await messageOf(generate({ pages: [seed()], templates: { 'readme.md.hbs': { source, path: 'tpl/readme.md.hbs' } } }));
      expect(message).toBe(
        'tpl/readme.md.hbs (line 1): template error: You specified knownHelpersOnly, but used the unknown helper log - 1:0; fix the template or remove it to use the built-in one',
      );
      expect([...write.mock.calls, ...info.mock.calls, ...log.mock.calls].map((c) => String(c[0]))).not.toContainEqual(expect.stringContaining('hello from a template'));
    } finally {
      write.mockRestore();
      info.mockRestore();
      log.mockRestore();
    }
  });
});

describe('a field named __proto__', () => {
  it('is validated like any other field, loose and strict, ESM and CJS', async () => {
    const schema = JSON.parse(
      '{"title":"Proto","type":"object","properties":{"__proto__":{"type":"string","maxLength":3},"a":{"type":"integer"}},"required":["__proto__"]}',
    );
    const { esm, cjs } = await loadPackage([{ slug: 'proto', name: 'Proto', source: 'proto.schema.json', schema }], 'proto');
    for (const api of [esm, cjs]) {
      expect(api['isProto'](JSON.parse('{"__proto__":"abc"}'))).toBe(true);
      expect(api['isProtoStrict'](JSON.parse('{"__proto__":"abc","a":1}'))).toBe(true);
      expect(api['isProto'](JSON.parse('{"__proto__":1}'))).toBe(false);
      expect(api['isProtoStrict'](JSON.parse('{"__proto__":1}'))).toBe(false);
      expect(api['isProto']({})).toBe(false);
      expect(() => api['assertProto'](JSON.parse('{"__proto__":"abcd"}'))).toThrow('__proto__: must NOT have more than 3 characters (got "abcd")');
      expect(() => api['assertProtoStrict'](JSON.parse('{"__proto__":"abc","b":1}'))).toThrow('b: is not a known property (strict validators reject unknown keys)');
    }
  });
});
