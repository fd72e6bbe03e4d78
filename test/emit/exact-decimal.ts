/**
 * The tests' own exact `multipleOf`, and an `ajv.compile` reference that uses it. AJV's `multipleOf`
 * divides in floating point (1000.18 / 0.0001 = 10001799.999999998), so it cannot be the oracle the
 * generated validators are compared with. This one is written independently of the product's
 * (generators/conforms.ts, generators/runtime/values.ts): each number's shortest form becomes a
 * fraction numerator / 10^scale, and x / m = (nx · 10^sm) / (nm · 10^sx) is an integer when the
 * denominator divides the numerator. KNOWN_MULTIPLES pins its answers on cases worked out by hand.
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Options } from 'ajv';
import { ajvOptions } from '../../generators/emit/validators.js';
import type { JsonSchema } from '../../generators/types.js';
import { mapSchema } from '../../generators/schema/walk.js';

/** `String(x)` read as an exact fraction: numerator / 10^scale (scale may be negative: 1e+21 is 1 / 10^-21). */
function fraction(x: number): { numerator: bigint; scale: number } {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
  if (!match) throw new Error(`not a finite number: ${String(x)}`);
  const [, sign, whole, decimals = '', exponent = '0'] = match;
  const numerator = BigInt(`${sign}${whole}${decimals}`);
  return { numerator, scale: decimals.length - Number(exponent) };
}

const pow10 = (k: number): bigint => 10n ** BigInt(k);

/** Is x an integer multiple of m, taking both as the decimals their shortest forms write? */
export function oracleMultipleOf(x: number, m: number): boolean {
  if (!Number.isFinite(x) || !Number.isFinite(m) || m === 0) return false;
  const a = fraction(x);
  const b = fraction(m);
  // x / m = (a.n / 10^a.s) / (b.n / 10^b.s) = (a.n · 10^b.s) / (b.n · 10^a.s); move negative powers across.
  let top = a.numerator;
  let bottom = b.numerator;
  if (b.scale >= 0) top *= pow10(b.scale);
  else bottom *= pow10(-b.scale);
  if (a.scale >= 0) bottom *= pow10(a.scale);
  else top *= pow10(-a.scale);
  return top % bottom === 0n;
}

/** The keyword standing for an empty name in `required` (see emptyNameRequired). */
const EMPTY_NAME_REQUIRED = 'x-test-emptyNameRequired';

/** Cases with their answers worked out by hand: [x, m, is x a multiple of m]. */
export const KNOWN_MULTIPLES: [number, number, boolean][] = [
  [1000.18, 0.0001, true],
  [1000.05, 0.0001, true],
  [23.5676, 0.0001, true],
  [1000.00001, 0.0001, false],
  [0.00005, 0.0001, false],
  [1e-7, 0.0001, false],
  [0.0001, 0.0001, true],
  [0, 0.0001, true],
  [-1000.18, 0.0001, true],
  [-0.00005, 0.0001, false],
  [0.3, 0.1, true],
  [0.30000000000000004, 0.1, false],
  [19.99, 0.01, true],
  [19.995, 0.01, false],
  [1.005, 0.01, false],
  [7.5, 2.5, true],
  [8, 2.5, false],
  [4.5, 1.5, true],
  [35, 1.5, false],
  [0.0075, 0.0001, true],
  [0.00751, 0.0001, false],
  [1e308, 0.123456789, false],
  [1e308, 0.5, true],
  [1.5e300, 0.5, true],
  [1.5e300, 7, false],
  [12391239123, 1e-8, true],
  [2 ** 53, 2, true],
  [2 ** 53, 3, false],
  [Number.MAX_SAFE_INTEGER, 3, false],
  [Number.MAX_SAFE_INTEGER, 1, true],
  // 2^60's shortest form is 1152921504606847000 (the digits after the 17th are zeros): that decimal is
  // what is judged, not the binary value 1152921504606846976.
  [2 ** 60, 1000, true],
  [2 ** 60, 1024, false],
  [2 ** 60, 3, false],
  [1e21, 7, false],
  [1e21, 5, true],
  [-15, 5, true],
  [-16, 5, false],
  [10, 0.1, true],
  [1e-7, 1e-8, true],
  [1.5e-7, 1e-7, false],
  [5e-324, 5e-324, true],
  [1e-323, 5e-324, true],
  [1e-7, 3, false],
];

type Check = ((value: unknown) => boolean) & { errors?: unknown };

/**
 * `ajv.compile` with the emitter's AJV options and ajv-formats' full formats, and `multipleOf` judged by
 * the oracle above (its error as AJV's own: keyword, params, message).
 */
export function exactAjv(extra: Options = {}): Ajv2020 {
  const Ajv = (Ajv2020 as unknown as { default: typeof Ajv2020 }).default ?? Ajv2020;
  const ajv = new Ajv({ ...ajvOptions(), ...extra });
  const plugin = (addFormats as unknown as { default: typeof addFormats }).default ?? addFormats;
  plugin(ajv);
  ajv.removeKeyword('multipleOf');
  const validate = function (this: unknown, step: number, value: number): boolean {
    if (oracleMultipleOf(value, step)) return true;
    validate.errors = [{ keyword: 'multipleOf', params: { multipleOf: step }, message: `must be multiple of ${step}` }];
    return false;
  } as ((step: number, value: number) => boolean) & { errors?: unknown[] };
  // Where AJV's own sat among the number keywords, so errors come in AJV's order.
  ajv.addKeyword({ keyword: 'multipleOf', type: 'number', schemaType: 'number', before: 'format', errors: true, validate });
  const emptyName = function (_schema: boolean, data: Record<string, unknown>): boolean {
    if (data[''] !== undefined && Object.prototype.hasOwnProperty.call(data, '')) return true;
    emptyName.errors = [{ keyword: 'required', params: { missingProperty: '' }, message: "must have required property ''" }];
    return false;
  } as ((schema: boolean, data: Record<string, unknown>) => boolean) & { errors?: unknown[] };
  ajv.addKeyword({ keyword: EMPTY_NAME_REQUIRED, type: 'object', schemaType: 'boolean', errors: true, validate: emptyName });
  useJsonEquality(ajv);
  return ajv;
}

