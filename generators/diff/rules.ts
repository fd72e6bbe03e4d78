/**
 * The change rules: what each kind of schema change means for code that reads the generated types and
 * for the generated validators. Anchored on oasdiff's response rules and `buf breaking`: for the types,
 * breaking means code that compiled against the old types may no longer compile or may miss a value the
 * data can now hold; for the validators, breaking means data the old validators accepted may now be
 * rejected. Additive is compatible (more guaranteed to readers, more accepted by validators); docs is
 * wording only; none is no effect on that side.
 */
export type Effect = 'breaking' | 'additive' | 'docs' | 'none';

export interface ChangeRule {
  types: Effect;
  validators: Effect;
  /** Why, in a line (the README's table). */
  why: string;
}

const rule = (types: Effect, validators: Effect, why: string): ChangeRule => ({ types, validators, why });

export const CHANGE_RULES = {
  'object-added': rule('additive', 'additive', 'a new object: new types and validators, nothing existing changes'),
  'object-removed': rule('breaking', 'breaking', 'the object\'s types and validators are gone'),
  'definition-added': rule('additive', 'none', 'a new named type is exported'),
  'definition-removed': rule('breaking', 'none', 'a named type code may import is gone'),
  'field-added-optional': rule('additive', 'additive', 'readers may ignore it; the strict validators accept payloads carrying it'),
  'field-added-required': rule('additive', 'breaking', 'readers get one more guaranteed field; payloads without it are now rejected'),
  'field-removed': rule('breaking', 'breaking', 'code reading it no longer compiles; the strict validators reject payloads still carrying it'),
  'field-renamed': rule('breaking', 'breaking', 'the old name is gone from the types; the strict validators reject it'),
  'field-made-required': rule('additive', 'breaking', 'readers need no undefined check; payloads without it are now rejected'),
  'field-made-optional': rule('breaking', 'additive', 'readers must now handle undefined (strict tsc)'),
  'nullable-added': rule('breaking', 'additive', 'readers must now handle null (strict tsc)'),
  'nullable-removed': rule('additive', 'breaking', 'null is no longer accepted'),
  'type-widened': rule('breaking', 'additive', 'readers must handle a type more; the validators accept more'),
  'type-narrowed': rule('additive', 'breaking', 'readers\' code stays valid; values of the dropped type are rejected'),
  'type-changed': rule('breaking', 'breaking', 'neither the old code nor the old data fit the new type'),
  'integer-to-number': rule('none', 'additive', 'both are number in TypeScript; fractions are now accepted'),
  'number-to-integer': rule('none', 'breaking', 'both are number in TypeScript; fractions are now rejected'),
  'ref-changed': rule('breaking', 'breaking', 'the field is now another named type'),
  'enum-value-added': rule('breaking', 'additive', 'a closed list grew: exhaustive switches miss the new value'),
  'enum-value-removed': rule('breaking', 'breaking', 'comparisons with the removed value no longer compile (TS2367); the value is rejected'),
  'enum-added': rule('additive', 'breaking', 'the type narrows to the listed values; other values are rejected'),
  'enum-removed': rule('breaking', 'additive', 'the type widens from the listed values to any value of its type'),
  'enum-opened': rule('breaking', 'additive', 'the list is documentation now: unlisted values reach readers and pass the validators'),
  'enum-closed': rule('additive', 'breaking', 'only the listed values are accepted now'),
  'const-added': rule('additive', 'breaking', 'one value is allowed now'),
  'const-removed': rule('breaking', 'additive', 'any value of the type is allowed now'),
  'const-changed': rule('breaking', 'breaking', 'another single value'),
  'max-lowered': rule('none', 'breaking', 'a bound tightened: values the old validators accepted are rejected'),
  'max-raised': rule('none', 'additive', 'a bound loosened'),
  'max-added': rule('none', 'breaking', 'a new upper bound'),
  'max-removed': rule('none', 'additive', 'an upper bound dropped'),
  'min-raised': rule('none', 'breaking', 'a bound tightened: values the old validators accepted are rejected'),
  'min-lowered': rule('none', 'additive', 'a bound loosened'),
  'min-added': rule('none', 'breaking', 'a new lower bound'),
  'min-removed': rule('none', 'additive', 'a lower bound dropped'),
  'pattern-added': rule('none', 'breaking', 'strings must now match a pattern'),
  'pattern-removed': rule('none', 'additive', 'any string of the type is accepted'),
  'pattern-changed': rule('none', 'breaking', 'another pattern may reject strings the old one accepted'),
  'format-added': rule('none', 'breaking', 'strings must now have a format'),
  'format-removed': rule('none', 'additive', 'any string is accepted'),
  'format-changed': rule('none', 'breaking', 'another format'),
  'multiple-of-added': rule('none', 'breaking', 'numbers must now be multiples'),
  'multiple-of-removed': rule('none', 'additive', 'any number is accepted'),
  'multiple-of-changed': rule('none', 'breaking', 'another step may reject numbers the old one accepted'),
  'unique-items-added': rule('none', 'breaking', 'arrays with repeated items are rejected'),
  'unique-items-removed': rule('none', 'additive', 'repeated items are accepted'),
  'additional-properties-closed': rule('none', 'breaking', 'unknown keys are now rejected'),
  'additional-properties-opened': rule('none', 'additive', 'unknown keys are now accepted'),
  'union-option-added': rule('breaking', 'additive', 'readers must handle one alternative more'),
  'union-option-removed': rule('additive', 'breaking', 'values of the dropped alternative are rejected'),
  'description-changed': rule('docs', 'docs', 'wording only'),
  'title-changed': rule('docs', 'docs', 'wording only'),
  'examples-changed': rule('docs', 'docs', 'examples are documentation'),
  'annotation-changed': rule('docs', 'docs', 'an annotation (enum descriptions, digits, reconciliation notes, default, deprecated) is documentation'),
  'keyword-changed': rule('breaking', 'breaking', 'a keyword yuno-codegen cannot classify changed; assumed breaking'),
} as const satisfies Record<string, ChangeRule>;

export type ChangeRuleName = keyof typeof CHANGE_RULES;
