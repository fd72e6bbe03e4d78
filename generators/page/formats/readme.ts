/**
 * ReadMe's two formats: the `<HTMLBlock>{`…`}</HTMLBlock>` template literal (read with a JavaScript
 * tokenizer, acorn) and the legacy `[block:html]` JSON block; both hold HTML of `div.yuno` entries, read
 * with htmlparser2 (page/html.ts). The text before the first block is the page's lead.
 */
import { firstLine, type DocPage } from '../../types.js';
import { tooDeepMarkup, tooNestedMarkdown } from '../limits.js';
import type { PageFields, PageFormat, Report } from '../format.js';

interface HtmlBlock {
  html: string;
  /** Page line where the block's HTML starts. */
  line: number;
}

export const readmeHtmlBlock: PageFormat = {
  name: 'readme-htmlblock',
  block: 'an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries',
  detect: (body) => body.includes('<HTMLBlock'),
  fields: (page, report) => readmeFields(page, report, htmlBlocks),
};

export const readmeLegacyBlock: PageFormat = {
  name: 'readme-legacy-block',
  block: 'a [block:html] block',
  // A line of its own: the phrase in prose is no block.
  detect: (body) => /^\[block:html\]\s*$/m.test(body),
  fields: (page, report) => readmeFields(page, report, legacyBlocks),
};

async function readmeFields(page: DocPage, add: Report, find: (page: DocPage, add: Report) => { blocks: HtmlBlock[]; prefix: string }): Promise<PageFields> {
  await loadAcorn();
  const md = await import('../markdown.js');
  const { blocks, prefix } = find(page, add);
  if (tooNestedMarkdown(prefix, page, add)) return { fields: [], description: '' };
  const prefixRoot = md.parseMarkdown(prefix);
  if (tooDeepMarkup(prefixRoot, page, add)) return { fields: [], description: '' };
  const description = md.leadParagraph(prefixRoot);
  const { parseHtmlFields } = await import('../html.js');
  const fields = [];
  for (const block of blocks) {
    const htmlProblems: { line: number; message: string }[] = [];
    fields.push(...parseHtmlFields(block.html, block.line, htmlProblems));
    for (const p of htmlProblems) add(p.line, 'structure', p.message);
  }
  return { fields, description };
}

const OPEN = '<HTMLBlock>';
const CLOSE = '</HTMLBlock>';

/**
 * `<HTMLBlock>{` + a JavaScript template literal + `}</HTMLBlock>`. The literal is read with a
 * JavaScript tokenizer, so `\``, `\$` and `\\` unescape exactly as the template literal would. The block
 * ends at its `` `}</HTMLBlock> ``: a backtick of the HTML before it (written unescaped) is what ends the
 * literal early, and is reported where it stands.
 */
function htmlBlocks(page: DocPage, add: Report): { blocks: HtmlBlock[]; prefix: string } {
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
function legacyBlocks(page: DocPage, add: Report): { blocks: HtmlBlock[]; prefix: string } {
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
