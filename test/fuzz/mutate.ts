/**
 * Page mutations for the extractor fuzz tests, as fast-check arbitraries so every failure comes with a
 * seed and a shrunk, replayable list of mutations. Mutations find markup by simple scanning on purpose:
 * they damage pages, they do not read them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { corpus } from '../extract/helpers.js';

export interface CorpusPage {
  path: string;
  text: string;
}

/** Every real page, both ReadMe formats and Mintlify, smallest first. */
export function corpusPages(): CorpusPage[] {
  const pages: CorpusPage[] = [];
  for (const dir of [corpus, join(corpus, 'mintlify')]) {
    for (const name of readdirSync(dir).sort()) {
      if (!/\.mdx?$/.test(name)) continue;
      pages.push({ path: join(dir, name), text: readFileSync(join(dir, name), 'utf8') });
    }
  }
  return pages.sort((a, b) => a.text.length - b.text.length || (a.path < b.path ? -1 : 1));
}

/** Type words the pages use, plus near misses the extractor must reject cleanly. */
export const TYPE_WORDS = [
  'string', 'String', 'enum', 'timestamp', 'Timestamp', 'date', 'integer', 'int', 'number', 'float', 'boolean', 'bool',
  'object', 'struct', 'array of objects', 'Array of strings', 'array of enums', 'string | null', 'array', 'null',
  'strnig', '', 'object | null', 'array of arrays', 'Integer', 'integer | string', '{}', '`string`', 'string*',
];

/** Fragments that mean something to one of the three formats or to the rules, for insertion anywhere. */
export const TOKENS = [
  '<', '>', '</', '/>', '`', '\\`', '${', '}', '{', '\\', '"', "'", '*', '**', '[block:html]', '[/block]', '<HTMLBlock>{`', '`}</HTMLBlock>',
  '---\n', '<!--', '-->', '<details>', '</details>', '<summary>', '</summary>', '<p>', '</p>', '<div class="yuno">', '</div>',
  '<strong><code>x</code></strong>', '<small>string</small>', '<code>', '</code>', '<ul><li><code>A</code>=a</li></ul>', '<br>',
  '<ParamField body="x" type="string">', '</ParamField>', '<Expandable title="x">', '</Expandable>', '<ParamField body="" type="">',
  'MAX 5; MIN 9', '(MAX 3; MIN 1)', 'MIN:2 y MAX:1', '(multiple of 0)', '(multiple of -1)', 'Example: ', 'Example: null', 'Example: True',
  '[Optional]', 'optional', '*', 'Â´', 'â€™', 'Ã©', '\u2028', '\u00a0', '\ufeff', '😀', '\u0301', '\r', '\r\n', '\t', '&amp;', '&#0;',
  '&#x110000;', '&lt;script&gt;', '<script>alert(1)</script>', '{{x}}', '*/', '</script>', '__proto__', 'constructor', 'weird-name',
  '[link](https://example.com)', '[Country reference](https://docs.y.uno/reference/country-reference)', '\n\n', '- `A`: a\n',
];

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-tag'; pick: number }
  | { kind: 'duplicate-tag'; pick: number; to: number }
  | { kind: 'swap-type-word'; pick: number; word: number }
  | { kind: 'random-bytes'; at: number; bytes: number[] }
  | { kind: 'insert-token'; at: number; token: number }
  | { kind: 'huge-attribute'; pick: number; size: number; quote: number }
  | { kind: 'deep-nesting'; at: number; depth: number; style: number }
  | { kind: 'move-slice'; from: number; length: number; to: number }
  | { kind: 'delete-slice'; at: number; length: number };

/** Positions are fractions of the current length (0…1e6), so a mutation means the same after shrinking. */
const at = fc.integer({ min: 0, max: 1_000_000 });
const pick = fc.nat({ max: 100_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at }),
  fc.record({ kind: fc.constant('delete-tag' as const), pick }),
  fc.record({ kind: fc.constant('duplicate-tag' as const), pick, to: at }),
  fc.record({ kind: fc.constant('swap-type-word' as const), pick, word: fc.nat({ max: TYPE_WORDS.length - 1 }) }),
  fc.record({ kind: fc.constant('random-bytes' as const), at, bytes: fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('insert-token' as const), at, token: fc.nat({ max: TOKENS.length - 1 }) }),
  fc.record({ kind: fc.constant('huge-attribute' as const), pick, size: fc.integer({ min: 1_000, max: 300_000 }), quote: fc.nat({ max: 3 }) }),
  fc.record({ kind: fc.constant('deep-nesting' as const), at, depth: fc.integer({ min: 1, max: 600 }), style: fc.nat({ max: 5 }) }),
  fc.record({ kind: fc.constant('move-slice' as const), from: at, length: fc.integer({ min: 1, max: 2_000 }), to: at }),
  fc.record({ kind: fc.constant('delete-slice' as const), at, length: fc.integer({ min: 1, max: 2_000 }) }),
);

