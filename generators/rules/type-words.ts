/**
 * Rule "type words": the word in a field's heading (`<small>string</small>`, `type="int"`), any case,
 * → what kind of value the field holds.
 */
/** What an array's items are, from its type word (`array of timestamps`: strings of format date-time). */
export type ItemKind = 'object' | 'string' | 'enum' | 'integer' | 'number' | 'boolean';

export type Kind =
  | { kind: 'string'; format?: 'date-time' | 'date' }
  | { kind: 'enum' }
  | { kind: 'integer' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'object' }
  | { kind: 'array'; of: ItemKind; format?: 'date-time' | 'date' };

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

/** The plural an `array of …` names its items with, and the singular type word it stands for. */
const PLURALS: Record<string, string> = {
  objects: 'object',
  structs: 'struct',
  strings: 'string',
  enums: 'enum',
  integers: 'integer',
  ints: 'int',
  numbers: 'number',
  floats: 'float',
  decimals: 'decimal',
  doubles: 'double',
  booleans: 'boolean',
  bools: 'bool',
  timestamps: 'timestamp',
  dates: 'date',
};

/** The type words this rule knows, for error messages. */
export const KNOWN_TYPE_WORDS = [...Object.keys(WORDS), 'array of objects', 'array of strings', 'array of enums', '<type>[]', '<type> | null'];

/**
 * `string`, `Timestamp`, `array of objects`, `Array of strings`, `string[]`, `enum<string>[]`,
 * `array<string>`, `string | null`, `string (UUID)`; undefined if unknown.
 */
export function typeWord(word: string): TypeWord | undefined {
  // `string | null`, and as tables write it, `string (nullable)` or `string, nullable`.
  const parts = word
    .toLowerCase()
    .split('|')
    .flatMap((p) => {
      const marked = /^(.+?) ?(?:\( ?nullable ?\)|, ?nullable)$/.exec(p.trim().replace(/\s+/g, ' '));
      return marked ? [marked[1]!, 'null'] : [p.trim()];
    })
    .filter(Boolean);
  const nullable = parts.includes('null');
  const rest = parts.filter((p) => p !== 'null');
  if (rest.length !== 1) return undefined;
  const w = rest[0]!.replace(/\s+/g, ' ');
  const array = /^(?:array|list) of (.+)$/.exec(w) ?? /^(.+?) ?\[\]$/.exec(w);
  if (array) {
    const item = itemKind(array[1]!);
    return item ? { type: item, nullable } : undefined;
  }
  if (w === 'array') return { type: { kind: 'array', of: 'object' }, nullable };
  const kind = qualifiedKind(w);
  return kind ? { type: kind, nullable } : undefined;
}

/**
 * A type word that may be qualified: Mintlify's generated pages write `enum<string>`, `number<float>`,
 * `string<date-time>`, `array<string>`; pages written as a Markdown table in parentheses: `string (UUID)`,
 * `timestamp (ISO 8601)`.
 */
function qualifiedKind(w: string): Kind | undefined {
  const qualified = /^(\w+) ?(?:< ?([\w-]+) ?>|\( ?([\w -]+?) ?\))$/.exec(w);
  if (!qualified) return Object.hasOwn(WORDS, w) ? WORDS[w] : undefined;
  const base = qualified[1]!;
  const inner = (qualified[2] ?? qualified[3])!;
  // `array<string>` is an array of strings, not of objects.
  if (base === 'array' && qualified[2] !== undefined) return itemKind(inner);
  return qualifiedKind(base === 'string' && (inner === 'date-time' || inner === 'date') ? inner : base);
}

/** The array whose items the word (singular or plural) names: `timestamps` → strings of format date-time. */
function itemKind(word: string): Kind | undefined {
  const item = qualifiedKind(Object.hasOwn(PLURALS, word) ? PLURALS[word]! : word);
  if (!item || item.kind === 'array') return undefined;
  if (item.kind === 'string' && item.format) return { kind: 'array', of: 'string', format: item.format };
  return { kind: 'array', of: item.kind };
}
