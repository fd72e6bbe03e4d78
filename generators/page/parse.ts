/**
 * Stage 2, parse: DocPage → FieldTree. Finds the page's attribute block(s) for its format and hands
 * the markup to the HTML or MDX reader. The parsers are imported lazily: the CLI's no-op path loads none.
 */
import { CodegenError, type DocPage, type FieldTree, type Problem, type RawField } from '../types.js';
import type { Nodes, Root } from 'mdast';
import { firstLine } from './read.js';
import { tooDeepMessage, tooDeepNode } from './limits.js';

/** A page in none of the four formats. */
const NO_BLOCK =
  'no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries';

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
  let parameters: { location: string; name: string; line: number }[] = [];
  let description = '';
  if (page.format === 'markdown-table') {
    let root;
    try {
      root = await md.parseWithTables(page.text, /\.mdx$/i.test(page.path));
    } catch (error) {
      if (!(error instanceof md.MdxSyntaxError)) throw error;
      add(page.bodyLine - 1 + error.line, 'mdx-syntax', `the MDX does not parse: ${error.message}; fix the markup there`);
      throw new CodegenError(problems);
    }
    if (tooDeep(root, page, add)) throw new CodegenError(problems);
    const { tableFields } = await import('./table.js');
    const tableProblems: { line: number; message: string }[] = [];
    const found = tableFields(root, page.bodyLine, tableProblems);
    if (found.tables === 0) {
      throw new CodegenError([{ file: page.path, at: '', rule: 'attribute-block', message: NO_BLOCK }]);
    }
    description = md.leadParagraph(root);
    fields = found.fields;
    for (const p of tableProblems) add(p.line, 'structure', p.message);
  } else if (page.format === 'mintlify-mdx') {
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
    const found = md.mdxFields(root, page.bodyLine, mdxProblems);
    fields = found.fields;
    parameters = found.parameters;
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
  if (fields.length === 0 && parameters.length > 0) {
    // An endpoint page: its header, path and query parameters are no object's fields, and it lists no other.
    const list = parameters.map((p) => `${p.location} ${p.name}`).join(', ');
    add(
      parameters[0]!.line,
      'attribute-block',
      `the page has only header, path and query parameters (${list}), which are not fields of an object; an object page lists its fields as <ParamField body="…"> or <ResponseField name="…">`,
    );
    throw new CodegenError(problems);
  }
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
 * JavaScript tokenizer, so `\``, `\$` and `\\` unescape exactly as the template literal would. The block
 * ends at its `` `}</HTMLBlock> ``: a backtick of the HTML before it (written unescaped) is what ends the
 * literal early, and is reported where it stands.
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
    const end = closingTick(text, tick, text.indexOf(OPEN, open + OPEN.length));
    if (text[tick] !== '`') {
      add(lineOf(open), 'attribute-block', 'the <HTMLBlock> must hold a plain template literal {`…`}; write the HTML between {` and `}');
      from = tick;
      continue;
    }
    let literal: TemplateScan;
    try {
      literal = scanTemplate(text, tick);
    } catch (error) {
      add(lineOf(open), 'attribute-block', `the <HTMLBlock> opened here is not terminated: ${firstLine(error).replace(/\s*\(\d+:\d+\)$/, '')}; close it with \`}</HTMLBlock>`);
      break;
    }
    if (literal.expressionAt !== undefined) {
      add(
        lineOf(literal.expressionAt),
        'attribute-block',
        `the HTML of the <HTMLBlock> opened on line ${lineOf(open)} holds \`\${\`, which starts an expression in its template literal; write it as \`\\\${\``,
      );
      if (end === undefined) break;
      from = end + 1;
      continue;
    }
    if (end !== undefined && literal.end - 1 < end) {
      const strays = strayTicks(text, literal.end - 1, end);
      const byLine = new Map<number, number>();
      for (const at of strays) byLine.set(lineOf(at), (byLine.get(lineOf(at)) ?? 0) + 1);
      for (const [line, count] of byLine) {
        add(
          line,
          'attribute-block',
          count === 1
            ? `a backtick (\`) in the HTML ends the template literal of the <HTMLBlock> opened on line ${lineOf(open)} early; escape it as \\\` (a backslash before it)`
            : `${count} backticks (\`) in the HTML end the template literal of the <HTMLBlock> opened on line ${lineOf(open)} early; escape each as \\\` (a backslash before it)`,
        );
      }
      from = end + 1;
      continue;
    }
    const closeBrace = skipSpace(text, literal.end);
    const closeTag = skipSpace(text, closeBrace + 1);
    if (text[closeBrace] !== '}' || !text.startsWith(CLOSE, closeTag)) {
      add(lineOf(open), 'attribute-block', 'the <HTMLBlock> opened here is not terminated with `}</HTMLBlock>; add it after the closing backtick');
      break;
    }
    if (literal.invalidEscape) {
      add(
        lineOf(tick),
        'attribute-block',
        'the HTML of the <HTMLBlock> opened here holds a backslash escape a template literal does not allow (\\u or \\x without hex digits, or a digit after a backslash); write such a backslash as \\\\',
      );
      from = closeTag + CLOSE.length;
      continue;
    }
    blocks.push({ html: literal.cooked, line: lineOf(tick) });
    from = closeTag + CLOSE.length;
  }
  if (prefixEnd < 0) {
    add(page.bodyLine, 'attribute-block', 'no <HTMLBlock>{`…`}</HTMLBlock> attribute block found; add the block that lists the fields');
  }
  return { blocks, prefix: text.slice(0, prefixEnd < 0 ? text.length : prefixEnd) };
}

