/** Value helpers of the validators: deep equality, exact `multipleOf`, packed code lists. */

/**
 * Deep equality of JSON values, as JSON Schema defines it for `const`, `enum` and `uniqueItems`: numbers by value,
 * arrays item by item, objects by their own enumerable keys, whatever their prototype (as every other keyword
 * reads an object). A key named `valueOf`, `toString` or `constructor` is data like any other: the `equal` AJV's
 * code uses called such keys as methods (it threw on {"valueOf": 1}) and compared `constructor` keys as
 * prototypes ({"constructor": {}} was not equal to itself). NaN, which JSON has not, equals NaN.
 */
export function deepEqual(a: any, b: any): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a !== a && b !== b;
  const list = Array.isArray(a);
  if (list !== Array.isArray(b)) return false;
  if (list) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!Object.prototype.propertyIsEnumerable.call(b, key) || !deepEqual(a[key], b[key])) return false;
  return true;
}

/**
 * JSON Schema `multipleOf`, exactly: `value` is a multiple of `step` when the decimal number that
 * `value`'s shortest form (`String(value)`: `1000.18`, `1e-7`) writes, divided by the one `step`'s
 * writes, is an integer. Floating-point division is not exact: 1000.18 / 0.0001 is 10001799.999999998.
 */
export function isMultipleOf(value: number, step: number): boolean {
  // Exact in floating point: both are integers below 2^53.
  if (Number.isSafeInteger(value) && Number.isSafeInteger(step)) return step !== 0 && value % step === 0;
  const a = decimalOf(value);
  const b = decimalOf(step);
  if (a === undefined || b === undefined) return false;
  // a.digits × 10^a.exponent ÷ (b.digits × 10^b.exponent): both scaled to the smaller power of ten, then divided.
  const shift = a.exponent - b.exponent;
  const dividend = BigInt(shift > 0 ? a.digits + '0'.repeat(shift) : a.digits);
  const divisor = BigInt(shift < 0 ? b.digits + '0'.repeat(-shift) : b.digits);
  return divisor !== BigInt(0) && dividend % divisor === BigInt(0);
}

/** @internal A finite number's shortest form as digits (no sign, no point) times a power of ten: 1000.18 is 100018 × 10^-2. */
export function decimalOf(n: number): { digits: string; exponent: number } | undefined {
  if (typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  const text = String(Math.abs(n));
  const e = text.indexOf('e');
  const mantissa = e < 0 ? text : text.slice(0, e);
  const dot = mantissa.indexOf('.');
  const fraction = dot < 0 ? '' : mantissa.slice(dot + 1);
  return { digits: dot < 0 ? mantissa : mantissa.slice(0, dot) + fraction, exponent: (e < 0 ? 0 : Number(text.slice(e + 1))) - fraction.length };
}

/** @internal A code list packed as groups sharing their first `head` characters: unpack("ADE BA", 1) is AD, AE, BA (the shared enums' sets). */
export function unpack(text: string, head: number): string[] {
  const out: string[] = [];
  for (const group of text.split(' ')) {
    for (let i = head; i < group.length; i++) out.push(group.slice(0, head) + group.charAt(i));
  }
  return out;
}
