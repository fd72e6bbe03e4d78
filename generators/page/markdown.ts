/**
 * Markdown and MDX → RawField tree (Mintlify `<ParamField>` pages) and the lead paragraph of any page,
 * with a real Markdown/MDX parser (micromark via mdast-util-from-markdown).
 */
import { fromMarkdown } from 'mdast-util-from-markdown';
import type { Nodes, Parents, RootContent, Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { RawField } from '../types.js';
import { SegmentBuilder, collapse, listEntry } from './segments.js';

/** Mintlify's field components; `body`/`name`/… carry the field name. */
const FIELD_COMPONENTS = new Set(['ParamField', 'ResponseField']);
const NAME_ATTRIBUTES = ['body', 'name', 'query', 'path', 'header'];
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

/** MDX pages only: the MDX syntax extensions (JSX, ESM and expressions, with acorn-jsx) are loaded here, not for Markdown. */
export async function parseMdx(text: string): Promise<Root> {
  mdxLoaded ??= Promise.all([import('micromark-extension-mdxjs'), import('mdast-util-mdx')]);
  const [{ mdxjs }, { mdxFromMarkdown }] = await mdxLoaded;
  try {
    return fromMarkdown(text, { extensions: [mdxjs()], mdastExtensions: [mdxFromMarkdown()] });
  } catch (error) {
    const e = error as { message?: string; line?: number; place?: { line?: number; start?: { line?: number } } };
    const line = e.line ?? e.place?.line ?? e.place?.start?.line ?? 1;
    throw new MdxSyntaxError(String(e.message ?? error).split('\n')[0] ?? '', line);
  }
}

export function parseMarkdown(text: string): Root {
  return fromMarkdown(text);
}

/** The first paragraph of the page outside any component: the object's description. */
export function leadParagraph(root: Root): string {
  for (const node of root.children) {
    if (node.type === 'paragraph') {
      const b = new SegmentBuilder();
      inline(node, b);
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

/** Every `<ParamField>` at the top of its nesting, with its nested fields as children. */
export function mdxFields(root: Root, firstLine: number, problems: MdxProblem[]): RawField[] {
  const out: RawField[] = [];
  findFields(root.children, out, firstLine, problems, 0);
  return out;
}

function findFields(nodes: RootContent[], out: RawField[], firstLine: number, problems: MdxProblem[], depth: number): void {
  for (const node of nodes) {
    if (isJsx(node) && node.name && FIELD_COMPONENTS.has(node.name)) {
      const field = paramField(node, firstLine, problems, depth + 1);
      if (field) out.push(field);
    } else if ('children' in node && isJsx(node)) {
      findFields(node.children as RootContent[], out, firstLine, problems, depth);
    }
  }
}

function paramField(node: MdxJsxFlowElement | MdxJsxTextElement, firstLine: number, problems: MdxProblem[], depth: number): RawField | undefined {
  const line = firstLine - 1 + (node.position?.start.line ?? 1);
  if (depth > MAX_MDX_DEPTH) {
    problems.push({ line, message: `<${node.name}> nested more than ${MAX_MDX_DEPTH} deep; flatten the page` });
    return undefined;
  }
  const attr = (name: string): string | undefined => {
    const a = node.attributes.find((x) => x.type === 'mdxJsxAttribute' && x.name === name);
    if (!a || a.type !== 'mdxJsxAttribute') return undefined;
    return typeof a.value === 'string' ? a.value : a.value === null ? 'true' : undefined;
  };
  const name = NAME_ATTRIBUTES.map(attr).find((v) => v !== undefined);
  if (name === undefined) {
    problems.push({ line, message: `<${node.name}> has no body="…" attribute naming the field; add one` });
    return undefined;
  }
  const field: RawField = {
    name: collapse(name),
    typeWord: collapse(attr('type') ?? ''),
    marks: [attr('required') !== undefined ? 'required' : '', attr('optional') !== undefined ? 'optional' : ''].join(' ').trim(),
    segments: [],
    listItems: [],
    line,
    children: [],
  };
  const b = new SegmentBuilder();
  body(node.children as RootContent[], field, b, firstLine, problems, depth);
  field.segments = b.done();
  return field;
}

/** A field's content: paragraphs → description, lists → list items, nested fields → children. */
function body(nodes: RootContent[], field: RawField, b: SegmentBuilder, firstLine: number, problems: MdxProblem[], depth: number): void {
  for (const node of nodes) {
    if (isJsx(node) && node.name && FIELD_COMPONENTS.has(node.name)) {
      const child = paramField(node, firstLine, problems, depth + 1);
      if (child) field.children.push(child);
    } else if (node.type === 'list') {
      b.break();
      for (const item of node.children) field.listItems.push(listItem(item));
    } else if (isJsx(node) && node.type === 'mdxJsxFlowElement') {
      // <Expandable>, <Note>, …: wrappers whose fields are this field's children.
      body(node.children as RootContent[], field, b, firstLine, problems, depth);
    } else if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'blockquote') {
      b.break();
      inline(node, b);
      b.break();
    } else if (node.type === 'code') {
      b.break();
      b.code(node.value);
      b.break();
    }
  }
}

function listItem(item: Parents): { value: string; meaning: string } {
  const b = new SegmentBuilder();
  inline(item, b);
  return listEntry(b.done());
}

const BLOCK_JSX = new Set(['br', 'p', 'div', 'small', 'li', 'ul', 'ol']);

function inline(node: Nodes, b: SegmentBuilder): void {
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

function plain(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plain).join('');
  return '';
}

function isJsx(node: Nodes): node is MdxJsxFlowElement | MdxJsxTextElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}
