/**
 * Rule "enums": the values a field may take, from
 *  - inline code after "Possible (enum) values:" (commas with or without spaces, `or`, Oxford comma,
 *    trailing period), or
 *  - a list under the field (`<ul><li>`, Markdown list) whose items start with a value (`VALUE=meaning`,
 *    `` `VALUE`: meaning ``), keeping the meanings for the docs, or
 *  - on a field typed `enum` without that marker, a run of inline code joined only by commas, `or`, `and`
 *    or slashes (`account type: `CHECKINGS` or `SAVINGS`.`), or
 *  - on a field typed `enum`, a piece of the description that is nothing but constants written as plain
 *    text, joined the same way (`<small>PENDING, SUCCEEDED, DECLINED</small>`, `VIRTUAL / PHYSICAL`), or
 *  - a two-letter field that links to Yuno's Country reference or names ISO 3166-1 → the shared CountryCode.
 * A link to any other reference list (payment types, document types, statuses) is not an enum we ship:
 * the field stays a plain string and its description says where the values are listed.
 */
import type { RawField, Segment } from '../types.js';

export type EnumRule =
  | { kind: 'values'; values: string[]; meanings: Record<string, string> }
  | { kind: 'country' }
  | { kind: 'reference'; text: string; href: string }
  | { kind: 'none' };

