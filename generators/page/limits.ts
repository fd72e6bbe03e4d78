/**
 * Resource limits shared by the page readers. The readers walk the parsed markup recursively, so
 * nesting is bounded before any walk: real pages nest at most 19 elements deep, and markup nested
 * thousands deep would overflow the stack (and makes htmlparser2 quadratic).
 */

import type { DocPage } from '../types.js';

/** Deepest element nesting accepted in a page's markup (HTML elements or Markdown/MDX nodes). */
export const MAX_MARKUP_DEPTH = 500;

export function tooDeepMessage(): string {
  return `the markup is nested more than ${MAX_MARKUP_DEPTH} elements deep; flatten the nesting (real pages nest fewer than 20)`;
}

/** The first node nested deeper than MAX_MARKUP_DEPTH below `root`, found without recursion. */
export function tooDeepNode<T extends object>(root: T): T | undefined {
  const stack: [T, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_MARKUP_DEPTH) return node;
    const children = (node as { children?: unknown }).children;
    if (Array.isArray(children)) for (const child of children as T[]) stack.push([child, depth + 1]);
  }
  return undefined;
}

/** Markup nested past MAX_MARKUP_DEPTH would overflow the stack of the recursive readers: one clear problem instead. */
export function tooDeepMarkup(
  root: object,
  page: DocPage,
  add: (line: number, rule: string, message: string) => void,
): boolean {
  const deep = tooDeepNode<{ position?: { start: { line: number } } }>(root);
  if (deep) add(page.bodyLine - 1 + (deep.position?.start.line ?? 1), 'structure', tooDeepMessage());
  return deep !== undefined;
}

/**
 * Markdown whose lists and block quotes would make micromark's work explode is refused by a scan of its
 * lines before it is parsed (`text` starts at the page's body): one clear problem instead of minutes.
 */
export function tooNestedMarkdown(text: string, page: DocPage, add: (line: number, rule: string, message: string) => void): boolean {
  const problem = markdownNestingProblem(text);
  if (problem) add(page.bodyLine - 1 + problem.line, 'structure', problem.message);
  return problem !== undefined;
}

/** Most list and block-quote markers one line may open (`- - - x`); real pages open at most 3. */
export const MAX_LINE_CONTAINERS = 32;

/**
 * Budget for lines that open nested lists or block quotes, each weighted by its line number. micromark
 * copies the events of everything above a line each time such a line closes nested containers, so its
 * work grows with this sum (the largest real page, Payment, needs a quarter of it).
 */
export const MAX_NESTED_LIST_WORK = 100_000;

export interface NestingProblem {
  /** 1-based line of `text`. */
  line: number;
  message: string;
}

/**
 * What would make micromark's work explode, found in one pass over the lines before it parses anything:
 * a line opening more than MAX_LINE_CONTAINERS lists or block quotes (micromark's time grows with the
 * square of that: a 16 KB line of `- - - … x` took 19 s), or more nested list lines than the budget
 * allows. Fenced code is skipped, as micromark reads no containers there.
 */
export function markdownNestingProblem(text: string): NestingProblem | undefined {
  let work = 0;
  let fence = '';
  let line = 0;
  for (let start = 0; start <= text.length; line++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    let i = start;
    let indent = 0;
    let markers = 0;
    for (;;) {
      const from = i;
      while (text[i] === ' ' || text[i] === '\t') i++;
      if (markers === 0) indent = i - from;
      const next = containerMarkerEnd(text, i, end);
      if (next < 0) break;
      markers++;
      i = next;
      if (markers > MAX_LINE_CONTAINERS && fence === '') {
        return {
          line: line + 1,
          message: `the line opens more than ${MAX_LINE_CONTAINERS} nested lists or block quotes (list markers such as "- - - …" or ">>>"), which no doc page needs and the Markdown parser cannot handle in reasonable time; remove the repeated markers`,
        };
      }
    }
    const run = /^(`{3,}|~{3,})/.exec(text.slice(i, Math.min(end, i + 64)))?.[1];
    if (fence !== '') {
      if (run !== undefined && run[0] === fence[0] && run.length >= fence.length && text.slice(i + run.length, end).trim() === '') fence = '';
    } else if (run !== undefined) {
      fence = run;
    } else if (markers >= 2 || (markers === 1 && indent >= 2)) {
      work += line + 1;
      if (work > MAX_NESTED_LIST_WORK) {
        return {
          line: line + 1,
          message: `the page has too many nested list items (lists inside lists or block quotes, up to this line) for the Markdown parser, whose time grows with the square of their number; split the page or flatten the lists`,
        };
      }
    }
    start = end + 1;
  }
  return undefined;
}

/** Where a list or block-quote marker at `i` ends (after its following space), or -1 when none starts there. */
function containerMarkerEnd(text: string, i: number, end: number): number {
  const c = text[i];
  if (c === '>') return i + 1;
  const spaced = (at: number): boolean => at === end || text[at] === ' ' || text[at] === '\t';
  if ((c === '-' || c === '*' || c === '+') && spaced(i + 1)) return i + 1;
  let j = i;
  while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
  if (j > i && (text[j] === '.' || text[j] === ')') && spaced(j + 1)) return j + 1;
  return -1;
}