/**
 * Where the block's literal should end: the backtick of its `` `}</HTMLBlock> ``, the first one after
 * `tick` and before the next block opens (`nextOpen`, -1 for none); undefined when there is none.
 */
function closingTick(text: string, tick: number, nextOpen: number): number | undefined {
  const close = text.indexOf(CLOSE, tick + 1);
  if (close < 0 || (nextOpen >= 0 && close > nextOpen)) return undefined;
  let i = close - 1;
  while (i > tick && /\s/.test(text[i]!)) i--;
  if (text[i] !== '}') return undefined;
  i--;
  while (i > tick && /\s/.test(text[i]!)) i--;
  return text[i] === '`' && i > tick ? i : undefined;
}

interface TemplateScan {
  /** Index after the literal's closing backtick. */
  end: number;
  /** The literal's text with its escapes applied (the HTML). */
  cooked: string;
  /** Index of the first `${` in it: the literal is read no further. */
  expressionAt?: number;
  /** It holds an escape a template literal does not allow (`\u` without hex digits, `\1`). */
  invalidEscape: boolean;
}

/**
 * The template literal starting with the backtick at `tick`, read with acorn's tokenizer up to its
 * closing backtick (or its first `${`) and no further. Throws acorn's SyntaxError when it never ends.
 */
function scanTemplate(text: string, tick: number): TemplateScan {
  if (!acornModule) throw new Error('acorn not loaded');
  const { tokenizer, tokTypes } = acornModule;
  const tokens = tokenizer(text.slice(tick), { ecmaVersion: 'latest' });
  tokens.getToken(); // the opening backtick
  let cooked = '';
  let invalidEscape = false;
  for (;;) {
    const token = tokens.getToken();
    if (token.type === tokTypes.backQuote) return { end: tick + token.end, cooked, invalidEscape };
    if (token.type === tokTypes.dollarBraceL) return { end: tick + token.end, cooked, invalidEscape, expressionAt: tick + token.start };
    // acorn's tokens carry the cooked text of a template chunk in `value` (its typings leave it out).
    if (token.type === tokTypes.template) cooked += String((token as { value?: unknown }).value ?? '');
    else if (token.type === tokTypes.invalidTemplate) invalidEscape = true;
    else throw new SyntaxError('Unterminated template');
  }
}

/**
 * The unescaped backticks between `first` (the one that ended the literal early) and the block's real
 * closing backtick `end`: each one a template literal's end, found by reading on from the one before.
 */
function strayTicks(text: string, first: number, end: number): number[] {
  const strays = [first];
  for (let at = first; strays.length < 100; ) {
    let next: number;
    try {
      const scan = scanTemplate(text, at);
      if (scan.expressionAt !== undefined) break;
      next = scan.end - 1;
    } catch {
      break;
    }
    if (next >= end) break;
    strays.push(next);
    at = next;
  }
  return strays;
}

let acornModule: typeof import('acorn') | undefined;
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
