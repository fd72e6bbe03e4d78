/**
 * Rule "type words": the word in a field's heading (`<small>string</small>`, `type="int"`), any case,
 * → what kind of value the field holds.
 */
export type Kind =
  | { kind: 'string'; format?: 'date-time' | 'date' }
  | { kind: 'enum' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'object' }
  | { kind: 'array'; of: 'object' | 'string' | 'enum' | 'integer' | 'number' };

export interface TypeWord {
  type: Kind;
  nullable: boolean;
}

const WORDS: Record<string, Kind> = {
  string: { kind: 'string' },
  str: { kind: 'string' },
  text: { kind: 'string' },
  enum: { kind: 'enum' },
  timestamp: { kind: 'string', format: 'date-time' },
  datetime: { kind: 'string', format: 'date-time' },
  'date-time': { kind: 'string', format: 'date-time' },
  date: { kind: 'string', format: 'date' },
  integer: { kind: 'integer' },
  int: { kind: 'integer' },
  number: { kind: 'number' },
  float: { kind: 'number' },
  decimal: { kind: 'number' },
  double: { kind: 'number' },
  boolean: { kind: 'boolean' },
  bool: { kind: 'boolean' },
  object: { kind: 'object' },
  struct: { kind: 'object' },
};

const ARRAY_ITEMS: Record<string, 'object' | 'string' | 'enum' | 'integer' | 'number'> = {
  object: 'object',
  objects: 'object',
  struct: 'object',
  structs: 'object',
  string: 'string',
  strings: 'string',
  enum: 'enum',
  enums: 'enum',
  integer: 'integer',
  integers: 'integer',
  int: 'integer',
  number: 'number',
  numbers: 'number',
  float: 'number',
  floats: 'number',
};

/** The type words this rule knows, for error messages. */
export const KNOWN_TYPE_WORDS = [...Object.keys(WORDS), 'array of objects', 'array of strings', 'array of enums', '<type> | null'];

/** `string`, `Timestamp`, `array of objects`, `Array of strings`, `string | null`, `string (UUID)`; undefined if unknown. */
export function typeWord(word: string): TypeWord | undefined {
  const parts = word.toLowerCase().split('|').map((p) => p.trim()).filter(Boolean);
  const nullable = parts.includes('null');
  const rest = parts.filter((p) => p !== 'null');
  if (rest.length !== 1) return undefined;
  let w = rest[0]!.replace(/\s+/g, ' ');
  // Mintlify's generated pages qualify a type: `enum<string>`, `number<float>`, `string<date-time>`; pages
  // written as a Markdown table in parentheses: `string (UUID)`, `timestamp (ISO 8601)`.
  const qualified = /^(\w+)\s*(?:<\s*([\w-]+)\s*>|\(\s*([\w -]+?)\s*\))$/.exec(w);
  if (qualified) {
    const base = qualified[1]!;
    const inner = (qualified[2] ?? qualified[3])!;
    w = base === 'string' && (inner === 'date-time' || inner === 'date') ? inner : base;
  }
  const array = /^(?:array|list) of (\w+)$/.exec(w) ?? /^(\w+)\[\]$/.exec(w);
  if (array) {
    const of = Object.hasOwn(ARRAY_ITEMS, array[1]!) ? ARRAY_ITEMS[array[1]!] : undefined;
    return of ? { type: { kind: 'array', of }, nullable } : undefined;
  }
  if (w === 'array') return { type: { kind: 'array', of: 'object' }, nullable };
  const kind = Object.hasOwn(WORDS, w) ? WORDS[w] : undefined;
  return kind ? { type: kind, nullable } : undefined;
}
