/**
 * Rule "requiredness": `name*`, a `required` mark or a leading `[Required]` make a field required (the
 * name of `name*` is `name`); `[Optional]`, an
 * `<em>optional</em>` after the type word, or an `optional` attribute marks an optional one. A field
 * the page does not mark is optional in JSON Schema terms; the overrides file states what the page does not.
 */
import type { RawField } from '../types.js';

export interface Requiredness {
  name: string;
  required: boolean;
}

export function requiredness(field: RawField, description: string): Requiredness {
  const starred = /\s*\*$/.test(field.name);
  const name = field.name.replace(/\s*\*$/, '');
  const optional = /\boptional\b/i.test(field.marks) || /^\s*[[(]optional[\])]/i.test(description);
  const required = starred || ((/\brequired\b/i.test(field.marks) || /^\s*[[(]required[\])]/i.test(description)) && !optional);
  return { name, required: required && !optional };
}
