/**
 * Markdown and MDX → RawField tree (Mintlify `<ParamField>` pages) and the lead paragraph of any page,
 * with a real Markdown/MDX parser (micromark via mdast-util-from-markdown).
 */
import { fromMarkdown, type Options as FromMarkdownOptions } from 'mdast-util-from-markdown';
import type { Nodes, Parents, RootContent, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { RawField } from '../types.js';
import { SegmentBuilder, collapse, listEntry } from './segments.js';

/** Mintlify's field components; `body`/`name`/… carry the field name. */
const FIELD_COMPONENTS = new Set(['ParamField', 'ResponseField']);
/** Attributes that name a field of the object: the request body's (`body`) or the response's (`name`). */
const NAME_ATTRIBUTES = ['body', 'name'];
/**
 * Attributes that name a request parameter of an endpoint page: a header, a path segment or a query
 * parameter is no field of the object, so such parameters are kept out of it (and listed, see `MdxFields`).
 */
export const PARAMETER_LOCATIONS = ['header', 'path', 'query'] as const;
export const MAX_MDX_DEPTH = 64;

export class MdxSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type MdxExtensions = [typeof import('micromark-extension-mdxjs'), typeof import('mdast-util-mdx')];
let mdxLoaded: Promise<MdxExtensions> | undefined;
type TableExtensions = [typeof import('micromark-extension-gfm-table'), typeof import('mdast-util-gfm-table')];
let tablesLoaded: Promise<TableExtensions> | undefined;
type Extensions = { extensions: NonNullable<FromMarkdownOptions['extensions']>; mdastExtensions: NonNullable<FromMarkdownOptions['mdastExtensions']> };

/** MDX pages only: the MDX syntax extensions (JSX, ESM and expressions, with acorn-jsx) are loaded here, not for Markdown. */
export async function parseMdx(text: string): Promise<Root> {
  return mdxTree(text, { extensions: [], mdastExtensions: [] });
}

async function mdxTree(text: string, more: Extensions): Promise<Root> {
  mdxLoaded ??= Promise.all([import('micromark-extension-mdxjs'), import('mdast-util-mdx')]);
  const [{ mdxjs }, { mdxFromMarkdown }] = await mdxLoaded;
  try {
    return fromMarkdown(text, { extensions: [mdxjs(), ...more.extensions], mdastExtensions: [mdxFromMarkdown(), ...more.mdastExtensions] });
  } catch (error) {
    const e = error as { message?: string; line?: number; place?: { line?: number; start?: { line?: number } } };
    const line = e.line ?? e.place?.line ?? e.place?.start?.line ?? 1;
    throw new MdxSyntaxError(String(e.message ?? error).split('\n')[0] ?? '', line);
  }
}

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text);
}

/**
 * A page whose fields are a Markdown table: Markdown, or MDX for an `.mdx` page, with GFM's table
 * extension (loaded for such pages only). Throws MdxSyntaxError when an MDX page does not parse.
 */
export async function parseWithTables(text: string, mdx: boolean): Promise<Root> {
  tablesLoaded ??= Promise.all([import('micromark-extension-gfm-table'), import('mdast-util-gfm-table')]);
  const [{ gfmTable }, { gfmTableFromMarkdown }] = await tablesLoaded;
  const tables: Extensions = { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] };
  return mdx ? mdxTree(text, tables) : fromMarkdown(text, tables);
}

/** The first paragraph of the page outside any component (fields written on one line left out): the object's description. */
export function leadParagraph(root: Root): string {
  for (const node of root.children) {
    if (node.type === 'paragraph') {
      const b = new SegmentBuilder();
      for (const child of node.children) if (!isField(child)) inline(child, b);
      const text = b.done().map((s) => s.markdown).join(' ');
      if (text) return text;
    }
  }
  return '';
}

export interface MdxProblem {
  line: number;
  message: string;
}

/** A request parameter an endpoint page documents beside the object's fields: kept out of the object. */
export interface MdxParameter {
  location: (typeof PARAMETER_LOCATIONS)[number];
  name: string;
  line: number;
}

export interface MdxFields {
  fields: RawField[];
  /** `<ParamField header|path|query="…">`s, which are no fields of the object. */
  parameters: MdxParameter[];
}

