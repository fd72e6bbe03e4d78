/**
 * Doc text (Markdown from the canonical schema) made safe for the two doc outputs. Both outputs are
 * printed from one parse, so a link dropped as unsafe is dropped in both and raw HTML in the text is
 * shown as text in both.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent } from 'mdast';
import { mdText, oneLine, percentEncode } from '../escape.js';
import { conforms as fits, decimalOf, own, refName, resolve } from '../conforms.js';
import type { JsonSchema, Reconciliation } from '../types.js';
import { resolvePointer, tokenKey } from '../schema/walk.js';
import {
  alternatives, deref, isFieldsObject, isObjectWithFields, mergeAllOf, splitTypes, typesOf, typesOfValues, unionOf,
} from './docs-shapes.js';

/** Doc text in the two forms the templates print verbatim (`{{{ }}}`). */
export interface RichText {
  /** Markdown for one table cell or one line: no line breaks, `|` escaped, no live HTML. */
  md: string;
  /** Markdown for a block (a page's lead text): paragraphs separated by blank lines, no live HTML. */
  mdBlock: string;
  /** HTML for inside a `<td>` or `<div>`: only the tags this module prints, every text escaped. */
  html: string;
}

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/**
 * A link target the pages may carry: http(s), mailto or relative. Decided by the WHATWG URL parser, the
 * one browsers use, so tricks such as `java\tscript:` or leading control characters resolve as the
 * browser would resolve them.
 */
export function safeHref(href: string): string | undefined {
  const trimmed = href.trim();
  if (trimmed === '') return undefined;
  try {
    const url = new URL(trimmed, 'https://relative.invalid/');
    return ALLOWED_PROTOCOLS.has(url.protocol) ? trimmed : undefined;
  } catch {
    return undefined;
  }
}

