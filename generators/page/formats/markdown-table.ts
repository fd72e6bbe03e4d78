/**
 * A Markdown table of fields (`| Field | Type | Description |`, as on the Seller page), read with micromark
 * and its GFM table extension. The fallback: a page in no other format is read for such a table.
 */
import { CodegenError } from '../../types.js';
import { tooDeepMarkup, tooNestedMarkdown } from '../limits.js';
import type { PageFormat } from '../format.js';

/** A page in none of the four formats. */
const NO_BLOCK =
  'no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries';

export const markdownTable: PageFormat = {
  name: 'markdown-table',
  block: 'a Markdown table of fields (| Field | Type | Description |)',
  detect: () => true,
  fields: async (page, add) => {
    const md = await import('../markdown.js');
    if (tooNestedMarkdown(page.text, page, add)) return { fields: [], description: '' };
    let root;
    try {
      root = await md.parseWithTables(page.text, /\.mdx$/i.test(page.path));
    } catch (error) {
      if (!(error instanceof md.MdxSyntaxError)) throw error;
      add(page.bodyLine - 1 + error.line, 'mdx-syntax', `the MDX does not parse: ${error.message}; fix the markup there`);
      return { fields: [], description: '' };
    }
    if (tooDeepMarkup(root, page, add)) return { fields: [], description: '' };
    const { tableFields } = await import('../table.js');
    const tableProblems: { line: number; message: string }[] = [];
    const found = tableFields(root, page.bodyLine, tableProblems);
    if (found.tables === 0) {
      throw new CodegenError([{ file: page.path, at: '', rule: 'attribute-block', message: NO_BLOCK }]);
    }
    for (const p of tableProblems) add(p.line, 'structure', p.message);
    return { fields: found.fields, description: md.leadParagraph(root) };
  },
};
