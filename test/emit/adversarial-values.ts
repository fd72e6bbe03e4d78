/**
 * Values and a seeded random source for the adversarial tests of our own validator emitters
 * (fast-adversarial.test.ts, full-adversarial.test.ts): scalars at the edges (strict numbers, -0 and 2^53,
 * decimals for multipleOf, surrogate pairs and lone surrogates, date and date-time corners), arrays with holes,
 * objects of other prototypes, and the forms an object value can be handed over in.
 */

export class Plain {
  constructor(fields: Record<string, unknown>) {
    Object.assign(this, fields);
  }
}

/** The ways an object value can be handed over besides a plain literal; each keeps its own enumerable keys. */
export function objectForms(fields: Record<string, unknown>): unknown[] {
  const keys = Object.keys(fields);
  const first = keys[0];
  const out: unknown[] = [
    fields,
    Object.assign(Object.create(null) as object, fields),
    new Plain(fields),
    JSON.parse(JSON.stringify(fields)) as unknown,
    { ...fields, extra_key: 1 },
    [fields],
  ];
  if (first !== undefined) {
    const { [first]: moved, ...rest } = fields;
    // Inherited only: not a present property for AJV's ownProperties.
    out.push(Object.assign(Object.create({ [first]: moved }) as object, rest));
    out.push({ ...fields, [first]: undefined });
    // A getter of its own: present, read when checked.
    out.push(Object.defineProperty({ ...rest }, first, { get: () => moved, enumerable: true }));
    // Non-enumerable own: present for `properties`/`required`, not a key for `additionalProperties`.
    out.push(Object.defineProperty({ ...rest }, first, { value: moved, enumerable: false }));
    out.push(Object.defineProperty(new Plain(rest), first, { value: moved, enumerable: false }));
  }
  // A getter the schema never asks about that throws when read (AJV never reads it).
  out.push(Object.defineProperty(new Plain(fields), 'never read', { get: () => { throw new Error('read'); }, enumerable: false }));
  return out;
}

export const NUMBERS = [
  0, -0, 1, 1.0, -1, 0.5, 2, 3, 7, 10, 100, 2 ** 31, 2 ** 51, 2 ** 52, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 2 ** 60, 1e21, -1e21, 1e300, Number.MAX_VALUE,
  Number.MIN_VALUE, 1e-7, 1.5e-7, 1e-8, 0.1, 0.2, 0.3, 0.30000000000000004, 0.7, 0.9, 1.1, 0.01, 0.0001, -0.0001, 0.00005, 1000.18, 1000.00001, 19.99,
  19.995, 1.005, 4.35, 0.6, 1.2, 3.3, 99.99, 22517998136852.47, 22517998136852.48, 2251799813685.248, 2 ** 51 / 100 - 0.01, 225179981.3685248, NaN,
  Infinity, -Infinity,
];

export const STRINGS = [
  '', 'a', 'ab', 'abc', 'abcd', '1', '0', 'null', 'true', 'false', 'x', 'A', '\u{1F600}', '\u{1F600}\u{1F600}', 'a\u{1F600}', '\uD800', '\uDC00',
  '\uDC00\uD800', '\uD800a', 'a\uDBFF', '\uD83D\uD83D\uDE00', '\u{1F600}'.repeat(3), '\u{1F600}'.repeat(4), 'é', 'e\u0301', '\u2028', '</script>',
  '*/', '"', "'", '\\', '`${x}`', '__proto__', 'constructor', 'toString', '2020-02-29', '1900-02-29', '2000-02-29', '2021-02-29', '2020-13-01',
  '2020-00-10', '2020-01-00', '2020-01-32', '2020-04-31', '20200101', '2020-1-01', '2020-01-01T00:00:00Z', '2016-12-31T23:59:60Z',
  '2016-12-31T22:59:60-01:00', '2016-12-31T23:59:60+01:00', '2017-01-01T00:59:60+01:00', '2016-12-31t23:59:59z', '2020-01-01 12:00:00Z',
  '2020-01-01\t12:00:00Z', '2020-01-01\u200212:00:00Z', '2020-01-01T12:00:00', '2020-01-01T12:00:00+0530', '2020-01-01T12:00:00+05',
  '2020-01-01T12:00:00+05:', '2020-01-01T12:00:00+24:00', '2020-01-01T12:00:00+05:60', '2020-01-01T24:00:00Z', '2020-01-01T12:60:00Z',
  '2020-01-01T12:00:00.Z', '2020-01-01T12:00:00.123456789Z', '2020-01-01T23:59:59.99999999999999999Z', '2020-01-01T12:00:00ZZ',
  '2020-01-01TT12:00:00Z', '\u0661\u0662', 'AB-12', 'ab_12', 'Ωμέγα', '\u{10437}', 'x-a', 'x-', 'X-a',
];

export const SCALARS: unknown[] = [...NUMBERS, ...STRINGS, null, true, false, undefined];

export const ARRAYS: unknown[] = [[], [1], [1, 2], [1, 2, 3], [1, 2, 3, 4], ['a'], ['a', 1], [null], [1.5], [NaN], [undefined], new Array(2), [[]], [{}], [-0, 0]];

export const OBJECTS: unknown[] = [{}, Object.create(null), new Plain({}), new Date(0), new String('ab'), new Number(1), new Uint8Array(2), new Map(), /a/u];

/** Scalars, arrays and objects of every kind; what each case adds is its own. */
export const COMMON: unknown[] = [...SCALARS, ...ARRAYS, ...OBJECTS];

/** A seeded generator (mulberry32): the same schemas and values in every run. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
export const some = <T>(r: () => number, list: readonly T[], most: number): T[] => list.filter(() => r() < most / list.length);