/** Text or attribute value for HTML; line and paragraph separators become spaces, as a reader expects. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`).replace(/[\u2028\u2029]/g, ' ');
}


/** A Markdown code span holding `text` exactly, usable inside a table cell. */
export function mdCode(text: string): string {
  const value = oneLine(text);
  if (value === '') return '';
  const longest = Math.max(0, ...[...value.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') || /^ .* $/.test(value) ? ' ' : '';
  // GFM splits table cells on `|` even inside code spans unless it is escaped.
  return `${fence}${pad}${value.replace(/\|/g, '\\|')}${pad}${fence}`;
}

/** A fence for a Markdown code block that no backtick run inside `text` can close. */
export function mdFence(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`{3,}/g)].map((m) => m[0].length));
  return '`'.repeat(Math.max(3, longest + 1));
}


/**
 * Text in which CommonMark finds no syntax: letters, digits, spaces and punctuation that never starts
 * Markdown, not beginning like a block marker. Parsing it would give the text back unchanged.
 */
const PLAIN = /^(?![-+=>#\d\s])[\p{L}\p{M}\p{N} ,.;:'"()?/%$@{}´’‘“”–—+=-]*(?<!\s)$/u;

const cache = new Map<string, RichText>();

/** Parse doc text as Markdown (CommonMark) and print it for both outputs. */
export function richText(markdown: string): RichText {
  const known = cache.get(markdown);
  if (known) return known;
  const made = PLAIN.test(markdown)
    ? { md: markdown, mdBlock: markdown, html: escapeHtml(markdown) }
    : parseRichText(markdown);
  // Doc text repeats across objects (country names, shared descriptions); the bound keeps watch mode lean.
  if (cache.size >= 20_000) cache.clear();
  cache.set(markdown, made);
  return made;
}

/** The full parse; `richText` skips it for plain text (tests check both agree). */
export function parseRichText(markdown: string): RichText {
  if (markdown.trim() === '') return { md: '', mdBlock: '', html: '' };
  const tree = fromMarkdown(markdown);
  const blocks = tree.children;
  const single = blocks.length === 1 && blocks[0]?.type === 'paragraph';
  return {
    md: blocks.map((b) => mdInline(b)).filter((s) => s !== '').join(' '),
    mdBlock: blocks.map((b) => mdBlock(b)).filter((s) => s !== '').join('\n\n'),
    html: single ? htmlChildren(blocks[0] as Nodes) : blocks.map((b) => html(b)).join(''),
  };
}

/** The plain text of a node, as a reader sees it. */
function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'html') return node.value;
  if (node.type === 'html') return node.value;
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? '';
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}

function mdInline(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'html':
      return mdText(node.value);
    case 'inlineCode':
      return mdCode(node.value);
    case 'emphasis':
      return `*${mdChildren(node.children)}*`;
    case 'strong':
      return `**${mdChildren(node.children)}**`;
    case 'delete':
      return `~~${mdChildren(node.children)}~~`;
    case 'break':
      return ' ';
    case 'link': {
      const href = safeHref(node.url);
      const text = mdChildren(node.children);
      return href === undefined ? text : `[${text}](${mdDestination(href)})`;
    }
    case 'image':
    case 'imageReference':
      return mdText(node.alt ?? '');
    case 'definition':
      return '';
    case 'code':
      return mdCode(node.value);
    case 'list':
      return node.children.map((item) => mdInline(item)).join(' ');
    case 'paragraph':
    case 'heading':
      return mdChildren(node.children);
    default:
      if ('children' in node) return (node.children as Nodes[]).map(mdInline).filter((s) => s !== '').join(' ');
      return mdText(plain(node));
  }
}

function mdChildren(children: PhrasingContent[]): string {
  return children.map((c) => mdInline(c)).join('');
}

function mdBlock(node: Nodes): string {
  switch (node.type) {
    case 'list':
      return node.children
        .map((item, i) => `${node.ordered ? `${(node.start ?? 1) + i}.` : '-'} ${mdInline(item)}`)
        .join('\n');
    case 'code':
      return `${mdFence(node.value)}\n${node.value}\n${mdFence(node.value)}`;
    case 'definition':
      return '';
    default: {
      const line = mdInline(node);
      // A paragraph must not start like a heading, list item, setext underline or quote.
      return /^(?:[#+=-]|\d+[.)])/.test(line) ? `\\${line}` : line;
    }
  }
}

/** A link destination that stays one token: spaces, brackets, pipes and the like percent-encoded. */
function mdDestination(href: string): string {
  return href.replace(/[\u0000-\u0020()<>|\\`"'\u007f-\u{10ffff}]/gu, percentEncode);
}

function htmlChildren(node: Nodes): string {
  return 'children' in node ? (node.children as Nodes[]).map(html).join('') : '';
}

function html(node: Nodes): string {
  switch (node.type) {
    case 'root':
      return htmlChildren(node);
    case 'paragraph':
      return `<p>${htmlChildren(node)}</p>`;
    case 'heading':
      return `<p><strong>${htmlChildren(node)}</strong></p>`;
    case 'text':
    case 'html':
      return escapeHtml(node.value);
    case 'inlineCode':
      return `<code>${escapeHtml(node.value)}</code>`;
    case 'code':
      return `<pre><code>${escapeHtml(node.value)}</code></pre>`;
    case 'emphasis':
      return `<em>${htmlChildren(node)}</em>`;
    case 'strong':
      return `<strong>${htmlChildren(node)}</strong>`;
    case 'delete':
      return `<del>${htmlChildren(node)}</del>`;
    case 'break':
      return '<br>';
    case 'link': {
      const href = safeHref(node.url);
      const text = htmlChildren(node);
      return href === undefined ? text : `<a href="${escapeHtml(href)}">${text}</a>`;
    }
    case 'image':
    case 'imageReference':
      // Never an <img>: the page loads nothing, and alt text is what a reader needs.
      return escapeHtml(node.alt ?? '');
    case 'list': {
      const tag = node.ordered ? 'ol' : 'ul';
      return `<${tag}>${node.children.map(html).join('')}</${tag}>`;
    }
    case 'listItem': {
      const only = node.children.length === 1 && node.children[0]?.type === 'paragraph';
      return `<li>${only ? htmlChildren(node.children[0] as Nodes) : htmlChildren(node)}</li>`;
    }
    case 'blockquote':
      return `<blockquote>${htmlChildren(node)}</blockquote>`;
    case 'thematicBreak':
      return '<hr>';
    case 'definition':
      return '';
    default:
      return escapeHtml(plain(node));
  }
}


// ---------------------------------------------------------------------------------------------------
// The docs model: everything the doc templates print, computed here so templates only branch on tags.
// ---------------------------------------------------------------------------------------------------

/** One row of a fields table. Plain strings are escaped by the HTML template; `md.*` are ready for Markdown. */
export interface DocsField {
  name: string;
  /** Dotted path from the root, `[]` for array items: `amount.currency`, `items[].name`. */
  path: string;
  /** Unique `id` of the row: `field-amount-currency`. */
  anchor: string;
  /** The type as text: `string (36–64 characters) or ""`, `array of PaymentTransactions, or PaymentTransactions`. */
  type: string;
  /** The same text in pieces; a piece that names a nested section or a definition links to it. */
  typeParts: DocsTypePart[];
  /** `#…` of the first section or definition the type names, or ''. */
  typeHref: string;
  hasTypeHref: boolean;
  required: boolean;
  requiredText: 'yes' | 'no';
  /** All constraints in one line, `; `-separated: `length 36–64`. */
  constraints: string;
  /** The same constraints one by one; the enum one links to its values table. */
  constraintParts: { text: string; href: string; hasHref: boolean }[];
  description: RichText;
  example: string;
  hasExample: boolean;
  /** The field is not on the doc page: the API returns it (`x-notOnPage`). */
  notOnPage: boolean;
  /** Where the page and the API differ for this field (`x-reconciled`), one line each. */
  reconciled: DocsReconciled[];
  hasReconciled: boolean;
  md: { name: string; type: string; constraints: string; example: string; description: string };
}

/** A piece of a field's type text, linked when it names a nested section or a definition. */
export interface DocsTypePart {
  text: string;
  href: string;
  hasHref: boolean;
}

/** One `x-reconciled` entry as a line: `page: … · API: … → … (rule …, 2 examples, e.g. …)`, escaped for each output. */
export interface DocsReconciled {
  /** HTML for inside an `<li>`. */
  html: string;
  /** Markdown for one list item (one line). */
  md: string;
}

/** Said wherever an open enum's values are listed. */
export const OPEN_ENUM_NOTE = 'other values may appear; the Strict validators accept only these';
/** Said of a field marked `x-notOnPage`. */
export const NOT_ON_PAGE_NOTE = 'Not on the doc page; from the API.';

/** An enum value with its meaning. */
export interface DocsValue {
  value: string;
  meaning: RichText;
  md: { value: string };
}

/** The values of one field's inline enum, printed under its section's table. */
export interface DocsEnum {
  field: string;
  anchor: string;
  values: DocsValue[];
  /** An open enum (`x-openEnum`): the known values, others may appear. */
  open: boolean;
  md: { field: string };
}

/** The Page vs API lines of one field, listed under its section's table in Markdown. */
export interface DocsSectionReconciled {
  field: string;
  lines: DocsReconciled[];
  md: { field: string };
}

/**
 * The root fields, one nested object (an object field, the items of an array of objects, one of the
 * objects a field may hold), or the fields of an object definition.
 */
export interface DocsSection {
  id: string;
  path: string;
  isRoot: boolean;
  isArrayItem: boolean;
  /** One of several objects the field may hold (`anyOf`/`oneOf`): `option` names it. */
  isOption: boolean;
  /** `option 1`, or the branch's `title`; '' when not an option. */
  option: string;
  /** The fields of a definition in `$defs` (printed under the definition's heading). */
  isDefinition: boolean;
  /** HTML heading level, 2 to 6. */
  level: number;
  /** Markdown heading marks for the same level: `###`. */
  mdHeading: string;
  /** The field this section documents (the root section has none). */
  fieldAnchor: string;
  description: RichText;
  hasDescription: boolean;
  /** Conditions on the object itself, `; `-separated: `not empty`. */
  constraints: string;
  hasConstraints: boolean;
  /** `x-reconciled` of the object itself (the root or a definition; a nested object's are on its field's row). */
  ownReconciled: DocsReconciled[];
  hasOwnReconciled: boolean;
  fields: DocsField[];
  enums: DocsEnum[];
  hasEnums: boolean;
  reconciled: DocsSectionReconciled[];
  hasReconciled: boolean;
  /** The exported type the generated code declares for this nested object ('' when none). */
  typeName: string;
  hasTypeName: boolean;
  md: { path: string; option: string; constraints: string; typeName: string };
}

export interface DocsTocEntry {
  title: string;
  href: string;
  children: DocsTocEntry[];
  hasChildren: boolean;
}

/** A field that uses a definition, linked from the definition's section. */
export interface DocsUse {
  path: string;
  anchor: string;
  md: { path: string };
}

/**
 * A definition from `$defs`, documented once after the object's own sections and linked from every
 * field that uses it: an object with fields (`isObject`: its fields table and nested sections), or a
 * shared list of values such as CountryCode (`isValues`: the values table).
 */
export interface DocsDefinition {
  name: string;
  id: string;
  description: RichText;
  hasDescription: boolean;
  isObject: boolean;
  isValues: boolean;
  /** The definition's fields (an object definition; an empty section for a list of values). */
  section: DocsSection;
  /** Its nested objects, in the order of the page, as the object's own nested sections. */
  nested: DocsSection[];
  hasNested: boolean;
  /** Its nested objects as a tree, for the table of contents. */
  toc: DocsTocEntry[];
  hasToc: boolean;
  /** The fields that use an object definition, in the order of the page. */
  usedBy: DocsUse[];
  hasUsedBy: boolean;
  count: number;
  valueHeader: string;
  meaningHeader: string;
  values: DocsValue[];
  /** An open enum (`x-openEnum`): the known values, others may appear. */
  open: boolean;
  /** `usedBy` as one Markdown line: `` `transactions`, `refunds` ``. */
  md: { name: string; usedBy: string };
}

export interface DocsModel {
  /** Banner text, already safe inside an HTML comment. */
  banner: string;
  /** A reader's title: `Customer Session`. */
  title: string;
  /** The type name: `CustomerSession`. */
  typeName: string;
  description: RichText;
  hasDescription: boolean;
  root: DocsSection;
  nested: DocsSection[];
  hasNested: boolean;
  /** Nested objects as a tree, for the table of contents. */
  toc: DocsTocEntry[];
  definitions: DocsDefinition[];
  hasDefinitions: boolean;
  /** The complete example object as pretty JSON. */
  example: string;
  /** A Markdown code fence that the example cannot close. */
  exampleFence: string;
  /** The fixed sentences the templates print for open enums and fields not on the page (plain text). */
  notes: { openEnum: string; notOnPage: string };
  md: { title: string; typeName: string };
}

/** Minimal shape of a schema document, so this module does not depend on more than it reads. */
export interface DocsInput {
  name: string;
  source: string;
  schema: JsonSchema;
  /** The generated code's names of the nested objects, by JSON pointer (emit/naming.ts), shown on their sections. */
  typeNames?: Readonly<Record<string, string>>;
}


/** A value as a reader sees it: strings bare, everything else as JSON. */
function display(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

export function humanize(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim();
}

/** Text of a banner inside `<!-- -->`: nothing in a source path can end the comment. */
export function commentSafe(text: string): string {
  return text.replace(/--/g, '-\u2010').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'));
}

function constraintsOf(s: JsonSchema, enumCount: number, openEnum = false): string[] {
  const out: string[] = [];
  const range = (min: number | undefined, max: number | undefined, unit: string, lone: [string, string]): void => {
    if (min !== undefined && max !== undefined) out.push(min === max ? `${unit} ${min}` : `${unit} ${min}–${max}`);
    else if (min !== undefined) out.push(`${lone[0]} ${min}`);
    else if (max !== undefined) out.push(`${lone[1]} ${max}`);
  };
  range(s.minLength, s.maxLength, 'length', ['min length', 'max length']);
  if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  range(s.minimum, s.maximum, 'range', ['minimum', 'maximum']);
  if (typeof s.exclusiveMinimum === 'number') out.push(`more than ${s.exclusiveMinimum}`);
  if (typeof s.exclusiveMaximum === 'number') out.push(`less than ${s.exclusiveMaximum}`);
  if (typeof s.multipleOf === 'number') out.push(`multiple of ${s.multipleOf}`);
  const minD = s['x-minDigits'];
  const maxD = s['x-maxDigits'];
  if (minD !== undefined && maxD !== undefined) out.push(minD === maxD ? `${minD} digits` : `${minD}–${maxD} digits`);
  else if (minD !== undefined) out.push(`min ${minD} digits`);
  else if (maxD !== undefined) out.push(`max ${maxD} digits`);
  if (s.minItems !== undefined && s.maxItems !== undefined) {
    out.push(s.minItems === s.maxItems ? `${s.minItems} items` : `${s.minItems}–${s.maxItems} items`);
  } else if (s.minItems !== undefined) out.push(`at least ${s.minItems} item${s.minItems === 1 ? '' : 's'}`);
  else if (s.maxItems !== undefined) out.push(`at most ${s.maxItems} item${s.maxItems === 1 ? '' : 's'}`);
  out.push(...objectConstraints(s));
  if (s.const !== undefined) out.push(`always ${JSON.stringify(s.const)}`);
  if (enumCount > 0) out.push(openEnum ? `${enumCount} known value${enumCount === 1 ? '' : 's'}, others may appear` : `one of ${enumCount} value${enumCount === 1 ? '' : 's'}`);
  return out;
}

/** Conditions on an object's fields as a whole: `minProperties: 1` is "not empty". */
function objectConstraints(s: JsonSchema): string[] {
  const out: string[] = [];
  const min = typeof s.minProperties === 'number' && s.minProperties > 0 ? s.minProperties : undefined;
  const max = typeof s.maxProperties === 'number' ? s.maxProperties : undefined;
  const fields = (n: number): string => `${n} field${n === 1 ? '' : 's'}`;
  if (min === 1 && max === undefined) out.push('not empty');
  else if (min !== undefined && max !== undefined) out.push(min === max ? fields(min) : `${min}–${fields(max)}`);
  else if (min !== undefined) out.push(`at least ${fields(min)}`);
  else if (max !== undefined) out.push(max === 0 ? 'empty' : `at most ${fields(max)}`);
  return out;
}

/**
 * The conditions of one alternative of a union, for the parentheses after its type in the Type column:
 * `string (36–64 characters)`, `integer (1–9)`, `array of X (at least 1 item)`. Each applies to the
 * values of that alternative only, which is why they are not in the field's Constraints column.
 */
function notesOf(s: JsonSchema, type: string): string[] {
  const out: string[] = [];
  const span = (min: number | undefined, max: number | undefined, unit: (n: number) => string): void => {
    if (min !== undefined && max !== undefined) out.push(min === max ? unit(min) : `${min}–${unit(max)}`);
    else if (min !== undefined) out.push(`at least ${unit(min)}`);
    else if (max !== undefined) out.push(`at most ${unit(max)}`);
  };
  const plural = (word: string) => (n: number): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (type === 'string') {
    if (typeof s.format === 'string') out.push(s.format);
    span(s.minLength, s.maxLength, plural('character'));
    if (typeof s.pattern === 'string') out.push(`pattern ${s.pattern}`);
  } else if (type === 'number' || type === 'integer') {
    span(s.minimum, s.maximum, String);
    if (typeof s.exclusiveMinimum === 'number') out.push(`more than ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === 'number') out.push(`less than ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === 'number') out.push(`multiple of ${s.multipleOf}`);
    span(s['x-minDigits'], s['x-maxDigits'], plural('digit'));
  } else if (type === 'array') {
    span(s.minItems, s.maxItems, plural('item'));
  } else if (type === 'object') {
    out.push(...objectConstraints(s));
  }
  return out;
}

function isOpen(s: JsonSchema | undefined): boolean {
  return s !== undefined && s['x-openEnum'] === true && Array.isArray(s.enum);
}

/**
 * One `x-reconciled` entry as a line, in the brief words of the record: what the page says, what the API
 * showed, what the schema says now, and by which rule on how many examples. Every piece is plain text,
 * escaped for Markdown or HTML; the rule is code.
 */
export function reconciledLine(r: Reconciliation): DocsReconciled {
  const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value) ?? '');
  const count = typeof r.count === 'number' ? r.count : 0;
  const evidence = (Array.isArray(r.evidence) ? r.evidence : []).map(text).filter((e) => e !== '');
  const examples = `${count} example${count === 1 ? '' : 's'}`;
  const md =
    `page: ${mdText(text(r.page))} · API: ${mdText(text(r.api))} → ${mdText(text(r.result))} ` +
    `(rule ${mdCode(text(r.rule))}, ${examples}${evidence.length > 0 ? `, e.g. ${evidence.map(mdText).join('; ')}` : ''})`;
  const html =
    `page: ${escapeHtml(oneLine(text(r.page)))} · API: ${escapeHtml(oneLine(text(r.api)))} → ${escapeHtml(oneLine(text(r.result)))} ` +
    `(rule <code>${escapeHtml(oneLine(text(r.rule)))}</code>, ${examples}` +
    `${evidence.length > 0 ? `, e.g. ${evidence.map((e) => escapeHtml(oneLine(e))).join('; ')}` : ''})`;
  return { md, html };
}

/** The `x-reconciled` lines of a field: its own, then its items' (an array field), marked as such. */
function reconciledOf(levels: { schema: JsonSchema; items: number }[]): DocsReconciled[] {
  const out: DocsReconciled[] = [];
  for (const { schema, items } of levels) {
    const list = schema['x-reconciled'];
    if (!Array.isArray(list)) continue;
    const prefix = items === 0 ? '' : `${'items of '.repeat(items - 1)}items: `;
    for (const entry of list) {
      if (entry === null || typeof entry !== 'object') continue;
      const line = reconciledLine(entry as Reconciliation);
      out.push(prefix === '' ? line : { md: mdText(prefix) + line.md, html: escapeHtml(prefix) + line.html });
    }
  }
  return out;
}

/** Where a field sits: its path, its row's anchor, and where the sections its type needs go. */
interface Place {
  /** Dotted path of the field (from the root, or from a definition's name), `[]` for array items. */
  path: string;
  /** The `id` of the field's row, which its sections point back to. */
  anchor: string;
  /** Heading level of the sections made for it. */
  level: number;
  /** The list its sections join (the object's nested sections, or a definition's). */
  into: DocsSection[];
  /** The contents entries of the section it is in. */
  toc: DocsTocEntry[];
  /** How many sections deep it is. */
  depth: number;
  /** Definitions merged into the objects it is in (`allOf`): one of them again is a definition that includes itself. */
  inlined: string[];
}

interface SectionOptions {
  id: string;
  path: string;
  level: number;
  kind: 'root' | 'object' | 'item' | 'definition';
  fieldAnchor: string;
  /** `option 1`, or the branch's title, when the object is one of several a field may hold; '' otherwise. */
  option: string;
  into: DocsSection[];
  depth: number;
  inlined: string[];
}

/** What a field's type adds to its row besides the Type column. */
interface Shape {
  parts: DocsTypePart[];
  /** Shared lists of values (`$defs` enums) the type names. */
  valueDefinitions: string[];
  /** Inline enums of the type (of the field, one of its alternatives, or its items). */
  valueSchemas: JsonSchema[];
  /** Schemas whose `x-reconciled` records are the field's, with how many `items` levels down they are. */
  levels: { schema: JsonSchema; items: number }[];
  /** The schema whose conditions the Constraints column lists. */
  constraints: JsonSchema;
}

/** One way a value may be, as its words in the Type column. */
interface Alternative {
  parts: DocsTypePart[];
  text: string;
  isNull: boolean;
}

/** A schema as one alternative: a definition it names, a nested union, a constant, or one JSON type. */
type Plain =
  | { kind: 'object-definition' | 'value-definition' | 'definition'; name: string; schema: JsonSchema }
  | { kind: 'union' | 'all'; schema: JsonSchema; name: string | undefined }
  | { kind: 'const' | 'any'; schema: JsonSchema }
  | { kind: 'type'; type: string; schema: JsonSchema };

/**
 * Sections nest no deeper than this (the check stage refuses subschemas nested more than 200 deep, so only
 * a definition that includes itself through `allOf` in a union could reach it).
 */
const MAX_SECTION_DEPTH = 250;
/** Unions inside unions (in parentheses) are written out this deep, then by name. */
const MAX_UNION_DEPTH = 8;

/** 'field': a field's own type, its conditions in the Constraints column; 'branch': one of several, conditions in parentheses. */
type Mode = 'field' | 'branch';

function part(text: string, href = ''): DocsTypePart {
  return { text, href, hasHref: href !== '' };
}

/** Adjacent pieces without a link as one. */
function compact(parts: DocsTypePart[]): DocsTypePart[] {
  const out: DocsTypePart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last !== undefined && !last.hasHref && !p.hasHref) out[out.length - 1] = part(last.text + p.text);
    else if (p.text !== '') out.push(p);
  }
  return out;
}

function textOf(parts: DocsTypePart[]): string {
  return parts.map((p) => p.text).join('');
}

/**
 * Alternatives as one phrase: `A or B`, `A, B, or C`; `null` last. After an `array of …` a comma ends the
 * phrase, so `array of X, or X` cannot be read as an array of either.
 */
function joinAlternatives(list: Alternative[], conjunction: 'or' | 'and'): DocsTypePart[] {
  const seen = new Set<string>();
  const unique = list.filter((a) => !seen.has(a.text) && seen.add(a.text));
  const ordered = conjunction === 'or' ? [...unique.filter((a) => !a.isNull), ...unique.filter((a) => a.isNull)] : unique;
  if (ordered.length === 0) return [part('any')];
  const out: DocsTypePart[] = [];
  ordered.forEach((a, i) => {
    if (i > 0) {
      const serial = ordered.length > 2 || ordered[i - 1]!.text.startsWith('array of');
      out.push(part(serial ? (i === ordered.length - 1 ? `, ${conjunction} ` : ', ') : ` ${conjunction} `));
    }
    out.push(...a.parts);
  });
  return compact(out);
}

/** Builds the model of one page; ids are allocated through one set so every anchor is unique. */
class ModelBuilder {
  private readonly used = new Set(['contents', 'fields', 'example', 'title']);
  readonly nested: DocsSection[] = [];
  /** Object definitions in order of first use; their sections are built by `finish`. */
  private readonly objectDefinitions = new Map<string, DocsDefinition>();
  /** Shared enums in order of first use. */
  private readonly valueDefinitions = new Map<string, DocsDefinition>();
  private readonly pending: string[] = [];
  /** How many unions the alternative being written is inside. */
  private unions = 0;

  constructor(
    private readonly root: JsonSchema,
    /** The generated code's type name of each named nested object, by the object's node. */
    private readonly typeNames: ReadonlyMap<unknown, string> = new Map(),
  ) {}

  id(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'x';
    let id = clean;
    for (let n = 2; this.used.has(id); n++) id = `${clean}-${n}`;
    this.used.add(id);
    return id;
  }

  /** Object definitions first (each with its fields), then the lists of values. */
  definitionList(): DocsDefinition[] {
    return [...this.objectDefinitions.values(), ...this.valueDefinitions.values()];
  }

  /** Documents the object definitions used so far, and those they use in turn, each once. */
  finish(): void {
    for (let name = this.pending.shift(); name !== undefined; name = this.pending.shift()) {
      const def = this.objectDefinitions.get(name)!;
      const schema = this.definitionSchema(name);
      const { section, toc } = this.section(schema, {
        id: def.id, path: name, level: 2, kind: 'definition', fieldAnchor: '', option: '', into: def.nested, depth: 0, inlined: [name],
      });
      def.section = section;
      def.toc = toc;
      def.hasToc = toc.length > 0;
    }
    for (const def of this.objectDefinitions.values()) {
      def.hasNested = def.nested.length > 0;
      def.hasUsedBy = def.usedBy.length > 0;
      def.md.usedBy = def.usedBy.map((u) => u.md.path).join(', ');
    }
  }

  /** A definition of `$defs` as the docs read it: `$ref` chains followed, `allOf` merged. */
  private definitionSchema(name: string): JsonSchema {
    return mergeAllOf(deref({ $ref: `#/$defs/${name}` }, this.root).schema, this.root);
  }

  private blankDefinition(name: string, id: string, def: JsonSchema): DocsDefinition {
    const description = richText(def.description ?? '');
    return {
      name,
      id,
      description,
      hasDescription: description.html !== '',
      isObject: false,
      isValues: false,
      section: this.emptySection(id, name),
      nested: [],
      hasNested: false,
      toc: [],
      hasToc: false,
      usedBy: [],
      hasUsedBy: false,
      count: 0,
      valueHeader: 'Value',
      meaningHeader: 'Meaning',
      values: [],
      open: false,
      md: { name: mdText(name), usedBy: '' },
    };
  }

  private emptySection(id: string, path: string): DocsSection {
    return {
      id, path, isRoot: false, isArrayItem: false, isOption: false, option: '', isDefinition: true, level: 2, mdHeading: '##',
      fieldAnchor: '', description: richText(''), hasDescription: false, constraints: '', hasConstraints: false,
      ownReconciled: [], hasOwnReconciled: false, fields: [], enums: [], hasEnums: false, reconciled: [], hasReconciled: false,
      typeName: '', hasTypeName: false, md: { path: mdCode(path), option: '', constraints: '', typeName: '' },
    };
  }

  /** A shared list of values, listed once; its values and description are the definition's own. */
  private valueDefinition(name: string): DocsDefinition {
    const existing = this.valueDefinitions.get(name);
    if (existing) return existing;
    const def = this.definitionSchema(name);
    const isCountry = name === 'CountryCode';
    const values = (def.enum ?? []).map((v) => enumValue(v, def));
    const made: DocsDefinition = {
      ...this.blankDefinition(name, this.id(`def-${name}`), def),
      isValues: true,
      count: values.length,
      valueHeader: isCountry ? 'Code' : 'Value',
      meaningHeader: isCountry ? 'Country' : 'Meaning',
      values,
      open: isOpen(def),
    };
    this.valueDefinitions.set(name, made);
    return made;
  }

  /** The link to an object definition, noting the field that uses it; the definition is documented by `finish`. */
  private objectLink(name: string, place: Place): DocsTypePart {
    let def = this.objectDefinitions.get(name);
    if (def === undefined) {
      def = { ...this.blankDefinition(name, this.id(`def-${name}`), this.definitionSchema(name)), isObject: true };
      this.objectDefinitions.set(name, def);
      this.pending.push(name);
    }
    if (!def.usedBy.some((u) => u.anchor === place.anchor)) {
      def.usedBy.push({ path: place.path, anchor: place.anchor, md: { path: mdCode(place.path) } });
    }
    return part(name, `#${def.id}`);
  }

  /** The fields of one object, recursing into nested objects. */
  section(schema: JsonSchema, o: SectionOptions): { section: DocsSection; toc: DocsTocEntry[] } {
    const fields: DocsField[] = [];
    const enums: DocsEnum[] = [];
    const reconciled: DocsSectionReconciled[] = [];
    const toc: DocsTocEntry[] = [];
    const required = new Set(schema.required ?? []);
    const own = o.kind === 'root' || o.kind === 'definition';
    const description = own ? richText('') : richText(schema.description ?? '');
    const constraints = objectConstraints(schema).join('; ');
    const ownReconciled = own ? reconciledOf([{ schema, items: 0 }]) : [];
    const typeName = own ? '' : (this.typeNames.get(schema) ?? (o.option === '' ? this.typeNames.get(o.path) : undefined) ?? '');
    const section: DocsSection = {
      id: o.id,
      path: o.path,
      isRoot: o.kind === 'root',
      isArrayItem: o.kind === 'item',
      isOption: o.option !== '',
      option: o.option,
      isDefinition: o.kind === 'definition',
      level: o.level,
      mdHeading: '#'.repeat(o.level),
      fieldAnchor: o.fieldAnchor,
      description,
      hasDescription: description.html !== '',
      constraints,
      hasConstraints: constraints !== '',
      ownReconciled,
      hasOwnReconciled: ownReconciled.length > 0,
      fields,
      enums,
      hasEnums: false,
      reconciled,
      hasReconciled: false,
      typeName,
      hasTypeName: typeName !== '',
      md: { path: mdCode(o.path), option: mdText(o.option), constraints: mdText(constraints), typeName: mdCode(typeName) },
    };
    if (!own) o.into.push(section);
    const level = Math.min(o.level + 1, 6);
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const path = o.path === '' ? name : `${o.path}.${name}`;
      const place: Place = { path, anchor: this.id(`field-${path}`), level, into: o.into, toc, depth: o.depth + 1, inlined: o.inlined };
      fields.push(this.field(name, raw, required.has(name), place, enums, reconciled));
    }
    section.hasEnums = enums.length > 0;
    section.hasReconciled = reconciled.length > 0;
    return { section, toc };
  }

  private field(
    name: string,
    raw: JsonSchema,
    required: boolean,
    place: Place,
    enums: DocsEnum[],
    reconciled: DocsSectionReconciled[],
  ): DocsField {
    const { anchor } = place;
    const { shape, schema: s } = this.shape(raw, place);
    const type = textOf(shape.parts);
    const typeHref = shape.parts.find((p) => p.hasHref)?.href ?? '';

    // Listed values: a shared `$defs` enum is listed once at the end, inline ones under this table.
    let valuesHref = '';
    let enumCount = 0;
    let open = false;
    if (shape.valueSchemas.length > 0) {
      const values: DocsValue[] = [];
      const seen = new Set<string>();
      for (const schema of shape.valueSchemas) {
        for (const v of schema.enum ?? []) {
          const key = JSON.stringify(v) ?? String(v);
          if (seen.has(key)) continue;
          seen.add(key);
          values.push(enumValue(v, schema));
        }
      }
      open = shape.valueSchemas.some((v) => isOpen(v));
      const enumAnchor = this.id(`${anchor}-values`);
      enums.push({ field: name, anchor: enumAnchor, values, open, md: { field: mdCode(name) } });
      valuesHref = `#${enumAnchor}`;
      enumCount = values.length;
    } else if (shape.valueDefinitions.length === 1) {
      const defName = shape.valueDefinitions[0]!;
      const def = this.valueDefinitions.get(defName)!;
      valuesHref = `#${def.id}`;
      enumCount = def.count;
      open = def.open;
    }
    const parts = constraintsOf(shape.constraints, enumCount, open);
    const constraints = parts.join('; ');
    const hasExample = Array.isArray(raw.examples) && raw.examples.length > 0;
    const example = hasExample ? display(raw.examples?.[0]) : '';
    const description = richText(s.description ?? '');
    const notOnPage = s['x-notOnPage'] === true;
    const fieldReconciled = reconciledOf(shape.levels);
    if (fieldReconciled.length > 0) reconciled.push({ field: name, lines: fieldReconciled, md: { field: mdCode(name) } });
    return {
      name,
      path: place.path,
      anchor,
      type,
      typeParts: shape.parts,
      typeHref,
      hasTypeHref: typeHref !== '',
      required,
      requiredText: required ? 'yes' : 'no',
      constraints,
      constraintParts: parts.map((text, i) => {
        // constraintsOf lists the enum count last.
        const href = enumCount > 0 && i === parts.length - 1 ? valuesHref : '';
        return { text, href, hasHref: href !== '' };
      }),
      description,
      example,
      hasExample,
      notOnPage,
      reconciled: fieldReconciled,
      hasReconciled: fieldReconciled.length > 0,
      md: {
        name: mdCode(name),
        type: mdText(type),
        constraints: mdText(constraints),
        example: mdCode(example),
        description: notOnPage ? `*${mdText(NOT_ON_PAGE_NOTE)}*${description.md === '' ? '' : ` ${description.md}`}` : description.md,
      },
    };
  }

  /**
   * A field's type: a definition it names (linked), one type or several (`anyOf`/`oneOf`, a list of
   * types), `allOf` merged. Also returns the field's schema with a `$ref` followed, for its description.
   */
  private shape(raw: JsonSchema, place: Place): { shape: Shape; schema: JsonSchema } {
    const inlined: string[] = [];
    const n = mergeAllOf(raw, this.root, 0, inlined);
    const { schema: s, name: ref } = deref(n, this.root);
    const shape: Shape = { parts: [], valueDefinitions: [], valueSchemas: [], levels: [], constraints: s };
    const loop = inlined.find((name) => place.inlined.includes(name));
    if (loop !== undefined) {
      // A definition that includes itself through `allOf`: named (and linked) here instead of written out again.
      shape.parts = [isFieldsObject(this.definitionSchema(loop)) ? this.objectLink(loop, place) : part(loop)];
      shape.levels.push({ schema: s, items: 0 });
      return { shape, schema: s };
    }
    place.inlined = [...place.inlined, ...inlined];
    const target = ref === undefined ? undefined : mergeAllOf(s, this.root);
    if (ref !== undefined && target !== undefined && isFieldsObject(target)) {
      // The definition's own conditions and records are in its section; the row has the field's.
      const { $ref: _ref, ...own } = n;
      shape.constraints = own;
      shape.levels.push({ schema: own, items: 0 });
      shape.parts = [this.objectLink(ref, place)];
      return { shape, schema: s };
    }
    shape.levels.push({ schema: s, items: 0 });
    const isList = ref !== undefined && Array.isArray(s.enum);
    if (!isList && unionOf(s) !== undefined) {
      const { anyOf: _any, oneOf: _one, ...outer } = s;
      shape.constraints = outer;
      shape.parts = joinAlternatives(this.alternatives(alternatives(s, this.root), place, shape, 'branch'), 'or');
    } else if (!isList && Array.isArray(s.allOf)) {
      // An `allOf` whose parts cannot be written as one schema: each part, all of which hold.
      const { allOf, ...outer } = s;
      shape.constraints = outer;
      const parts = (allOf as JsonSchema[]).map((p) => mergeAllOf(p, this.root));
      shape.parts = joinAlternatives(this.alternatives(parts, place, shape, 'branch'), 'and');
    } else {
      shape.parts = joinAlternatives(this.alternatives([ref === undefined ? s : n], place, shape, 'field'), 'or');
    }
    return { shape, schema: s };
  }

  /** Each schema as the alternatives it stands for; inline objects get their sections, as options when several. */
  private alternatives(list: JsonSchema[], place: Place, shape: Shape, mode: Mode): Alternative[] {
    const plain = list.flatMap((schema) => this.plain(schema, shape));
    const objects = plain.filter((p) => p.kind === 'type' && this.inlineObjects(p.schema, p.type));
    return plain.map((p) => {
      const index = objects.indexOf(p);
      const title = typeof p.schema.title === 'string' ? oneLine(p.schema.title).trim() : '';
      const option = objects.length < 2 || index < 0 ? '' : title !== '' ? title : `option ${index + 1}`;
      return this.alternative(p, place, shape, mode, option);
    });
  }

  /** An object with fields, or an array (of arrays) of them, written inline: what gets a section of its own. */
  private inlineObjects(schema: JsonSchema, type: string): boolean {
    if (type === 'object') return isObjectWithFields(schema);
    let items = schema.items;
    for (let depth = 0; type === 'array' && items !== undefined && depth < 32; depth++) {
      const m = mergeAllOf(items, this.root);
      if (refName(m) !== undefined || unionOf(m) !== undefined) return false;
      if (isFieldsObject(m)) return true;
      if (!typesOf(m).includes('array')) return false;
      items = m.items;
    }
    return false;
  }

  private plain(raw: JsonSchema, shape: Shape): Plain[] {
    const { schema: t, name } = deref(raw, this.root);
    const m = mergeAllOf(t, this.root);
    if (name !== undefined) {
      if (isFieldsObject(m)) return [{ kind: 'object-definition', name, schema: m }];
      if (Array.isArray(m.enum)) return [{ kind: 'value-definition', name, schema: m }];
      // Anything else by its name: a union `alternatives` did not write out in place includes itself.
      return [{ kind: 'definition', name, schema: m }];
    }
    if (unionOf(m) !== undefined) return [{ kind: 'union', schema: m, name }];
    if (Array.isArray(m.allOf)) return [{ kind: 'all', schema: m, name }];
    if (m.const !== undefined) return [{ kind: 'const', schema: m }];
    let types = typesOf(m);
    if (Array.isArray(m.enum)) {
      shape.valueSchemas.push(m);
      if (types.length === 0) types = typesOfValues(m.enum);
    }
    if (types.length === 0) return [{ kind: 'any', schema: m }];
    return splitTypes({ ...m, type: types as JsonSchema['type'] }).map((p) => ({ kind: 'type', type: String(p.type), schema: p }));
  }

  private alternative(p: Plain, place: Place, shape: Shape, mode: Mode, option: string): Alternative {
    const done = (parts: DocsTypePart[], isNull = false): Alternative => {
      const compacted = compact(parts);
      return { parts: compacted, text: textOf(compacted), isNull };
    };
    const withNotes = (text: string, notes: string[]): string => (notes.length > 0 ? `${text} (${notes.join(', ')})` : text);
    switch (p.kind) {
      case 'object-definition':
        return done([this.objectLink(p.name, place)]);
      case 'value-definition':
        if (!shape.valueDefinitions.includes(p.name)) shape.valueDefinitions.push(p.name);
        return done([part(p.name, `#${this.valueDefinition(p.name).id}`)]);
      case 'definition':
        return done([part(p.name)]);
      case 'union':
      case 'all': {
        if (this.unions >= MAX_UNION_DEPTH) return done([part(p.name ?? 'any')]);
        const list = p.kind === 'union' ? alternatives(p.schema, this.root) : (p.schema.allOf as JsonSchema[]).map((b) => mergeAllOf(b, this.root));
        this.unions++;
        try {
          const inner = joinAlternatives(this.alternatives(list, place, shape, 'branch'), p.kind === 'union' ? 'or' : 'and');
          return done([part('('), ...inner, part(')')]);
        } finally {
          this.unions--;
        }
      }
      case 'const':
        return done([part(mode === 'branch' ? display(JSON.stringify(p.schema.const)) : typesOfValues([p.schema.const]).join(' or '))], p.schema.const === null);
      case 'any':
        return done([part('any')]);
      case 'type':
        break;
    }
    const { type, schema } = p;
    if (type === 'null') return done([part('null')], true);
    if (type === 'object' && isObjectWithFields(schema)) {
      const href = this.nestedSection(schema, place.path, place, 'object', option);
      return done([part(option === '' ? 'object' : /^option \d+$/.test(option) ? `object (${option})` : option, href)]);
    }
    if (type === 'array') {
      const notes = mode === 'branch' ? notesOf(schema, 'array') : [];
      if (schema.items === undefined) return done([part(withNotes('array', notes))]);
      const items = this.itemsOf(schema, place, shape, '[]', 1, option);
      if (items.whole !== '') {
        // The phrase links to the items' section as a whole: `array of objects`.
        const label = `array of ${textOf(items.parts)}`;
        return done([part(withNotes(label, option === '' ? notes : [option, ...notes]), items.whole)]);
      }
      return done([part('array of '), ...items.parts, ...(notes.length > 0 ? [part(` (${notes.join(', ')})`)] : [])]);
    }
    if (mode === 'branch') return done([part(withNotes(type, notesOf(schema, type)))]);
    return done([part(type === 'string' && typeof schema.format === 'string' ? `string (${schema.format})` : type)]);
  }

  /**
   * The items of an array as words after `array of`: a definition (linked), `objects` (inline, with
   * their section; `whole` is its link, for the whole phrase), a nested array, or the items' types.
   */
  private itemsOf(
    array: JsonSchema,
    place: Place,
    shape: Shape,
    suffix: string,
    depth: number,
    option: string,
  ): { parts: DocsTypePart[]; whole: string } {
    const raw = mergeAllOf(array.items ?? {}, this.root);
    const { schema: t, name } = deref(raw, this.root);
    const m = mergeAllOf(t, this.root);
    if (name !== undefined && isFieldsObject(m)) return { parts: [this.objectLink(name, place)], whole: '' };
    shape.levels.push({ schema: m, items: depth });
    if (name !== undefined && Array.isArray(m.enum)) {
      if (!shape.valueDefinitions.includes(name)) shape.valueDefinitions.push(name);
      return { parts: [part(name, `#${this.valueDefinition(name).id}`)], whole: '' };
    }
    if (name !== undefined && unionOf(m) === undefined && !Array.isArray(m.allOf)) return { parts: [part(name)], whole: '' };
    const itemPlace: Place = { ...place, path: `${place.path}${suffix}` };
    if (unionOf(m) !== undefined || Array.isArray(m.allOf)) {
      const alternatives = this.alternatives([m], itemPlace, shape, 'branch');
      const parts = alternatives.length === 1 ? alternatives[0]!.parts : [];
      return { parts: parts.length > 0 ? parts : [part('any')], whole: '' };
    }
    if (isFieldsObject(m)) {
      const href = this.nestedSection(m, `${place.path}${suffix}`, place, 'item', option);
      return { parts: [part('objects')], whole: href };
    }
    if (typesOf(m).includes('array') && !Array.isArray(m.type)) {
      const inner = this.itemsOf(m, place, shape, `${suffix}[]`, depth + 1, option);
      return { parts: [part('array of '), ...inner.parts], whole: inner.whole };
    }
    const alternatives = this.alternatives([m], itemPlace, shape, 'field');
    const parts = joinAlternatives(alternatives, 'or');
    return { parts: alternatives.length > 1 ? [part('('), ...parts, part(')')] : parts, whole: '' };
  }

  /** A section for an inline object, with its entry in the contents; returns its `#id`. */
  private nestedSection(schema: JsonSchema, path: string, place: Place, kind: 'object' | 'item', option: string): string {
    if (place.depth > MAX_SECTION_DEPTH) return '';
    const id = this.id(`section-${path}${option === '' ? '' : `-${option}`}`);
    const { toc } = this.section(schema, {
      id, path, level: place.level, kind, fieldAnchor: place.anchor, option, into: place.into, depth: place.depth, inlined: place.inlined,
    });
    place.toc.push({ title: option === '' ? path : `${path} (${option})`, href: `#${id}`, children: toc, hasChildren: toc.length > 0 });
    return `#${id}`;
  }
}

function enumValue(value: unknown, s: JsonSchema): DocsValue {
  const key = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const meaning = own(s['x-enumDescriptions'], key) ?? '';
  return { value: display(value), meaning: richText(meaning), md: { value: mdCode(display(value)) } };
}

/** The docs' path of a field or items at a JSON pointer made of properties and items only (else undefined). */
function fieldPathOf(pointer: string): string | undefined {
  let path = '';
  const tokens = pointer.split('/').slice(1).map(tokenKey);
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === 'items') path += '[]';
    else if (tokens[i] === 'properties' && i + 1 < tokens.length) path += path === '' ? tokens[++i] : `.${tokens[++i] as string}`;
    else return undefined;
  }
  return path === '' ? undefined : path;
}

