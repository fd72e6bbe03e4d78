/**
 * The fast validators' prototype test (a key counts only when the object owns it, as AJV's `ownProperties`).
 * The emitted code reads a symbol-keyed property of its own before asking Object.getPrototypeOf, so that V8
 * knows the object's shape and the call costs nothing; the answer must still be Object.getPrototypeOf's: an own
 * `__proto__` key (JSON.parse makes one), one that lies, a null prototype, getters on a class's prototype (never
 * run, never counted) and Proxies (one that answers every key, traps that throw: the own keys answer then).
 * Node run with `--disable-proto`: fast-prototype-node.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { emit, file, loadPackage, type Api } from './code-helpers.js';
import type { SchemaDocument } from '../../generators/types.js';

const doc: SchemaDocument = {
  slug: 'owned',
  name: 'Owned',
  source: 'owned.schema.json',
  schema: { title: 'Owned', type: 'object', properties: { a: { type: 'string', maxLength: 3 }, b: { type: 'integer' } }, required: ['a'] },
};

/** A class whose prototype answers `a` and `b` through getters that count their calls. */
function withGetters(): { make: () => object; calls: () => number } {
  let calls = 0;
  class Inherited {
    get a(): string {
      calls++;
      return 'abc';
    }
    get b(): number {
      calls++;
      return 1;
    }
  }
  return { make: () => new Inherited(), calls: () => calls };
}

describe('fast validators: a key counts when the object owns it', () => {
  let builds: [string, Api][];
  beforeAll(async () => {
    const { esm, cjs } = await loadPackage([doc], 'owned');
    builds = [['ESM', esm], ['CJS', cjs]];
  });

  it('own `__proto__` keys, null prototypes and Proxies: the object is read as it is', () => {
    for (const [name, api] of builds) {
      // [label, value, loose answer, strict answer (an own __proto__ key is a key the schema does not know)]
      const cases: [string, unknown, boolean, boolean][] = [
        ['JSON.parse makes __proto__ an own key (null)', JSON.parse('{"a":"xy","__proto__":null}'), true, false],
        ['JSON.parse makes __proto__ an own key (an object)', JSON.parse('{"a":"xy","__proto__":{"b":"no"}}'), true, false],
        ['own __proto__ key, a too long', JSON.parse('{"a":"wxyz","__proto__":null}'), false, false],
        ['null prototype', Object.assign(Object.create(null) as object, { a: 'xy', b: 2 }), true, true],
        ['null prototype, b not an integer', Object.assign(Object.create(null) as object, { a: 'xy', b: 2.5 }), false, false],
        ['a Proxy of a plain object', new Proxy({ a: 'xy' }, {}), true, true],
        ['a Proxy of a plain object, a missing', new Proxy({ b: 1 }, {}), false, false],
        ['a Proxy that answers every key, symbols too', new Proxy({ a: 'xy' }, { get: (target, key) => (typeof key === 'symbol' ? 'any' : Reflect.get(target, key)) }), true, true],
        ['a Proxy whose get trap refuses unknown keys', new Proxy({ a: 'xy', b: 1 }, { get: (target, key) => { if (!Object.hasOwn(target, key)) throw new Error(`no ${String(key)}`); return Reflect.get(target, key); } }), true, true],
        ['a Proxy whose get trap refuses unknown keys, a too long', new Proxy({ a: 'wxyz' }, { get: (target, key) => { if (!Object.hasOwn(target, key)) throw new Error(`no ${String(key)}`); return Reflect.get(target, key); } }), false, false],
        ['a Proxy whose getPrototypeOf trap throws', new Proxy({ a: 'xy' }, { getPrototypeOf: () => { throw new Error('no prototype'); } }), true, true],
        ['a Proxy whose getPrototypeOf trap throws, b not an integer', new Proxy({ a: 'xy', b: 'one' }, { getPrototypeOf: () => { throw new Error('no prototype'); } }), false, false],
        ['a plain object whose prototype is a Proxy refusing unknown keys', Object.assign(Object.create(new Proxy({}, { get: () => { throw new Error('no key'); } })) as object, { a: 'xy' }), true, true],
      ];
      for (const [label, value, loose, strict] of cases) {
        expect(api['isOwned'](value), `${name} isOwned: ${label}`).toBe(loose);
        expect(api['isOwnedStrict'](value), `${name} isOwnedStrict: ${label}`).toBe(strict);
      }
    }
  });

  it('the emitted prototype test: one load of the module\'s symbol, then Object.getPrototypeOf; a throwing trap falls back to the own keys', async () => {
    const code = file(await emit([doc], { only: ['validators'] }), 'owned.js');
    expect(code).toContain('const shapeProbe = Symbol("yuno-codegen shape probe");');
    expect(code).toContain(
      [
        '  let dataOwn$;',
        '  try {',
        '    dataOwn$ = data[shapeProbe] === undefined && Object.getPrototypeOf(data) === Object.prototype || Object.getPrototypeOf(data) === null ? data : ownOnly(data);',
        '  } catch {',
        '    dataOwn$ = ownOnly(data);',
        '  }',
      ].join('\n'),
    );
  });

  it("getters on a class's prototype are neither counted nor run, even when an own `__proto__` claims Object.prototype", () => {
    for (const [name, api] of builds) {
      const plainClass = withGetters();
      expect(api['isOwned'](plainClass.make()), `${name}: a class instance owns no a`).toBe(false);
      const ownA = plainClass.make();
      Object.defineProperty(ownA, 'a', { value: 'xy', enumerable: true, configurable: true, writable: true });
      expect(api['isOwned'](ownA), `${name}: own a, inherited b not read`).toBe(true);
      expect(plainClass.calls()).toBe(0);

      const lying = withGetters();
      const liar = lying.make();
      Object.defineProperty(liar, '__proto__', { value: Object.prototype, enumerable: true, configurable: true, writable: true });
      expect(api['isOwned'](liar), `${name}: an own __proto__ equal to Object.prototype changes nothing`).toBe(false);
      Object.defineProperty(liar, 'a', { value: 'xy', enumerable: true, configurable: true, writable: true });
      expect(api['isOwned'](liar), `${name}: with its own a`).toBe(true);
      expect(lying.calls()).toBe(0);

      // An object whose prototype owns a plain `__proto__` key equal to Object.prototype, and a getter for a.
      const middle = Object.create(withGetters().make()) as Record<string, unknown>;
      Object.defineProperty(Object.getPrototypeOf(middle) as object, '__proto__', { value: Object.prototype, enumerable: true, configurable: true, writable: true });
      expect(api['isOwned'](middle), `${name}: a __proto__ key up the chain changes nothing`).toBe(false);
    }
  });

  it('a Proxy whose every trap throws still throws: there are no own keys to read either', () => {
    const refuse = (): never => {
      throw new Error('refused');
    };
    const hostile = new Proxy({ a: 'xy' }, { get: refuse, getPrototypeOf: refuse, ownKeys: refuse, getOwnPropertyDescriptor: refuse });
    for (const [, api] of builds) {
      expect(() => api['isOwned'](hostile)).toThrow('refused');
      expect(() => api['isOwnedStrict'](hostile)).toThrow('refused');
    }
  });
});
