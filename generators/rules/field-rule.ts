/**
 * The plug-in point for the conventions that make one field's schema from the field as the page writes it.
 * A rule has a name, which every problem it reports carries (so a message always says which convention
 * found it), and `apply`, which reads and adds to the field's state. The rules run in the order of their
 * list (FIELD_RULES in schema.ts); one that returns STOP ends the field, which then has no schema.
 */

/** Returned by a rule that ends the field. */
export const STOP = Symbol('stop');

export interface FieldRule<State> {
  /** What the rule understands, e.g. `type-words`; the `rule` of its problems. */
  name: string;
  apply(state: State, report: (message: string) => void): void | typeof STOP;
}

/** Run the rules in order; `report` receives each problem with the name of the rule that found it. False when a rule stopped. */
export function applyFieldRules<State>(rules: readonly FieldRule<State>[], state: State, report: (rule: string, message: string) => void): boolean {
  for (const rule of rules) {
    if (rule.apply(state, (message) => report(rule.name, message)) === STOP) return false;
  }
  return true;
}