/** The model the doc templates render for one object. */
export function buildDocsModel(doc: DocsInput): DocsModel {
  // By node, and by field path for the nodes the docs see as copies (a nullable object's `object` alternative):
  // `/properties/a/properties/b` is `a.b`, `/properties/list/items` is `list[]`.
  const typeNames = new Map<unknown, string>();
  for (const [pointer, name] of Object.entries(doc.typeNames ?? {})) {
    const node = resolvePointer(doc.schema, pointer);
    if (node !== undefined) typeNames.set(node, name);
    const path = fieldPathOf(pointer);
    if (path !== undefined) typeNames.set(path, name);
  }
  const builder = new ModelBuilder(doc.schema, typeNames);
  const schema = mergeAllOf(deref(doc.schema, doc.schema).schema, doc.schema);
  const { section: root, toc } = builder.section(schema, {
    id: 'fields', path: '', level: 2, kind: 'root', fieldAnchor: '', option: '', into: builder.nested, depth: 0, inlined: [],
  });
  builder.finish();
  const description = richText(doc.schema.description ?? '');
  const example = prettyJson(exampleObject(doc.schema));
  const title = humanize(doc.name) || doc.name;
  const definitions = builder.definitionList();
  return {
    banner: commentSafe(`@generated by yuno-codegen from ${doc.source} — do not edit`),
    title,
    typeName: doc.name,
    description,
    hasDescription: description.html !== '',
    root,
    nested: builder.nested,
    hasNested: builder.nested.length > 0,
    toc,
    definitions,
    hasDefinitions: definitions.length > 0,
    example,
    exampleFence: mdFence(example),
    notes: { openEnum: OPEN_ENUM_NOTE, notOnPage: NOT_ON_PAGE_NOTE },
    md: { title: mdText(title), typeName: mdCode(doc.name) },
  };
}

