/**
 * Issue 17: an object of 3,000 flat fields failed as "the schema is too deeply nested" (AJV's fail-fast
 * code nests one block per property, and V8 cannot compile a function nested that deep). Its validators
 * now build, load and give the right answers.
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../generators/extract.js';
import { loadPackage } from './code-helpers.js';

const FIELDS = 3000;
const page = `---\ntitle: The Flat Object\n---\n| Field | Type | Description |\n| --- | --- | --- |\n${Array.from(
  { length: FIELDS },
  (_, i) => `| f${i}${i % 2 === 0 ? '*' : ''} | ${i % 3 === 0 ? 'integer' : 'string'} | Field ${i}. |\n`,
).join('')}`;

describe('an object with 3,000 flat fields', () => {
  it('gets validators that accept it and reject each kind of mistake', async () => {
    const doc = await extract({ path: 'the-flat-object.md', bytes: new TextEncoder().encode(page) });
    expect(Object.keys(doc.schema.properties ?? {})).toHaveLength(FIELDS);
    const { esm, cjs } = await loadPackage([doc], 'wide');
    const valid = Object.fromEntries(Array.from({ length: FIELDS }, (_, i) => [`f${i}`, i % 3 === 0 ? i : `v${i}`]));
    for (const api of [esm, cjs]) {
      expect(api['isFlat'](valid)).toBe(true);
      expect(api['isFlatStrict'](valid)).toBe(true);
      expect(api['isFlat']({ ...valid, f2997: 'not an integer' })).toBe(false);
      const { f2998: _dropped, ...missing } = valid;
      expect(api['isFlat'](missing)).toBe(false);
      expect(api['isFlat']({ ...valid, extra: 1 })).toBe(true);
      expect(api['isFlatStrict']({ ...valid, extra: 1 })).toBe(false);
      expect(() => api['assertFlat']({ ...valid, f2997: 'x', f1: 2 })).toThrow('f1: must be string');
      try {
        api['assertFlat']({ ...valid, f2997: 'x', f1: 2 });
      } catch (error) {
        expect((error as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['f1', 'f2997']);
      }
    }
  });
});