const MARKER = /\bpossible\s+(?:enum\s+)?values?\b\s*:?/i;
const COUNTRY_REFERENCE = /(?:^|\/)country-reference(?:$|[#?])/;

export function enumRule(field: RawField, segments: Segment[], twoLetters: boolean): EnumRule {
  const links = segments.flatMap((s) => s.links);
  const countryLink = links.find((l) => COUNTRY_REFERENCE.test(new URL(l.href).pathname));
  const mentionsIso31661 = segments.some((s) => /ISO[\s-]*3166(?:-1)?(?!-2)/i.test(s.text));
  if (twoLetters && (mentionsIso31661 || (countryLink && /countr|nationality/i.test(field.name)))) return { kind: 'country' };

  const listed = field.listItems.filter((i) => i.value);
  if (listed.length > 0 && listed.length === field.listItems.length) {
    return {
      kind: 'values',
      values: unique(listed.map((i) => i.value)),
      meanings: Object.fromEntries(listed.filter((i) => i.meaning).map((i) => [i.value, i.meaning])),
    };
  }
  const inline = markedCodes(segments);
  if (inline.length > 0) return { kind: 'values', values: unique(inline.map(unquote)), meanings: {} };
  if (/^enum/i.test(field.typeWord.trim()) || /\benums?\b/i.test(field.typeWord)) {
    const run = codeRun(segments);
    if (run.length > 0) return { kind: 'values', values: unique(run.map(unquote)), meanings: {} };
    const plain = plainList(segments);
    if (plain.length > 0) return { kind: 'values', values: unique(plain), meanings: {} };
  }

  const markerAt = segments.findIndex((s) => MARKER.test(s.text));
  const reference = (markerAt >= 0 ? segments.slice(markerAt).flatMap((s) => s.links) : [])[0] ?? countryLink;
  if (reference) return { kind: 'reference', text: reference.text, href: reference.href };
  return { kind: 'none' };
}

/** Code values written after the "Possible values:" marker, in the same piece or the pieces after it. */
function markedCodes(segments: Segment[]): string[] {
  const at = segments.findIndex((s) => MARKER.test(s.text));
  if (at < 0) return [];
  const first = segments[at]!;
  const afterMarker = first.markdown.slice(first.markdown.search(MARKER));
  const codes = [...afterMarker.matchAll(/(`+)\s?(.+?)\s?\1/g)].map((m) => m[2]!);
  if (codes.length > 0) return codes;
  // "Possible enum values:" alone, values in the next piece.
  const next = segments[at + 1];
  return next && next.codes.length > 0 && next.text.replace(/[`,.;]|\bor\b|\band\b/g, '').trim().length <= next.codes.join('').length + next.codes.length * 2
    ? next.codes
    : [];
}

const CODE = '(`+)\\s?([^`]+?)\\s?\\1';
const CODE_RUN = new RegExp(`${CODE}(?:\\s*(?:,\\s*(?:or|and)?|\\bor\\b|\\band\\b|/)\\s*${CODE.replace('\\1', '\\3')})+`, 'g');

/**
 * The last run of two or more code values joined only by commas, `or`, `and` or `/` that stands as a
 * list: it ends its sentence (nothing but punctuation follows) and no preposition leads into it. Inline
 * code inside a sentence ("Mandatory for `DIRECT` or `REDIRECT` workflow") names other things, not the
 * field's values.
 */
function codeRun(segments: Segment[]): string[] {
  const runs = segments.flatMap((s) => [...s.markdown.matchAll(CODE_RUN)].filter((m) => standsAsList(s.markdown, m.index, m[0].length)).map((m) => m[0]));
  const last = runs[runs.length - 1];
  return last ? [...last.matchAll(/(`+)\s?([^`]+?)\s?\1/g)].map((m) => m[2]!) : [];
}

/** A constant as the pages write one: `SUCCEEDED`, `MERCADO_PAGO`, `3DS`, `CFTEA`; no word of prose. */
const CONSTANT = /^(?=[A-Z0-9_]*[A-Z])[A-Z0-9][A-Z0-9_]*$/;

/** Is the word a constant as the pages write one (capitals, digits, underscores, a letter among them)? */
export function isConstant(word: string): boolean {
  return CONSTANT.test(word);
}
const LIST_JOINS = /\s*(?:,\s*(?:or\s+|and\s+)?|\/|\s(?:or|and)\s)\s*/;

/** After "Possible values:" a value may be any one word, quoted or not: `card`, `"A"`, `client_credentials`. */
const MARKED_VALUE = /^(["'“]?)([A-Za-z0-9][\w.-]*)(["'”]?)$/;

/**
 * The values of the first piece that is a list in plain text, joined by commas, `or`, `and` or slashes,
 * before an optional final period: after "Possible values:", one word each, quoted or not ("Possible
 * values: "A", "B" or "C"."); a piece of its own, two or more constants (`PENDING, SUCCEEDED`). A piece
 * with code or links, or with a word of prose in the list, is prose.
 */
function plainList(segments: Segment[]): string[] {
  for (const s of segments) {
    if (s.codes.length > 0 || s.links.length > 0) continue;
    const marker = s.text.search(MARKER);
    const text = (marker >= 0 ? s.text.slice(marker).replace(MARKER, '') : s.text).trim().replace(/\.$/, '');
    const parts = text.split(LIST_JOINS);
    if (marker >= 0) {
      const words = parts.map((p) => MARKED_VALUE.exec(p));
      // One word alone is a value when it is a constant or quoted ("Possible values: any" is prose).
      const lone = words.length === 1 && words[0] && words[0][1] === '' && !CONSTANT.test(words[0][2]!);
      if (text && !lone && words.every((m) => m && (m[1] === '') === (m[3] === ''))) return words.map((m) => m![2]!);
    } else if (parts.length >= 2 && parts.every((p) => CONSTANT.test(p))) return parts;
  }
  return [];
}

const LEADS_INTO_PROSE = /\b(?:for|when|if|with|without|to|in|on|by|from|than|unless|except|using|via|of)\s*$/i;

export function standsAsList(text: string, start: number, length: number): boolean {
  const after = text.slice(start + length);
  const before = text.slice(0, start);
  return /^\s*(?:[.;:)!]|$)/.test(after) && !LEADS_INTO_PROSE.test(before);
}

/** `"True"` written as code is the string `True`. */
function unquote(value: string): string {
  const m = /^"(.*)"$/.exec(value);
  return m ? m[1]! : value;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