/** JSON for people: two-space indent, and invisible line separators shown as escapes. */
function prettyJson(value: unknown): string {
  return (JSON.stringify(value, null, 2) ?? 'null').replace(
    /[\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16)}`,
  );
}

// ---------------------------------------------------------------------------------------------------
// The complete example object.
// ---------------------------------------------------------------------------------------------------

/**
 * A complete example of the object: every field, from the page's first example where that example fits
 * the field's schema, otherwise the simplest value that does (first enum value, `minLength` x's, …).
 * Nested objects are built field by field; an array of objects gets one item.
 */
export function exampleObject(schema: JsonSchema): unknown {
  return exampleFor(schema, schema, []);
}

function exampleFor(raw: JsonSchema, root: JsonSchema, stack: string[]): unknown {
  // `{ allOf: [{ $ref }] }` is the `$ref`.
  if (refName(raw) === undefined && Array.isArray(raw.allOf)) {
    const merged = mergeAllOf(raw, root);
    if (refName(merged) !== undefined) return exampleFor(merged, root, stack);
  }
  const ref = refName(raw);
  if (ref !== undefined && stack.includes(ref)) return undefined;
  const inlined: string[] = [];
  const s = mergeAllOf(resolve(raw, root), root, 0, inlined);
  // A definition that includes itself through `allOf` stops where it would begin again, as a `$ref` does.
  if (inlined.some((name) => stack.includes(name))) return undefined;
  const nextStack = [...stack, ...(ref === undefined ? [] : [ref]), ...inlined];
  const types = typesOf(s);
  if (unionOf(s) !== undefined && !isFieldsObject(s)) return unionExample(s, root, nextStack);
  if (Array.isArray(s.allOf)) return allOfExample(s, root, nextStack);
  if (isObjectWithFields(s) && (types.length === 0 || types.includes('object'))) {
    const entries: [string, unknown][] = [];
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      const value = exampleFor(child, root, nextStack);
      if (value !== undefined) entries.push([name, value]);
    }
    // fromEntries defines own properties, so a field named `__proto__` stays a field.
    return Object.fromEntries(entries);
  }
  if (types.includes('array') && s.items !== undefined && isObjectWithFields(resolve(s.items, root))) {
    const item = exampleFor(s.items, root, nextStack);
    return item === undefined ? [] : repeat(item, s);
  }
  const given = Array.isArray(s.examples) && s.examples.length > 0 ? s.examples[0] : undefined;
  if (given !== undefined) {
    if (fits(given, s, root)) return given;
    if (types.includes('array') && s.items !== undefined && fits([given], s, root)) return [given];
  }
  return synthesize(s, root, nextStack);
}

/**
 * An example of one of a union's alternatives: the page's own when it fits, else the first alternative
 * that shows the most (an object with fields, then an array of them, then a value; `null` and constants
 * such as the API's `""` last) whose example fits.
 */
function unionExample(s: JsonSchema, root: JsonSchema, stack: string[]): unknown {
  const list = alternatives(s, root);
  const { anyOf: _any, oneOf: _one, ...outer } = s;
  // `oneOf`: exactly one alternative holds (conforms() reads `anyOf` only, so the count is taken here).
  const holds = (value: unknown): boolean => {
    const count = list.filter((alt) => fits(value, alt, root)).length;
    return fits(value, outer, root) && (Array.isArray(s.oneOf) && !Array.isArray(s.anyOf) ? count === 1 : count > 0);
  };
  const given = Array.isArray(s.examples) && s.examples.length > 0 ? s.examples[0] : undefined;
  if (given !== undefined && holds(given)) return given;
  const rank = (alt: JsonSchema): number => {
    const m = mergeAllOf(deref(alt, root).schema, root);
    if (isFieldsObject(m)) return 0;
    if (typesOf(m).includes('array') && m.items !== undefined && isFieldsObject(mergeAllOf(deref(m.items, root).schema, root))) return 1;
    if (m.const !== undefined) return 3;
    if (m.type === 'null') return 4;
    return 2;
  };
  const ranked = list
    .map((alt, i) => ({ alt, i, rank: rank(alt) }))
    .sort((a, b) => a.rank - b.rank || a.i - b.i);
  let fallback: unknown;
  for (const { alt } of ranked) {
    const value = exampleFor(alt, root, stack);
    if (value === undefined) continue;
    if (holds(value)) return value;
    fallback ??= value;
  }
  return fallback ?? null;
}

/** An `allOf` whose parts are not one schema: the first part's example that every part accepts. */
function allOfExample(s: JsonSchema, root: JsonSchema, stack: string[]): unknown {
  const parts = s.allOf as JsonSchema[];
  let fallback: unknown;
  for (const p of parts) {
    const value = exampleFor(p, root, stack);
    if (value === undefined) continue;
    if (parts.every((q) => fits(value, q, root))) return value;
    fallback ??= value;
  }
  return fallback ?? null;
}

function repeat(item: unknown, s: JsonSchema): unknown[] {
  const count = Math.min(Math.max(1, s.minItems ?? 0), s.maxItems ?? Number.POSITIVE_INFINITY);
  return Array.from({ length: count }, () => item);
}

const DATE_TIME_BASE = '2022-05-09T20:46:54';
const FIXED_FORMATS: Record<string, string> = {
  date: '2022-05-09',
  time: '20:46:54Z',
  email: 'user@example.com',
  uri: 'https://example.com/',
  url: 'https://example.com/',
  uuid: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
};

function synthesize(s: JsonSchema, root: JsonSchema, stack: string[]): unknown {
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum.find((v) => fits(v, s, root)) ?? s.enum[0];
  const types = typesOf(s);
  const type = types.find((t) => t !== 'null') ?? types[0];
  switch (type) {
    case 'string':
      return stringFor(s);
    case 'integer':
    case 'number':
      return numberFor(s, type === 'integer');
    case 'boolean':
      return true;
    case 'array': {
      if (s.maxItems === 0 || s.items === undefined) return [];
      const item = exampleFor(s.items, root, stack);
      return item === undefined ? [] : repeat(item, s);
    }
    case 'object':
      return {};
    default:
      return null;
  }
}

function stringFor(s: JsonSchema): string {
  const min = s.minLength ?? 0;
  const max = s.maxLength ?? Number.POSITIVE_INFINITY;
  const fitsLength = (v: string): boolean => [...v].length >= min && [...v].length <= max;
  if (s.format === 'date-time') {
    const digits = (k: number): string => '786342'.repeat(Math.ceil(k / 6)).slice(0, k);
    const candidates = [`${DATE_TIME_BASE}.786342Z`, `${DATE_TIME_BASE}Z`, `${DATE_TIME_BASE}+00:00`];
    // UTC (`Z`) forms first: the pages write times in UTC. Up to 27 fraction digits are tried; a longer
    // minLength gets the one fraction that reaches it exactly (no loop over every length up to it).
    for (let k = 1; k <= 27; k++) candidates.push(`${DATE_TIME_BASE}.${digits(k)}Z`);
    for (let k = 1; k <= 27; k++) candidates.push(`${DATE_TIME_BASE}.${digits(k)}+00:00`);
    const exact = min - `${DATE_TIME_BASE}.Z`.length;
    if (exact > 27) candidates.push(`${DATE_TIME_BASE}.${digits(exact)}Z`);
    const found = candidates.find(fitsLength);
    if (found !== undefined) return found;
  }
  const fixed = typeof s.format === 'string' ? own(FIXED_FORMATS, s.format) : undefined;
  if (fixed !== undefined && fitsLength(fixed)) return fixed;
  return 'x'.repeat(min === 0 && max >= 1 ? 1 : min);
}

function numberFor(s: JsonSchema, integer: boolean): number {
  const lo = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum : s.minimum;
  const hi = typeof s.exclusiveMaximum === 'number' ? s.exclusiveMaximum : s.maximum;
  const step = typeof s.multipleOf === 'number' && s.multipleOf > 0 ? s.multipleOf : 1;
  // Start at 0 or at the bound nearest to it, then walk away from it in steps of multipleOf.
  const start = lo !== undefined && lo > 0 ? lo : hi !== undefined && hi < 0 ? hi : 0;
  const direction = hi !== undefined && hi < 0 ? -1 : 1;
  const first = direction > 0 ? Math.ceil(start / step) : Math.floor(start / step);
  const stepDecimal = decimalOf(step);
  const candidates: number[] = [];
  const fallbacks: number[] = [];
  // The division above is in floating point and may land one step past the bound: one step back is tried first.
  for (let k = start === 0 ? 0 : -1; k <= 64; k++) {
    const n = first + direction * k;
    // n × step as the exact decimal (3 × 0.1 is 0.3, where floating point says 0.30000000000000004), which
    // the exact multipleOf check accepts; the floating-point forms are fallbacks, after all of those.
    if (stepDecimal !== undefined && Number.isFinite(n)) candidates.push(Number(`${BigInt(n) * BigInt(stepDecimal.digits)}e${stepDecimal.exponent}`));
    const raw = n * step;
    fallbacks.push(Number(raw.toFixed(12)), raw, Math.round(raw));
  }
  candidates.push(...fallbacks);
  const holds = (v: number): boolean =>
    (!integer || Number.isInteger(v)) && fits(v, { ...s, type: integer ? 'integer' : 'number' }, {});
  return candidates.find(holds) ?? (integer ? Math.ceil(start) : start);
}

