/**
 * Rule "nullable prose": a description that says the field can be `null` ("can be set as null",
 * "`null` if no receipt is available yet", "`null` on the `REGULAR` phase", "or `null` when none is
 * pending") makes the field nullable, whatever its type word says. A negated mention ("absent (not
 * `null`)", "never null", "non-null") does not.
 */
const NULL_WORD = /(?<![\w-])`?null`?(?![\w-])/gi;
const NEGATION = /\b(?:not|never|cannot|can't|won't|isn't|aren't|must\s+not|non)\s*(?:be\s+)?(?:an?\s+)?(?:set\s+(?:as|to)\s+)?[("`]*$/i;

export function saysNullable(text: string): boolean {
  for (const m of text.matchAll(NULL_WORD)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (/non-$/i.test(before)) continue;
    if (!NEGATION.test(before)) return true;
  }
  return false;
}
