/**
 * The page formats Yuno has published, in the order they are tried: a page is in the first whose `detect`
 * says so (the Markdown table, last, takes any page). Adding a format is one file beside this one and one
 * entry here.
 */
import type { PageFormat } from '../format.js';
import { markdownTable } from './markdown-table.js';
import { mintlifyMdx } from './mintlify.js';
import { readmeHtmlBlock, readmeLegacyBlock } from './readme.js';

export const PAGE_FORMATS: readonly PageFormat[] = [readmeLegacyBlock, readmeHtmlBlock, mintlifyMdx, markdownTable];

/** The format of a page body. */
export function detectFormat(body: string): PageFormat {
  return PAGE_FORMATS.find((format) => format.detect(body)) ?? markdownTable;
}

/** The format a page was read as. */
export function formatNamed(name: string): PageFormat {
  const format = PAGE_FORMATS.find((f) => f.name === name);
  if (!format) throw new Error(`unknown page format ${JSON.stringify(name)}`);
  return format;
}