const position = (text: string, fraction: number): number => Math.floor((text.length * fraction) / 1_000_000);

/** Start and end of every tag-looking token `<…>` (at most the first 5000), for tag mutations. */
function tags(text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let i = text.indexOf('<'); i >= 0 && out.length < 5000; i = text.indexOf('<', i + 1)) {
    const end = text.indexOf('>', i);
    if (end < 0) break;
    if (/^<\/?[A-Za-z]/.test(text.slice(i, i + 3))) out.push([i, end + 1]);
  }
  return out;
}

const NESTING: [string, string][] = [
  ['<details><summary><strong><code>n</code></strong> <small>object</small></summary>\n', '</details>\n'],
  ['<div>', '</div>'],
  ['<ParamField body="n" type="object">\n<Expandable title="properties">\n', '</Expandable>\n</ParamField>\n'],
  ['<Expandable title="x">\n', '</Expandable>\n'],
  ['<ul><li>', '</li></ul>'],
  ['> ', ''],
];

/** Apply one mutation to the page text (random bytes work on the UTF-8 bytes). */
export function applyText(text: string, m: Mutation): string | Uint8Array {
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, position(text, m.at));
    case 'delete-tag': {
      const all = tags(text);
      const t = all[m.pick % Math.max(all.length, 1)];
      return t ? text.slice(0, t[0]) + text.slice(t[1]) : text;
    }
    case 'duplicate-tag': {
      const all = tags(text);
      const t = all[m.pick % Math.max(all.length, 1)];
      if (!t) return text;
      const to = position(text, m.to);
      return text.slice(0, to) + text.slice(t[0], t[1]) + text.slice(to);
    }
    case 'swap-type-word': {
      const found: [number, number][] = [];
      const re = /\b(?:string|enum|timestamp|date|integer|int|number|float|boolean|bool|object|struct|array of \w+)\b/gi;
      for (let r = re.exec(text); r && found.length < 5000; r = re.exec(text)) found.push([r.index, r.index + r[0].length]);
      const f = found[m.pick % Math.max(found.length, 1)];
      return f ? text.slice(0, f[0]) + (TYPE_WORDS[m.word] ?? '') + text.slice(f[1]) : text;
    }
    case 'random-bytes':
      return insertBytes(new TextEncoder().encode(text), m.at, m.bytes);
    case 'insert-token': {
      const p = position(text, m.at);
      return text.slice(0, p) + (TOKENS[m.token] ?? '') + text.slice(p);
    }
    case 'huge-attribute': {
      const all = tags(text);
      const t = all[m.pick % Math.max(all.length, 1)];
      if (!t) return text;
      // Inside the tag's name-and-attributes part; some variants leave the quote open.
      const nameEnd = text.slice(t[0]).search(/[\s>/]/) + t[0];
      const value = 'x'.repeat(m.size);
      const attr = [` data-huge="${value}"`, ` type="${value}"`, ` body="${value}`, ` title='${value}'`][m.quote] ?? '';
      return text.slice(0, nameEnd) + attr + text.slice(nameEnd);
    }
    case 'deep-nesting': {
      const p = position(text, m.at);
      const [open, close] = NESTING[m.style] ?? NESTING[0]!;
      return text.slice(0, p) + open.repeat(m.depth) + close.repeat(m.depth) + text.slice(p);
    }
    case 'move-slice': {
      const from = position(text, m.from);
      const slice = text.slice(from, from + m.length);
      const rest = text.slice(0, from) + text.slice(from + m.length);
      const to = position(rest, m.to);
      return rest.slice(0, to) + slice + rest.slice(to);
    }
    case 'delete-slice': {
      const p = position(text, m.at);
      return text.slice(0, p) + text.slice(p + m.length);
    }
  }
}

/** Apply the text mutations in order, then the byte ones (so invalid UTF-8 survives to the extractor). */
export function mutate(text: string, mutations: Mutation[]): Uint8Array {
  let current = text;
  for (const m of mutations) if (m.kind !== 'random-bytes') current = applyText(current, m) as string;
  let bytes = new TextEncoder().encode(current);
  for (const m of mutations) if (m.kind === 'random-bytes') bytes = insertBytes(bytes, m.at, m.bytes);
  return bytes;
}

function insertBytes(bytes: Uint8Array, at: number, inserted: number[]): Uint8Array {
  const p = Math.floor((bytes.length * at) / 1_000_000);
  const out = new Uint8Array(bytes.length + inserted.length);
  out.set(bytes.subarray(0, p), 0);
  out.set(inserted, p);
  out.set(bytes.subarray(p), p + inserted.length);
  return out;
}
