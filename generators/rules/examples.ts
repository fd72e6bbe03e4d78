/**
 * Rule "examples": `Example: x` in every form the pages use (inside or outside `<small>`, quoted, with a
 * trailing period, `null`, `True`) → a value of the field's JSON type, or nothing when the text cannot be
 * one (the caller also drops an example its own schema rejects).
 */
import type { Segment } from '../types.js';
import { isPlainObject as isObject } from '../conforms.js';

const MARKER = /Examples?\s*:\s*/gi;

/**
 * Where "Example:" starts in a piece: at its start or at the start of a sentence. "for example:
 * `order_id`" inside a sentence is prose.
 */
function findMarker(text: string): { index: number; length: number } | undefined {
  for (const m of text.matchAll(MARKER)) {
    const before = text.slice(0, m.index).trimEnd();
    if (before === '' || /[.!?;)]$/.test(before)) return { index: m.index, length: m[0].length };
  }
  return undefined;
}

/** Split the pieces into the description and the example text, if any. */
export function splitExample(segments: Segment[]): { description: Segment[]; example?: string } {
  let example: string | undefined;
  const description: Segment[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const m = example === undefined ? findMarker(s.text) : undefined;
    if (!m || isParenthesised(s.text.slice(m.index + m.length))) {
      // "Example: (empty string when not from a payment link)" describes a value in prose: it stays text.
      description.push(s);
      continue;
    }
    const rest = s.text.slice(m.index + m.length);
    // "Example:" ending its piece: the value is the next piece when that is a value (a code block, one token, one
    // quoted string); a sentence after it is more description, and then the page gives no example.
    if (!rest.trim()) {
      const next = segments[i + 1];
      if (next === undefined || !isValuePiece(next)) {
        description.push(s);
        continue;
      }
      example = next.text;
      i++;
    } else example = rest;
    const before = s.text.slice(0, m.index).trim();
    if (before) {
      const mdAt = findMarker(s.markdown)?.index ?? -1;
      description.push({ ...s, text: before, markdown: (mdAt >= 0 ? s.markdown.slice(0, mdAt) : before).trim() });
    }
  }
  return example === undefined ? { description } : { description, example: example.trim() };
}

/** A piece that can be a value on its own: all code, one token, a JSON object or array, or one quoted string. */
function isValuePiece(segment: Segment): boolean {
  const text = segment.text.trim();
  if (text === '') return false;
  if (segment.codes.length === 1 && segment.codes[0]!.trim() === text) return true;
  if (!/\s/.test(text)) return true;
  if ((text.startsWith('{') && text.endsWith('}')) || (text.startsWith('[') && text.endsWith(']'))) return true;
  const quote = text[0];
  return (quote === '"' || quote === "'") && text.length > 1 && text.endsWith(quote) && !text.slice(1, -1).includes(quote);
}

/**
 * The whole text is one parenthesised remark, `(…)` with an optional final period: prose about a value,
 * never the value itself.
 */
export function isParenthesised(raw: string): boolean {
  const text = raw.trim().replace(/\.$/, '');
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    // The opening parenthesis closes before the end: `(a) or (b)` is no single remark.
    if (depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

export type ExampleType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** The example text as a JSON value of the given type; `undefined` when it is not one. */
export function exampleValue(raw: string, type: ExampleType, nullable: boolean): { value: unknown } | undefined {
  let text = raw.trim();
  if (/^null\.?$/i.test(text)) return nullable ? { value: null } : undefined;
  if (isParenthesised(text)) return undefined;
  if (type === 'object' || type === 'array') {
    try {
      const value: unknown = JSON.parse(text.replace(/\.$/, ''));
      return type === 'array' ? (Array.isArray(value) ? { value } : undefined) : isObject(value) ? { value } : undefined;
    } catch {
      return undefined;
    }
  }
  text = unquote(text);
  if (type === 'boolean') {
    const b = /^(true|false)\.?$/i.exec(text);
    return b ? { value: b[1]!.toLowerCase() === 'true' } : undefined;
  }
  if (type === 'integer' || type === 'number') {
    const n = text.replace(/\.$/, '');
    const ok = type === 'integer' ? /^-?\d+$/.test(n) : /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(n);
    return ok && Number.isFinite(Number(n)) ? { value: Number(n) } : undefined;
  }
  // A sentence-ending period is not part of the value; a value ending in a period inside quotes keeps it.
  const value = raw.trim() !== text ? text : text.replace(/(?<!\.)\.$/, '');
  return value ? { value } : undefined;
}

function unquote(text: string): string {
  const m = /^(["'`“‘])(.*)(["'`”’])\.?$/.exec(text);
  return m ? m[2]! : text;
}

