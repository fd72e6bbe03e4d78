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
