/**
 * The AJV options every validator of ours is built with — the strict meta-schema check, the generated
 * standalone code, and the `ajv.compile` reference the differential tests compare against — so they
 * all mean the same thing.
 */
export const AJV_OPTIONS = {
  strict: true,
  /**
   * Only for a plain `ajv.compile` with these options (tests of other stages, benchmarks): our validators do
   * not use AJV's `multipleOf` at all. It divides in floating point (23.5676 / 0.0001 is 235675.99999999997),
   * so without a tolerance it rejects most decimal amounts, and with one it is still inexact (it accepts
   * 1000.0000000000001 and 1e308 as multiples of 0.0001 and 0.123456789). The generated validators and
   * conforms.ts use the exact decimal check instead (`isMultipleOf`; validators.ts `useExactMultipleOf`).
   */
  multipleOfPrecision: 9,
  /**
   * `required`, `properties` and friends look at own keys only, as JSON Schema means: without it AJV takes
   * inherited members as present, so `required: ["constructor"]` accepts `{}`.
   */
  ownProperties: true,
} as const;