interface Walk {
  firstLine: number;
  problems: MdxProblem[];
  parameters: MdxParameter[];
}

/**
 * Every `<ParamField>`/`<ResponseField>` at the top of its nesting, with its nested fields as children.
 * A field written on one line sits inside a Markdown paragraph (as an inline JSX element) and is found
 * there like one written on its own lines.
 */
export function mdxFields(root: Root, firstLine: number, problems: MdxProblem[]): MdxFields {
  const out: RawField[] = [];
  const walk: Walk = { firstLine, problems, parameters: [] };
  findFields(root.children, out, walk, 0);
  return { fields: out, parameters: walk.parameters };
}

function findFields(nodes: RootContent[], out: RawField[], walk: Walk, depth: number): void {
  for (const node of nodes) {
    if (isField(node)) {
      const field = paramField(node as MdxJsxFlowElement | MdxJsxTextElement, walk, depth + 1);
      if (field) out.push(field);
    } else if ('children' in node) {
      // Wrappers (<Accordion>, …) and the paragraphs that hold one-line fields.
      findFields(node.children as RootContent[], out, walk, depth);
    }
  }
}

function paramField(node: MdxJsxFlowElement | MdxJsxTextElement, walk: Walk, depth: number): RawField | undefined {
  const line = walk.firstLine - 1 + (node.position?.start.line ?? 1);
  if (depth > MAX_MDX_DEPTH) {
    walk.problems.push({ line, message: `<${node.name}> nested more than ${MAX_MDX_DEPTH} deep; flatten the page` });
    return undefined;
  }
  const attr = (name: string): string | undefined => attribute(node, name);
  const name = NAME_ATTRIBUTES.map(attr).find((v) => v !== undefined);
  if (name === undefined) {
    const location = PARAMETER_LOCATIONS.find((l) => attr(l) !== undefined);
    if (location) {
      walk.parameters.push({ location, name: collapse(attr(location)!), line });
      return undefined;
    }
    walk.problems.push({ line, message: `<${node.name}> has no body="…" attribute naming the field; add one` });
    return undefined;
  }
  const flag = (value: string | undefined): boolean => value !== undefined && value.trim().toLowerCase() !== 'false';
  const field: RawField = {
    name: collapse(name),
    typeWord: collapse(attr('type') ?? ''),
    marks: [flag(attr('required')) ? 'required' : '', flag(attr('optional')) ? 'optional' : ''].join(' ').trim(),
    segments: [],
    listItems: [],
    line,
    children: [],
  };
  const b = new SegmentBuilder();
  // A field written on one line holds phrasing content (text, code, links), not paragraphs.
  body(node.children as RootContent[], field, b, walk, depth, node.type === 'mdxJsxTextElement');
  field.segments = b.done();
  leadingMark(field);
  return field;
}

/**
 * An attribute's value: the string, `true` for a bare attribute (`required`), or the source of an
 * expression (`required={true}` → `true`).
 */
function attribute(node: MdxJsxFlowElement | MdxJsxTextElement, name: string): string | undefined {
  const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
  if (!a || a.type !== 'mdxJsxAttribute') return undefined;
  if (a.value === null || a.value === undefined) return 'true';
  return typeof a.value === 'string' ? a.value : a.value.value;
}

/**
 * Mintlify pages converted from ReadMe write ReadMe's `<em>optional</em>` as the field's first paragraph,
 * the word alone: it is a mark like the `optional` attribute, not the first word of the description.
 */
function leadingMark(field: RawField): void {
  const first = field.segments[0];
  const word = first ? /^(optional|required)\.?$/i.exec(first.text.trim()) : null;
  if (!word || first!.codes.length > 0 || first!.links.length > 0) return;
  field.marks = collapse(`${field.marks} ${word[1]!.toLowerCase()}`);
  field.segments.shift();
}

/**
 * A field's content: paragraphs → description, lists → list items, nested fields → children. `phrasing`:
 * the nodes are a paragraph's (or an inline element's) content, where fields written on one line sit
 * between pieces of text.
 */
