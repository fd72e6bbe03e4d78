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
    // The fast check is there (the country set lookup, the date-time check), once for loose and strict: the
    // unknown-key loop (own keys: AJV_OPTIONS.ownProperties) behind the switch that isCustomerSessionStrict turns on …
    expect(onlyIs).toContain('.has(');
    expect(onlyIs).toContain('function isDateTime(');
    expect(onlyIs.split('for (const key0 of Object.keys(data))')).toHaveLength(2);
    expect(onlyIs).toMatch(/if \(closed\$\) \{?\s*for \(const key0 of Object\.keys\(data\)\)/);
    // … and the error-collecting code is not.
    expect(onlyIs).not.toContain('pushError');
    expect(onlyIs).not.toContain('"required"');
    const all = await bundle(dir, 'export * from "./index.js";\n');
    expect(all).toContain('for (const key0 of Object.keys(data))');
    expect(all).toContain('pushError');
  });

  it('builds without evaluated-property tracking unless the schema uses unevaluated* or $dynamicRef', async () => {
    const plain = file(await emit([customerSession()]), 'customer-session.js');
    expect(plain).not.toMatch(/evaluated|dynamicAnchors/);
    // No call context is read, and the exported function records no errors nobody reads.
    expect(plain).toContain('function validate0(data){');
    expect(plain).not.toContain('failed$');
    const tracked: SchemaDocument = {
      slug: 'tracked',
      name: 'Tracked',
      source: 'test/tracked.json',
      schema: { title: 'Tracked', type: 'object', properties: { a: { type: 'string' } }, unevaluatedProperties: false },
    };
    const withTracking = file(await emit([tracked]), 'tracked.js');
    expect(withTracking).toContain('dynamicAnchors');
  });
  it('carries no schema constant that no code reads (AJV leaves one per short enum, with the whole schema behind it)', async () => {
    const props: Record<string, unknown> = { tier: { type: 'string', enum: ['gold', 'silver', 'bronze'] } };
    const many: SchemaDocument = { slug: 'many', name: 'Many', source: 'test/many.json', schema: { title: 'Many', type: 'object', properties: props, required: ['tier'] } };
    const { files, esm } = await loadPackage([many], 'consts');
    const code = file(files, 'many.js');
    // The error-collecting validator reads the enum from the schema constant for its error's allowedValues.
    expect(code).not.toContain('vSchema');
    expect(code.match(/^const schema\d+ = /gm)).toHaveLength(1);
    expect(code).toMatch(/allowedValues: schema\d+\.properties\.tier\.enum/);
    expect(esm['isMany']({ tier: 'gold' })).toBe(true);
    expect(esm['isMany']({ tier: 'iron' })).toBe(false);
    // More than eight properties: AJV's strict unknown-key check reads the schema's `properties`, so that
    // schema constant stays, and the strict check still works.
    for (let i = 0; i < 9; i++) props[`p${i}`] = { type: 'integer' };
    const { files: wide, esm: wideApi } = await loadPackage([many], 'consts-wide');
    expect(file(wide, 'many.js')).toMatch(/func\d+\.call\((schema\d+)\.properties, key\d+\)/);
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
    expect(namedCode).not.toContain('rootData=data');
    expect(namedCode).toContain('function validate0(data){');
  });
});
