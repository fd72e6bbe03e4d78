/**
 * ReadMe-era attribute HTML (`div.yuno` entries) → RawField tree, with a real HTML parser (htmlparser2).
 *
 * The markup's structure gives the tree: a field starts at an element whose first child is
 * `<strong><code>name</code></strong>` (a `<p>` for a leaf, the `<summary>` of a `<details>` for an object);
 * everything after it until the next field belongs to it; a `<details>` element's other children, at any
 * depth of wrapping `<div>`s, are its child fields, including `<details>` written as siblings of the inner
 * `<div>` (the checkout-session page does this).
 */
import { DomHandler, Parser } from 'htmlparser2';
import type { ChildNode, Document, Element } from 'domhandler';
import { MAX_MARKUP_DEPTH, tooDeepMessage } from './limits.js';
import type { RawField } from '../types.js';
import { SegmentBuilder, collapse, listEntry } from './segments.js';

/** Elements whose content is never page text. */
const SKIPPED = new Set(['style', 'script', 'head', 'template', 'noscript']);
/** Elements that end a description piece. */
const BLOCKS = new Set(['br', 'p', 'div', 'small', 'li', 'ul', 'ol', 'summary', 'details', 'table', 'tr', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr']);

/** Maximum nesting of `<details>` accepted; deeper markup is rejected rather than overflowing the stack. */
export const MAX_DEPTH = 64;

export interface HtmlProblem {
  line: number;
  message: string;
}

/**
 * @param html the block's HTML
 * @param firstLine the page line where the HTML starts, so field lines point into the page file
 */
export function parseHtmlFields(html: string, firstLine: number, problems: HtmlProblem[]): RawField[] {
  const lineAt = lineLocator(html, firstLine);
  const doc = parseBounded(html);
  if (typeof doc === 'number') {
    problems.push({ line: lineAt(doc), message: tooDeepMessage() });
    return [];
  }
  // A tag that lost its "<" turns the markup around it into text and nests the rest wrongly: reported
  // alone, since the fields read from such markup would only give misleading errors.
  const broken = brokenTags(doc, lineAt);
  if (broken.length > 0) {
    problems.push(...broken);
    return [];
  }
  const fields: RawField[] = [];
  collect(doc.children, null, fields, lineAt, problems, 0);
  return fields;
}

/** The elements Yuno's attribute HTML is made of: their names followed by `>` in a text node are broken tags. */
const MARKUP_TAGS = new Set(['details', 'summary', 'div', 'p', 'strong', 'b', 'code', 'small', 'br', 'ul', 'ol', 'li', 'em', 'span', 'a']);

/**
 * Tags whose `<` is missing: the parser keeps `details class="yuno">` or `/small>` as text. Found in the
 * parser's text nodes (never in comments, `<style>` or `<code>`): a name of MARKUP_TAGS, optionally after
 * `/` and before quoted attributes, at the start of the text or after a space or `>`, followed by `>`.
 */
function brokenTags(doc: Document, lineAt: (i: number) => number): HtmlProblem[] {
  const found: HtmlProblem[] = [];
  const visit = (node: ChildNode): void => {
    if (node.type === 'text') {
      for (const m of node.data.matchAll(/(?<![^\s>])(\/?)([a-z]+)((?:\s+[a-z-]+="[^"<>]*")*)(?:\s*\/)?>/gi)) {
        if (!MARKUP_TAGS.has(m[2]!.toLowerCase())) continue;
        // Newlines are the same in the decoded text and the page, so the line is the node's plus those before.
        const line = lineAt(node.startIndex ?? 0) + (node.data.slice(0, m.index).match(/\n/g)?.length ?? 0);
        found.push({ line, message: `the tag \`${m[0]}\` has lost its "<", so the HTML around it is read as text; write \`<${m[0]}\`` });
      }
      return;
    }
    if (!isElement(node) || SKIPPED.has(node.name) || node.name === 'code' || node.name === 'pre') return;
    for (const c of node.children) visit(c);
  };
  for (const c of doc.children) visit(c);
  return found;
}

/** htmlparser2's DOM of `html`, or the index of the first element nested deeper than MAX_MARKUP_DEPTH. */
function parseBounded(html: string): Document | number {
  const handler = new BoundedHandler(undefined, { withStartIndices: true });
  try {
    new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(html);
  } catch (error) {
    if (error instanceof TooDeep) return error.index;
    throw error;
  }
  return handler.root;
}

class TooDeep extends Error {
  constructor(readonly index: number) {
    super('markup nested too deep');
  }
}

/** Stops the parse at the first element past the limit, before the tree (and the parser's work) grows. */
class BoundedHandler extends DomHandler {
  private depth = 0;
  private source: { startIndex: number | null } | undefined;
  override onparserinit(parser: Parameters<DomHandler['onparserinit']>[0]): void {
    this.source = parser;
    super.onparserinit(parser);
  }
  override onopentag(name: string, attribs: { [key: string]: string }): void {
    if (++this.depth > MAX_MARKUP_DEPTH) throw new TooDeep(this.source?.startIndex ?? 0);
    super.onopentag(name, attribs);
  }
  override onclosetag(): void {
    this.depth--;
    super.onclosetag();
  }
}

function lineLocator(html: string, firstLine: number): (index: number) => number {
  const starts: number[] = [0];
  for (let i = 0; i < html.length; i++) if (html.charCodeAt(i) === 10) starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return firstLine + lo;
  };
}

/**
 * Walk a container's children in order: field heads start fields, `<details>` are object fields,
 * wrappers are walked into, and any other content belongs to the field before it (`owner`).
 */
function collect(
  nodes: ChildNode[],
  owner: { field: RawField; builder: SegmentBuilder } | null,
  out: RawField[],
  lineAt: (i: number) => number,
  problems: HtmlProblem[],
  depth: number,
): void {
  let current = owner;
  const close = (): void => {
    if (current && current !== owner) finishField(current);
  };
  for (const node of nodes) {
    if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') continue;
    if (node.type === 'text') {
      if (current && node.data.trim()) current.builder.text(node.data);
      continue;
    }
    if (!isElement(node) || SKIPPED.has(node.name)) continue;
    if (node.name === 'details') {
      close();
      const field = detailsField(node, lineAt, problems, depth + 1);
      if (field) out.push(field);
      // Content after a nested object belongs to no field until the next one starts.
      current = field ? null : current;
      continue;
    }
    const head = headOf(node);
    if (head) {
      close();
      current = startField(node, head, lineAt);
      out.push(current.field);
      continue;
    }
    const codeless = codelessHead(node);
    if (codeless) {
      close();
      current = null;
      problems.push(codelessProblem(codeless, lineAt));
      continue;
    }
    if (containsField(node)) {
      close();
      current = null;
      collect(node.children, null, out, lineAt, problems, depth);
      continue;
    }
    if (current) addContent(node, current);
  }
  close();
}

function detailsField(
  details: Element,
  lineAt: (i: number) => number,
  problems: HtmlProblem[],
  depth: number,
): RawField | undefined {
  const line = lineAt(details.startIndex ?? 0);
  if (depth > MAX_DEPTH) {
    problems.push({ line, message: `<details> nested more than ${MAX_DEPTH} deep; flatten the markup` });
    return undefined;
  }
  const summary = details.children.find((c): c is Element => isElement(c) && c.name === 'summary');
  const head = summary ? headOf(summary) : undefined;
  const codeless = summary && !head ? codelessHead(summary) : undefined;
  if (codeless) {
    problems.push(codelessProblem(codeless, lineAt));
    // The nested entries' own problems are reported too; the fields themselves go nowhere.
    collect(details.children.filter((c) => c !== summary), null, [], lineAt, problems, depth);
    return undefined;
  }
  if (!summary || !head) {
    problems.push({
      line,
      message: 'a <details> entry has no <summary><strong><code>name</code></strong> heading; add one so the nested fields have a parent',
    });
    return undefined;
  }
  const entry = startField(summary, head, lineAt);
  const rest = details.children.filter((c) => c !== summary);
  collect(rest, entry, entry.field.children, lineAt, problems, depth);
  finishField(entry);
  return entry.field;
}

interface Head {
  /** The `<strong>`/`<code>` element holding the name. */
  nameNode: Element;
}

/** `<x><strong><code>name</code></strong> …` or `<x><code><strong>name</strong></code> …` */
function headOf(el: Element): Head | undefined {
  if (el.name !== 'p' && el.name !== 'summary' && el.name !== 'div') return undefined;
  const first = el.children.find((c) => !(c.type === 'text' && !c.data.trim()) && c.type !== 'comment');
  if (!first || !isElement(first)) return undefined;
  const inner = first.children.find((c) => !(c.type === 'text' && !c.data.trim()));
  const ok =
    (['strong', 'b'].includes(first.name) && inner && isElement(inner) && inner.name === 'code') ||
    (first.name === 'code' && inner && isElement(inner) && ['strong', 'b'].includes(inner.name)) ||
    // `<code>name</code> <small>type</small>` without the bold: the type word right after marks a heading.
    (first.name === 'code' && nextElement(el, first)?.name === 'small');
  return ok ? { nameNode: first } : undefined;
}

/**
 * A heading whose name is not in `<code>`: `<summary><strong>amount</strong> …` or
 * `<p><strong>value</strong> <small>float</small> …`. The `<strong>`/`<b>` holds one word and nothing else; in
 * a `<p>` or `<div>` the type word's `<small>` follows it, as in a field heading.
 */
function codelessHead(el: Element): Element | undefined {
  if (el.name !== 'p' && el.name !== 'summary' && el.name !== 'div') return undefined;
  const first = el.children.find((c) => !(c.type === 'text' && !c.data.trim()) && c.type !== 'comment');
  if (!first || !isElement(first) || !['strong', 'b'].includes(first.name)) return undefined;
  // A name is one word (`customer_id*`, `amount`); bold prose ("<strong>Note:</strong>") is no heading.
  if (!first.children.every((c) => c.type === 'text') || !/^[\w.[\]*-]+$/.test(collapse(textOf(first)))) return undefined;
  return el.name === 'summary' || nextElement(el, first)?.name === 'small' ? first : undefined;
}

function codelessProblem(nameNode: Element, lineAt: (i: number) => number): HtmlProblem {
  const name = collapse(textOf(nameNode));
  return {
    line: lineAt(nameNode.startIndex ?? 0),
    message: `the field name "${name}" is not in <code>…</code>, so it is not read as a field; write <${nameNode.name}><code>${name}</code></${nameNode.name}>`,
  };
}

/** The element after `node` among `parent`'s children, if only whitespace lies between them. */
function nextElement(parent: Element, node: ChildNode): Element | undefined {
  for (const c of parent.children.slice(parent.children.indexOf(node) + 1)) {
    if (c.type === 'text' && !c.data.trim()) continue;
    return isElement(c) ? c : undefined;
  }
  return undefined;
}

function containsField(el: Element): boolean {
  for (const c of el.children) {
    if (!isElement(c)) continue;
    if (c.name === 'details' || headOf(c) || codelessHead(c) || containsField(c)) return true;
  }
  return false;
}

function startField(el: Element, head: Head, lineAt: (i: number) => number): { field: RawField; builder: SegmentBuilder } {
  const field: RawField = {
    name: collapse(textOf(head.nameNode)),
    typeWord: '',
    marks: '',
    segments: [],
    listItems: [],
    line: lineAt(head.nameNode.startIndex ?? el.startIndex ?? 0),
    children: [],
  };
  const builder = new SegmentBuilder();
  const after = el.children.slice(el.children.indexOf(head.nameNode) + 1);
  // The heading line: `<small>type</small>` then marks such as `<em>optional</em>`, up to the first break.
  let i = 0;
  for (; i < after.length; i++) {
    const node = after[i]!;
    if (node.type === 'text') {
      if (!node.data.trim()) continue;
      // `<strong><code>id</code></strong>* <small>string</small>`: the required star outside the name.
      if (!field.typeWord && node.data.trim() === '*' && !field.name.endsWith('*')) {
        field.name += '*';
        continue;
      }
      if (!field.typeWord) break;
      field.marks = collapse(`${field.marks} ${node.data}`);
      continue;
    }
    if (!isElement(node)) continue;
    if (node.name === 'small' && !field.typeWord) {
      field.typeWord = collapse(textOf(node));
      continue;
    }
    if ((node.name === 'em' || node.name === 'i') && field.typeWord) {
      field.marks = collapse(`${field.marks} ${textOf(node)}`);
      continue;
    }
    break;
  }
  const entry = { field, builder };
  for (const node of after.slice(i)) {
    if (isElement(node)) addContent(node, entry);
    else if (node.type === 'text') builder.text(node.data);
  }
  return entry;
}

function finishField(entry: { field: RawField; builder: SegmentBuilder }): void {
  entry.field.segments.push(...entry.builder.done());
}

/** Add an element's content to a field's description, lists to its list items. */
function addContent(el: Element, entry: { field: RawField; builder: SegmentBuilder }): void {
  if (SKIPPED.has(el.name)) return;
  if (el.name === 'ul' || el.name === 'ol') {
    entry.builder.break();
    for (const li of el.children) {
      if (isElement(li) && li.name === 'li') entry.field.listItems.push(listItem(li));
    }
    return;
  }
  inline(el, entry.builder);
}

function inline(node: ChildNode, b: SegmentBuilder): void {
  if (node.type === 'text') {
    b.text(node.data);
    return;
  }
  if (!isElement(node) || SKIPPED.has(node.name)) return;
  if (node.name === 'code') {
    b.code(textOf(node));
    return;
  }
  const block = BLOCKS.has(node.name);
  if (block) b.break();
  if (node.name === 'a') {
    b.link(() => node.children.forEach((c) => inline(c, b)), node.attribs.href ?? '');
  } else {
    for (const c of node.children) inline(c, b);
  }
  if (block) b.break();
}

/** `<li><code>VALUE</code>: meaning</li>`, `<li>VALUE=meaning</li>`, `<li><code>VALUE</code></li>` */
function listItem(li: Element): { value: string; meaning: string } {
  const b = new SegmentBuilder();
  for (const c of li.children) inline(c, b);
  return listEntry(b.done());
}

function isElement(node: ChildNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function textOf(node: ChildNode): string {
  if (node.type === 'text') return node.data;
  if (!isElement(node) || SKIPPED.has(node.name)) return '';
  return node.children.map(textOf).join('');
}