function body(nodes: RootContent[], field: RawField, b: SegmentBuilder, walk: Walk, depth: number, phrasing = false): void {
  for (const node of nodes) {
    if (isField(node)) {
      b.break();
      const child = paramField(node as MdxJsxFlowElement | MdxJsxTextElement, walk, depth + 1);
      if (child) field.children.push(child);
    } else if (isJsx(node) && (node.name === 'ul' || node.name === 'ol') && !holdsField(node)) {
      // An HTML list kept as JSX (pages converted from ReadMe's HTML): its items, as a Markdown list's.
      b.break();
      for (const item of jsxItems(node)) field.listItems.push(listItem(item));
    } else if (isJsx(node) && (node.type === 'mdxJsxFlowElement' || holdsField(node))) {
      // <Expandable>, <Note>, …: wrappers whose fields are this field's children (on their own lines or on one).
      b.break();
      body(node.children as RootContent[], field, b, walk, depth, node.type === 'mdxJsxTextElement');
      b.break();
    } else if (phrasing) {
      inline(node as Nodes, b);
    } else if (node.type === 'list' && holdsField(node)) {
      // A list of fields written on one line each: their items are no enum values.
      b.break();
      for (const item of node.children) body(item.children, field, b, walk, depth);
      b.break();
    } else if (node.type === 'list') {
      b.break();
      for (const item of node.children) field.listItems.push(listItem(item));
    } else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'blockquote') {
      b.break();
      // Fields written on one line sit in a paragraph: the text around them is this field's, the fields its children.
      if (holdsField(node)) body(node.children as RootContent[], field, b, walk, depth, node.type !== 'blockquote');
      else inline(node, b);
      b.break();
    } else if (node.type === 'code') {
      b.break();
      b.code(node.value);
      b.break();
    }
  }
}

/** A `<ParamField>` or `<ResponseField>` (not a type guard: a failed check says nothing about other JSX). */
function isField(node: Nodes): boolean {
  return isJsx(node) && node.name !== null && FIELD_COMPONENTS.has(node.name);
}

/** Whether a field component sits anywhere inside the node. */
function holdsField(node: Nodes): boolean {
  if (!('children' in node)) return false;
  return (node.children as Nodes[]).some((c) => isField(c) || holdsField(c));
}

/** The `<li>` elements of a JSX list, wherever MDX put them (lines of `<li>` are a paragraph's inline elements). */
function jsxItems(list: Nodes): (MdxJsxFlowElement | MdxJsxTextElement)[] {
  if (!('children' in list)) return [];
  return (list.children as Nodes[]).flatMap((c) => (isJsx(c) && c.name === 'li' ? [c] : c.type === 'paragraph' ? jsxItems(c) : []));
}

function listItem(item: Parents): { value: string; meaning: string } {
  const b = new SegmentBuilder();
  inline(item, b);
  return listEntry(b.done());
}

const BLOCK_JSX = new Set(['br', 'p', 'div', 'small', 'li', 'ul', 'ol']);

/** Phrasing content into description pieces: text, code, links, `<br>`. */
export function inline(node: Nodes, b: SegmentBuilder): void {
  switch (node.type) {
    case 'text':
      b.text(node.value);
      return;
    case 'inlineCode':
      b.code(node.value);
      return;
    case 'break':
      b.break();
      return;
    case 'link':
      b.link(() => node.children.forEach((c) => inline(c, b)), node.url);
      return;
    case 'mdxJsxTextElement':
    case 'mdxJsxFlowElement': {
      const name = node.name ?? '';
      if (name === 'code') {
        b.code(plain(node));
        return;
      }
      const block = BLOCK_JSX.has(name);
      if (block) b.break();
      if (name === 'a') {
        const href = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'href');
        const value = href && href.type === 'mdxJsxAttribute' && typeof href.value === 'string' ? href.value : '';
        b.link(() => node.children.forEach((c) => inline(c as Nodes, b)), value);
      } else {
        node.children.forEach((c) => inline(c as Nodes, b));
      }
      if (block) b.break();
      return;
    }
    case 'list':
      b.break();
      node.children.forEach((c) => inline(c, b));
      return;
    case 'listItem':
    case 'paragraph':
      node.children.forEach((c) => inline(c as Nodes, b));
      b.break();
      return;
    default:
      if ('children' in node) (node.children as Nodes[]).forEach((c) => inline(c, b));
  }
}

/** A node's text without markup. */
export function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}

function isJsx(node: Nodes): node is MdxJsxFlowElement | MdxJsxTextElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}
