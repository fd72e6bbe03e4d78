/**
 * Stage 2, parse: DocPage → FieldTree. Finds the page's attribute block(s) for its format and hands
 * the markup to the HTML or MDX reader. The parsers are imported lazily: the CLI's no-op path loads none.
 */
import { CodegenError, type DocPage, type FieldTree, type Problem, type RawField } from '../types.js';
import type { Nodes, Root } from 'mdast';
import { firstLine } from './read.js';
import { tooDeepMessage, tooDeepNode } from './limits.js';

interface HtmlBlock {
  html: string;
  /** Page line where the block's HTML starts. */
  line: number;
}

export async function parse(page: DocPage): Promise<FieldTree> {
  const problems: Problem[] = [];
  const add = (line: number, rule: string, message: string): void => {
    problems.push({ file: page.path, at: `line ${line}`, rule, message });
  };
  const md = await import('./markdown.js');
  let fields: RawField[] = [];
  let description = '';
  if (page.format === 'mintlify-mdx') {
    let root;
    try {
      root = await md.parseMdx(page.text);
    } catch (error) {
      if (!(error instanceof md.MdxSyntaxError)) throw error;
      add(page.bodyLine - 1 + error.line, 'mdx-syntax', `the MDX does not parse: ${error.message}; fix the markup there`);
      throw new CodegenError(problems);
    }
    if (tooDeep(root, page, add)) throw new CodegenError(problems);
    description = md.leadParagraph(root);
    const mdxProblems: { line: number; message: string }[] = [];
    fields = md.mdxFields(root, page.bodyLine, mdxProblems);
    for (const p of mdxProblems) add(p.line, 'structure', p.message);
  } else {
    await loadAcorn();
    const { blocks, prefix } =
      page.format === 'readme-htmlblock' ? htmlBlocks(page, add) : legacyBlocks(page, add);
    const prefixRoot = md.parseMarkdown(prefix);
    if (tooDeep(prefixRoot, page, add)) throw new CodegenError(problems);
    description = md.leadParagraph(prefixRoot);
    const { parseHtmlFields } = await import('./html.js');
    for (const block of blocks) {
      const htmlProblems: { line: number; message: string }[] = [];
      fields.push(...parseHtmlFields(block.html, block.line, htmlProblems));
      for (const p of htmlProblems) add(p.line, 'structure', p.message);
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  if (fields.length === 0) {
    add(page.bodyLine, 'attribute-block', 'the attribute block holds no fields: expected entries like <p><strong><code>name</code></strong> <small>type</small> …</p> or <ParamField body="name" type="string">');
    throw new CodegenError(problems);
  }
  return { page, description: description || page.frontMatterDescription, fields };
}

/** Markdown nested past MAX_MARKUP_DEPTH would overflow the stack of the recursive readers: one clear problem instead. */
function tooDeep(root: Root, page: DocPage, add: (line: number, rule: string, message: string) => void): boolean {
  const deep = tooDeepNode<Nodes>(root);
  if (deep) add(page.bodyLine - 1 + (deep.position?.start.line ?? 1), 'structure', tooDeepMessage());
  return deep !== undefined;
}

const OPEN = '<HTMLBlock>';
const CLOSE = '</HTMLBlock>';

/**
 * `<HTMLBlock>{` + a JavaScript template literal + `}</HTMLBlock>`. The literal is read with a
 * JavaScript parser, so `\``, `\$` and `\\` unescape exactly as the template literal would.
 */
function htmlBlocks(page: DocPage, add: (line: number, rule: string, message: string) => void): { blocks: HtmlBlock[]; prefix: string } {
  const blocks: HtmlBlock[] = [];
  const text = page.text;
  const lineOf = (index: number): number => page.bodyLine + countLines(text, index);
  let from = 0;
  let prefixEnd = -1;
  for (;;) {
    const open = text.indexOf(OPEN, from);
    if (open < 0) break;
    if (prefixEnd < 0) prefixEnd = open;
    const brace = skipSpace(text, open + OPEN.length);
    if (text[brace] !== '{') {
      add(lineOf(open), 'attribute-block', 'an <HTMLBlock> must hold {`…`} (a template literal in braces); wrap the HTML in {` and `}');
      from = open + OPEN.length;
      continue;
    }
    const tick = skipSpace(text, brace + 1);
    let node: { type: string; end: number; expressions?: unknown[]; quasis?: { value: { cooked?: string | null } }[] };
    try {
      node = acornParse(text, tick) as typeof node;
    } catch (error) {
      add(lineOf(open), 'attribute-block', `the <HTMLBlock> opened here is not terminated: ${firstLine(error).replace(/\s*\(\d+:\d+\)$/, '')}; close it with \`}</HTMLBlock>`);
      break;
    }
    if (node.type !== 'TemplateLiteral' || (node.expressions?.length ?? 0) > 0) {
      add(lineOf(open), 'attribute-block', 'the <HTMLBlock> must hold a plain template literal {`…`} without ${…} expressions; write the HTML literally');
      from = node.end;
      continue;
    }
    const closeBrace = skipSpace(text, node.end);
    const closeTag = skipSpace(text, closeBrace + 1);
    if (text[closeBrace] !== '}' || !text.startsWith(CLOSE, closeTag)) {
      add(lineOf(open), 'attribute-block', 'the <HTMLBlock> opened here is not terminated with `}</HTMLBlock>; add it after the closing backtick');
      break;
    }
    const html = (node.quasis ?? []).map((q) => q.value.cooked ?? '').join('');
    blocks.push({ html, line: lineOf(tick) });
    from = closeTag + CLOSE.length;
  }
  if (prefixEnd < 0) {
    add(page.bodyLine, 'attribute-block', 'no <HTMLBlock>{`…`}</HTMLBlock> attribute block found; add the block that lists the fields');
  }
  return { blocks, prefix: text.slice(0, prefixEnd < 0 ? text.length : prefixEnd) };
}

let acornModule: typeof import('acorn') | undefined;
function acornParse(text: string, at: number): unknown {
  if (!acornModule) throw new Error('acorn not loaded');
  return acornModule.parseExpressionAt(text, at, { ecmaVersion: 'latest' });
}
/** Load the JavaScript parser before the synchronous block scan needs it. */
export async function loadAcorn(): Promise<void> {
  acornModule ??= await import('acorn');
}

/** ReadMe's legacy magic block: a `[block:html]` line, a JSON object with an `html` string, a `[/block]` line. */
function legacyBlocks(page: DocPage, add: (line: number, rule: string, message: string) => void): { blocks: HtmlBlock[]; prefix: string } {
  const lines = page.text.split('\n');
  const blocks: HtmlBlock[] = [];
  let prefixLines = -1;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '[block:html]') continue;
    if (prefixLines < 0) prefixLines = i;
    const end = lines.findIndex((l, k) => k > i && l.trim() === '[/block]');
    const line = page.bodyLine + i;
    if (end < 0) {
      add(line, 'attribute-block', 'the [block:html] block opened here has no [/block] line; add it after the JSON');
      break;
    }
    let data: unknown;
    try {
      data = JSON.parse(lines.slice(i + 1, end).join('\n'));
    } catch (error) {
      add(line + 1, 'attribute-block', `the [block:html] block is not valid JSON (${firstLine(error)}); fix the JSON between [block:html] and [/block]`);
      i = end;
      continue;
    }
    const html = (data as { html?: unknown } | null)?.html;
    if (typeof html !== 'string') {
      add(line + 1, 'attribute-block', 'the [block:html] JSON has no "html" string; put the HTML in {"html": "…"}');
    } else {
      blocks.push({ html, line: line + 1 });
    }
    i = end;
  }
  return { blocks, prefix: lines.slice(0, prefixLines < 0 ? lines.length : prefixLines).join('\n') };
}

function skipSpace(text: string, at: number): number {
  let i = at;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  return i;
}

function countLines(text: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
