/**
 * Doc text (Markdown from the canonical schema) made safe for the two doc outputs. Both outputs are
 * printed from one parse, so a link dropped as unsafe is dropped in both and raw HTML in the text is
 * shown as text in both.
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, PhrasingContent } from 'mdast';
import { percentEncode } from '../page/segments.js';
import { mdText, oneLine } from '../templates.js';
import { conforms as fits, decimalOf, own, refName, resolve } from '../conforms.js';
import type { JsonSchema, Reconciliation } from '../types.js';

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
  type: string;
  /** `#…` of the nested section or definition the type names, or ''. */
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

/** The root fields or one nested object (an object field, or the items of an array of objects). */
export interface DocsSection {
  id: string;
  path: string;
  isRoot: boolean;
  isArrayItem: boolean;
  /** HTML heading level, 2 to 6. */
  level: number;
  /** Markdown heading marks for the same level: `###`. */
  mdHeading: string;
  /** The field this section documents (the root section has none). */
  fieldAnchor: string;
  description: RichText;
  hasDescription: boolean;
  fields: DocsField[];
  enums: DocsEnum[];
  hasEnums: boolean;
  reconciled: DocsSectionReconciled[];
  hasReconciled: boolean;
  md: { path: string };
}

export interface DocsTocEntry {
  title: string;
  href: string;
  children: DocsTocEntry[];
  hasChildren: boolean;
}

/** A shared enum from `$defs` (e.g. CountryCode), listed once at the end of the page. */
export interface DocsDefinition {
  name: string;
  id: string;
  description: RichText;
  hasDescription: boolean;
  count: number;
  valueHeader: string;
  meaningHeader: string;
  values: DocsValue[];
  /** An open enum (`x-openEnum`): the known values, others may appear. */
  open: boolean;
  md: { name: string };
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
}


function typesOf(schema: JsonSchema): string[] {
  if (Array.isArray(schema.type)) return schema.type;
  if (typeof schema.type === 'string') return [schema.type];
  if (schema.properties !== undefined) return ['object'];
  if (schema.items !== undefined) return ['array'];
  return [];
}

