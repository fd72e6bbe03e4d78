/**
 * Rule "constraints": `(MAX n; MIN m)` in every phrasing the pages use — `MAX n, MIN m`, `MAX: n; MIN: m`,
 * `MIN n` or `MAX n` alone, `MIN:n y MAX:m`, either order, line breaks or links between — and
 * `(multiple of 0.0001)`. What the numbers mean depends on the field's type (see schema.ts).
 */
export interface Constraints {
  max?: number;
  min?: number;
  multipleOf?: number;
}

// `MAX 64`, `MAX: 64`, `Max. 64`, `MAX LENGTH 64`, `maximum 64`, `MAX 999.99` (a value's bound keeps its
// decimals; a sentence's final period is none); not `Max size: 5MB`.
const MAX = /\bMAX(?:IMUM)?\.?(?:\s+LENGTH)?\s*:?\s*(\d+(?:\.\d+)?)(?![\d.]*\s*(?:MB|KB|GB|bytes?|%))/gi;
const MIN = /\bMIN(?:IMUM)?\.?(?:\s+LENGTH)?\s*:?\s*(\d+(?:\.\d+)?)(?![\d.]*\s*(?:MB|KB|GB|bytes?|%))/gi;
const MULTIPLE = /\bmultiple of\s*:?\s*(\d+(?:\.\d+)?|\.\d+)/gi;

/**
 * Read the constraints in a field's plain text. A field that states a bound several times (one per
 * variant, e.g. "For 3DS v1: (MAX: 40, MIN: 0) … For 3DS v2: (MAX: 36; MIN: 36)") gets the loosest of
 * them, so a value that is valid under any variant the page describes passes.
 */
export function constraints(text: string): { value: Constraints; problems: string[] } {
  const value: Constraints = {};
  const problems: string[] = [];
  const found = (re: RegExp): number[] => [...text.matchAll(re)].map((m) => Number(m[1]));
  const maxes = found(MAX);
  const mins = found(MIN);
  const steps = [...new Set(found(MULTIPLE))];
  if (maxes.length > 0) value.max = Math.max(...maxes);
  if (mins.length > 0) value.min = Math.min(...mins);
  if (steps.length > 1) problems.push(`states "multiple of" with different values (${steps.join(', ')}); keep one`);
  if (steps.length > 0) value.multipleOf = steps[0];
  if (value.max !== undefined && value.min !== undefined && value.min > value.max) {
    problems.push(`MIN ${value.min} is greater than MAX ${value.max}; swap or correct them`);
  }
  if (value.multipleOf === 0) {
    problems.push('"multiple of 0" is not a valid step; give a positive number');
    delete value.multipleOf;
  }
  return { value, problems };
}

/** Past this many digits no Yuno number goes, so a larger MAX is a value. */
const MAX_DIGITS = 30;
const COUNTS = /\b(?:length|number of|count|quantity|how many|installments?|days|months|years|attempts|retries)\b/i;

/**
 * Rule "numeric bounds": on a number field `(MAX n; MIN m)` is either a count of digits (the pages'
 * usual meaning: "expiration month (MAX 2; MIN 2)") or a range of values ("quantity (MAX 999; MIN 1)",
 * "the length of the card's number (MAX 19; MIN 8)"). The page's own example decides when it fits one
 * reading and not the other; a MAX no number's digits reach, or a description that counts something,
 * means values. Otherwise digits, which are documentation only and never reject a value.
 */
export function numericBounds(text: string, max: number | undefined, min: number | undefined, example: unknown): 'values' | 'digits' {
  if (max === undefined && min === undefined) return 'digits';
  // A count of digits is a whole number: `(MAX 999.99; MIN 0)` bounds the value.
  if ((max !== undefined && !Number.isInteger(max)) || (min !== undefined && !Number.isInteger(min))) return 'values';
  if (typeof example === 'number') {
    const digits = String(Math.trunc(Math.abs(example))).length;
    const inRange = (n: number): boolean => (min === undefined || n >= min) && (max === undefined || n <= max);
    if (inRange(example) && !inRange(digits)) return 'values';
    if (inRange(digits) && !inRange(example)) return 'digits';
  }
  if (max !== undefined && max > MAX_DIGITS) return 'values';
  return COUNTS.test(text) ? 'values' : 'digits';
}
