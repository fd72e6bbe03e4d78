/**
 * What an application's bundle keeps of the generated validators: each validator is its own pure
 * expression, so importing `isCustomerSession` alone leaves the strict and error-collecting ones out.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { customerSession, emit, file, loadPackage, tempDir, writeFiles } from './code-helpers.js';
import type { SchemaDocument } from '../../generators/types.js';

async function bundle(dir: string, entry: string): Promise<string> {
  const { rolldown } = await import('rolldown');
  const input = join(dir, 'entry.js');
  writeFileSync(input, entry);
  const build = await rolldown({ input, treeshake: true, logLevel: 'silent' });
  const { output } = await build.generate({ format: 'esm' });
  await build.close();
  return output[0].code;
}

describe('generated validators in a bundle', () => {
  it('an app that imports only isCustomerSession gets only the fast validator, not the error-collecting one', async () => {
    const dir = tempDir('bundle');
    writeFiles(dir, await emit([customerSession()]));
    const onlyIs = await bundle(dir, 'export { isCustomerSession } from "./index.js";\n');
    // The fast check is there (the country set lookup, the date-time check), without the strict one's unknown-key
    // loop (own keys: AJV_OPTIONS.ownProperties), which only isCustomerSessionStrict needs …
    expect(onlyIs).toContain('.has(');
    expect(onlyIs).toContain('function isDateTime(');
    expect(onlyIs).not.toContain('Object.keys(dataOwn$)');
    const both = await bundle(dir, 'export { isCustomerSession, isCustomerSessionStrict } from "./index.js";\n');
    expect(both.split('for (const key$ of Object.keys(dataOwn$))')).toHaveLength(2);
    // … and the error-collecting code is not.
    expect(onlyIs).not.toContain('errs$');
    expect(onlyIs).not.toContain('missingProperty');
    expect(onlyIs).not.toContain('"required"');
    const all = await bundle(dir, 'export * from "./index.js";\n');
    expect(all).toContain('errs$');
    expect(all).toContain('missingProperty');
  });

  it('builds without evaluated-property tracking unless the schema uses unevaluated* or $dynamicRef', async () => {
    const plain = file(await emit([customerSession()]), 'customer-session.js');
    expect(plain).not.toMatch(/evaluated|dynamicAnchors/);
    // No call context is read, and the exported function records no errors nobody reads.
    expect(plain).toContain('function validateCustomerSession(data) {');
    expect(plain.slice(0, plain.indexOf('const full'))).not.toContain('validateCustomerSession.errors');
    const tracked: SchemaDocument = {
      slug: 'tracked',
      name: 'Tracked',
      source: 'test/tracked.json',
      schema: { title: 'Tracked', type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
    };
    const { files, esm } = await loadPackage([tracked], 'tracked');
    expect(file(files, 'tracked.js')).toMatch(/evaluated/);
    expect([esm['isTracked']({ a: 'x' }), esm['isTracked']({ a: 'x', b: 1 })]).toEqual([true, false]);
  });
  it('carries no schema constant that no code reads (AJV leaves one per short enum, with the whole schema behind it)', async () => {
    const props: Record<string, unknown> = { tier: { type: 'string', enum: ['gold', 'silver', 'bronze'] } };
    const many: SchemaDocument = { slug: 'many', name: 'Many', source: 'test/many.json', schema: { title: 'Many', type: 'object', properties: props, required: ['tier'] } };
    const { files, esm } = await loadPackage([many], 'consts');
    const code = file(files, 'many.js');
    // The error-collecting validator's read of the enum from a copy of the schema (its error's allowedValues)
    // is folded to the list itself: no copy of the schema is left.
    expect(code).not.toContain('vSchema');
    expect(code).not.toMatch(/\bschema\d+\b/);
    expect(() => esm['assertMany']({ tier: 'iron' })).toThrow('tier: must be one of the allowed values');
    expect(esm['isMany']({ tier: 'gold' })).toBe(true);
    expect(esm['isMany']({ tier: 'iron' })).toBe(false);
    // More than eight properties: AJV's strict unknown-key check reads the schema's `properties`: a Set of
    // their names instead, and the strict check still works.
    for (let i = 0; i < 9; i++) props[`p${i}`] = { type: 'integer' };
    const { files: wide, esm: wideApi } = await loadPackage([many], 'consts-wide');
    expect(file(wide, 'many.js')).not.toMatch(/\bschema\d+\b/);
    expect(wideApi['isManyStrict']({ tier: 'gold', p8: 1 })).toBe(true);
    expect(wideApi['isManyStrict']({ tier: 'gold', p9: 1 })).toBe(false);
    expect(wideApi['isMany']({ tier: 'gold', p9: 1 })).toBe(true);
    // A schema name that is also a call-context parameter's name: once its constant is gone, no parameter is kept for it.
    const named: SchemaDocument = {
      slug: 'named',
      name: 'Named',
      source: 'test/named.json',
      schema: { title: 'Named', type: 'object', properties: { a: { $ref: '#/$defs/rootData' }, b: { type: 'string' } }, required: ['a'], $defs: { rootData: { type: 'string' } } },
    };
    const namedCode = file(await emit([named]), 'named.js');
    expect(namedCode).not.toContain('rootData = data');
    expect(namedCode).toContain('function validateNamed(data) {');
  });
});