/** A value as a reader sees it: strings bare, everything else as JSON. */
function display(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

function isObjectWithFields(schema: JsonSchema): boolean {
  return schema.properties !== undefined && Object.keys(schema.properties).length > 0;
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
  range(s.minimum, s.maximum, 'range', ['minimum', 'maximum']);
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
  if (s.const !== undefined) out.push(`always ${JSON.stringify(s.const)}`);
  if (enumCount > 0) out.push(openEnum ? `${enumCount} known value${enumCount === 1 ? '' : 's'}, others may appear` : `one of ${enumCount} value${enumCount === 1 ? '' : 's'}`);
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

/** Builds the model of one page; ids are allocated through one set so every anchor is unique. */
class ModelBuilder {
  private readonly used = new Set(['contents', 'fields', 'example', 'title']);
  readonly nested: DocsSection[] = [];
  /** Shared enums in order of first use. */
  private readonly definitions = new Map<string, DocsDefinition>();

  constructor(private readonly root: JsonSchema) {}

  id(base: string): string {
    const clean = base.replace(/[^A-Za-z0-9_]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'x';
    let id = clean;
    for (let n = 2; this.used.has(id); n++) id = `${clean}-${n}`;
    this.used.add(id);
    return id;
  }

  definitionList(): DocsDefinition[] {
    return [...this.definitions.values()];
  }

  private definition(name: string, def: JsonSchema): DocsDefinition {
    const existing = this.definitions.get(name);
    if (existing) return existing;
    const isCountry = name === 'CountryCode';
    const values = (def.enum ?? []).map((v) => enumValue(v, def));
    const description = richText(def.description ?? '');
    const made: DocsDefinition = {
      name,
      id: this.id(`def-${name}`),
      description,
      hasDescription: description.html !== '',
      count: values.length,
      valueHeader: isCountry ? 'Code' : 'Value',
      meaningHeader: isCountry ? 'Country' : 'Meaning',
      values,
      open: isOpen(def),
      md: { name: mdText(name) },
    };
    this.definitions.set(name, made);
    return made;
  }

  /** The fields of one object, recursing into nested objects; `stack` holds `$defs` names being expanded. */
  section(
    schema: JsonSchema,
    path: string,
    depth: number,
    fieldAnchor: string,
    isArrayItem: boolean,
    stack: string[],
  ): { section: DocsSection; toc: DocsTocEntry[] } {
    const id = depth === 0 ? 'fields' : this.id(`section-${path}`);
    const fields: DocsField[] = [];
    const enums: DocsEnum[] = [];
    const reconciled: DocsSectionReconciled[] = [];
    const toc: DocsTocEntry[] = [];
    const required = new Set(schema.required ?? []);
    const level = Math.min(2 + depth, 6);
    const description = depth === 0 ? richText('') : richText(schema.description ?? '');
    const section: DocsSection = {
      id,
      path,
      isRoot: depth === 0,
      isArrayItem,
      level,
      mdHeading: '#'.repeat(level),
      fieldAnchor,
      description,
      hasDescription: description.html !== '',
      fields,
      enums,
      hasEnums: false,
      reconciled,
      hasReconciled: false,
      md: { path: mdCode(path) },
    };
    if (depth > 0) this.nested.push(section);
    for (const [name, raw] of Object.entries(schema.properties ?? {})) {
      const fieldPath = path === '' ? name : `${path}.${name}`;
      const anchor = this.id(`field-${fieldPath}`);
      const ref = refName(raw);
      const s = resolve(raw, this.root);
      const expanding = ref !== undefined && stack.includes(ref);
      const nextStack = ref === undefined ? stack : [...stack, ref];

      const type = typeLabel(s, ref);
      let typeHref = '';

      // An object, or an array (of arrays) of objects, gets its own section after this one.
      let inner = s;
      let suffix = '';
      let innerStack = nextStack;
      const levels = [{ schema: s, items: 0 }];
      while (typesOf(inner).includes('array') && inner.items !== undefined) {
        const itemRef = refName(inner.items);
        if (itemRef !== undefined && innerStack.includes(itemRef)) break;
        if (itemRef !== undefined) innerStack = [...innerStack, itemRef];
        inner = resolve(inner.items, this.root);
        suffix += '[]';
        levels.push({ schema: inner, items: levels.length });
      }
      if (isObjectWithFields(inner) && !expanding && typesOf(inner).includes('object')) {
        const child = this.section(inner, `${fieldPath}${suffix}`, depth + 1, anchor, suffix !== '', innerStack);
        typeHref = `#${child.section.id}`;
        toc.push({
          title: `${fieldPath}${suffix}`,
          href: typeHref,
          children: child.toc,
          hasChildren: child.toc.length > 0,
        });
      }

      // Enum values: a shared `$defs` enum is listed once at the end, an inline one under this table.
      const valuesSchema = s.enum !== undefined ? s : inner.enum !== undefined ? inner : undefined;
      const valuesRef = valuesSchema === s ? ref : suffix === '[]' ? refName(s.items ?? {}) : undefined;
      let valuesHref = '';
      if (valuesSchema?.enum !== undefined) {
        if (valuesRef !== undefined) {
          valuesHref = `#${this.definition(valuesRef, own(this.root.$defs, valuesRef) ?? valuesSchema).id}`;
          if (typeHref === '') typeHref = valuesHref;
        } else {
          const values = valuesSchema.enum.map((v) => enumValue(v, valuesSchema));
          const enumAnchor = this.id(`${anchor}-values`);
          enums.push({ field: name, anchor: enumAnchor, values, open: isOpen(valuesSchema), md: { field: mdCode(name) } });
          valuesHref = `#${enumAnchor}`;
        }
      }
      const enumCount = valuesSchema?.enum?.length ?? 0;
      const parts = constraintsOf(s, enumCount, isOpen(valuesSchema));
      const constraints = parts.join('; ');
      const hasExample = Array.isArray(raw.examples) && raw.examples.length > 0;
      const example = hasExample ? display(raw.examples?.[0]) : '';
      const description = richText(s.description ?? '');
      const notOnPage = s['x-notOnPage'] === true;
      const fieldReconciled = reconciledOf(levels);
      if (fieldReconciled.length > 0) reconciled.push({ field: name, lines: fieldReconciled, md: { field: mdCode(name) } });
      fields.push({
        name,
        path: fieldPath,
        anchor,
        type,
        typeHref,
        hasTypeHref: typeHref !== '',
        required: required.has(name),
        requiredText: required.has(name) ? 'yes' : 'no',
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
      });
    }
    section.hasEnums = enums.length > 0;
    section.hasReconciled = reconciled.length > 0;
    return { section, toc };
  }
}

function enumValue(value: unknown, s: JsonSchema): DocsValue {
  const key = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const meaning = own(s['x-enumDescriptions'], key) ?? '';
  return { value: display(value), meaning: richText(meaning), md: { value: mdCode(display(value)) } };
}

function typeLabel(s: JsonSchema, ref: string | undefined): string {
  if (ref !== undefined && !isObjectWithFields(s)) return ref;
  const types = typesOf(s);
  if (types.length === 0) return s.enum !== undefined || s.const !== undefined ? 'value' : 'any';
  return types
    .map((t) => {
      if (t === 'string' && typeof s.format === 'string') return `string (${s.format})`;
      if (t === 'array') {
        if (s.items === undefined) return 'array';
        const itemRef = refName(s.items);
        if (itemRef !== undefined) return `array of ${itemRef}`;
        if (isObjectWithFields(s.items)) return 'array of objects';
        return `array of ${typeLabel(s.items, undefined)}`;
      }
      return t;
    })
    .join(' or ');
}

/** The model the doc templates render for one object. */
export function buildDocsModel(doc: DocsInput): DocsModel {
  const builder = new ModelBuilder(doc.schema);
  const { section: root, toc } = builder.section(doc.schema, '', 0, '', false, []);
  const description = richText(doc.schema.description ?? '');
  const example = prettyJson(exampleObject(doc.schema));
  const title = humanize(doc.name) || doc.name;
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
    definitions: builder.definitionList(),
    hasDefinitions: builder.definitionList().length > 0,
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
  const ref = refName(raw);
  if (ref !== undefined && stack.includes(ref)) return undefined;
  const nextStack = ref === undefined ? stack : [...stack, ref];
  const s = resolve(raw, root);
  const types = typesOf(s);
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