/**
 * A value as text that two values share exactly when JSON Schema calls them equal (instance equality): numbers
 * by value (-0 is 0), strings, arrays item by item, objects by their own enumerable keys in any order, whatever
 * their prototype; `undefined` (an absent item) and NaN, which JSON has not, as markers of their own. Written
 * apart from the product's `deepEqual` (generators/runtime/values.ts), by another route.
 */
export function jsonKey(value: unknown): string {
  if (value === undefined) return 'u';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : `n${Object.is(value, -0) ? 0 : value}`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${Array.from({ length: value.length }, (_, i) => jsonKey(value[i])).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${jsonKey((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

type Validate = ((schema: unknown, data: unknown, parentSchema?: Record<string, unknown>) => boolean) & { errors?: unknown[] };

/** A keyword's check that fails with this one error (AJV's keyword, params and message). */
function failing(check: (schema: never, data: unknown, parentSchema: Record<string, unknown>) => Record<string, unknown> | undefined, keyword: string, message: (params: Record<string, unknown>) => string): Validate {
  const validate: Validate = (schema, data, parentSchema) => {
    const params = check(schema as never, data, parentSchema ?? {});
    if (params === undefined) return true;
    validate.errors = [{ keyword, params, message: message(params) }];
    return false;
  };
  return validate;
}

/** The test of a JSON Schema type under strictNumbers (NaN and ±Infinity are no numbers). */
function isOfType(value: unknown, type: string): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return Number.isInteger(value);
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * `const`, `enum` and `uniqueItems` with JSON Schema's equality (jsonKey), where AJV's `equal` (fast-deep-equal)
 * calls an object's own `valueOf` or `toString` key as a method (it throws on {"valueOf": 1}), compares
 * `constructor` keys as prototypes (so {"constructor": {}} is not equal to itself), and tells objects apart by
 * prototype; and where its `uniqueItems` for items of scalar types keys a plain object by the items (a second
 * "__proto__" is never found). Each sits where AJV's own did, with its error's params, so errors come in AJV's
 * order; `uniqueItems` reports the pair AJV's loops find first (from the end: for scalar item types the later
 * index is `j`, items of other types skipped; else the earlier one).
 */
function useJsonEquality(ajv: Ajv2020): void {
  ajv.removeKeyword('const');
  ajv.removeKeyword('enum');
  ajv.removeKeyword('uniqueItems');
  const enumCheck = failing((values: unknown[], data) => (values.some((v) => jsonKey(v) === jsonKey(data)) ? undefined : { allowedValues: values }), 'enum', () => 'must be equal to one of the allowed values');
  ajv.addKeyword({ keyword: 'enum', schemaType: 'array', before: 'not', errors: true, validate: enumCheck });
  const constCheck = failing((value: unknown, data) => (jsonKey(value) === jsonKey(data) ? undefined : { allowedValue: value }), 'const', () => 'must be equal to constant');
  ajv.addKeyword({ keyword: 'const', before: 'enum', errors: true, validate: constCheck });
  const unique = failing(
    (on: boolean, data, parent) => {
      const list = data as unknown[];
      if (!on || list.length < 2) return undefined;
      const items = parent['items'];
      const raw = items !== null && typeof items === 'object' ? (items as Record<string, unknown>)['type'] : undefined;
      const types = typeof raw === 'string' ? [raw] : Array.isArray(raw) ? (raw as string[]) : [];
      if (types.length > 0 && !types.includes('object') && !types.includes('array')) {
        const seen = new Map<string, number>();
        for (let i = list.length - 1; i >= 0; i--) {
          if (!types.some((t) => isOfType(list[i], t))) continue;
          const key = jsonKey(list[i]);
          const j = seen.get(key);
          if (j !== undefined) return { i, j };
          seen.set(key, i);
        }
        return undefined;
      }
      for (let i = list.length - 1; i > 0; i--) for (let j = i - 1; j >= 0; j--) if (jsonKey(list[i]) === jsonKey(list[j])) return { i, j };
      return undefined;
    },
    'uniqueItems',
    ({ i, j }) => `must NOT have duplicate items (items ## ${String(j)} and ${String(i)} are identical)`,
  );
  ajv.addKeyword({ keyword: 'uniqueItems', type: 'array', schemaType: 'boolean', before: 'unevaluatedItems', errors: true, validate: unique });
}

/**
 * AJV ignores an empty name in `required` (`ajv.compile({ type: 'object', required: [''] })({})` is true), so
 * the reference checks it with a keyword of its own that means what `required` means for any other name under
 * `ownProperties`: the object owns the property (enumerable or not) and its value is not undefined. Objects
 * only, as `required` applies to objects only.
 */
export function emptyNameRequired(schema: JsonSchema): JsonSchema {
  if (!JSON.stringify(schema).includes('""')) return schema;
  return mapSchema(schema, (node) => {
    const required = node.required;
    if (!Array.isArray(required) || !required.includes('')) return node;
    return { ...node, required: required.filter((name) => name !== ''), [EMPTY_NAME_REQUIRED]: true };
  });
}

/** The reference answer of a schema: true or false for any value. */
export function exactReference(schema: JsonSchema, extra: Options = {}): Check {
  const validate = exactAjv(extra).compile(emptyNameRequired(schema));
  return (value) => validate(value) === true;
}
