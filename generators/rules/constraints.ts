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

// `MAX 64`, `MAX: 64`, `Max. 64`, `MAX LENGTH 64`, `maximum 64`; not `Max size: 5MB`.
const MAX = /\bMAX(?:IMUM)?\.?(?:\s+LENGTH)?\s*:?\s*(\d+)(?![\d.]*\s*(?:MB|KB|GB|bytes?|%))/gi;
const MIN = /\bMIN(?:IMUM)?\.?(?:\s+LENGTH)?\s*:?\s*(\d+)(?![\d.]*\s*(?:MB|KB|GB|bytes?|%))/gi;
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
