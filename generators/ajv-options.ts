/**
 * The AJV options every validator of ours is built with — the strict meta-schema check, the generated
 * standalone code, and the `ajv.compile` reference the differential tests compare against — so they
 * all mean the same thing.
 */
export const AJV_OPTIONS = {
  strict: true,
  /**
   * `multipleOf` on decimals: Yuno amounts are "multiple of 0.0001", and 23.5676 / 0.0001 is
   * 235675.99999999997 in binary floating point. Without a tolerance every such amount would be rejected.
   */
  multipleOfPrecision: 9,
  /**
   * `required`, `properties` and friends look at own keys only, as JSON Schema means: without it AJV takes
   * inherited members as present, so `required: ["constructor"]` accepts `{}`.
   */
  ownProperties: true,
} as const;
