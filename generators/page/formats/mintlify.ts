/** Mintlify's MDX: `<ParamField body="…">` and `<ResponseField name="…">` entries, nested in `<Expandable>`, read with micromark. */
import { tooDeepMarkup, tooNestedMarkdown } from '../limits.js';
import type { PageFormat } from '../format.js';

export const mintlifyMdx: PageFormat = {
  name: 'mintlify-mdx',
  block: '<ParamField> entries',
  detect: (body) => /<(?:ParamField|ResponseField)\b/.test(body),
  fields: async (page, add) => {
    const md = await import('../markdown.js');
    if (tooNestedMarkdown(page.text, page, add)) return { fields: [], description: '' };
    let root;
    try {
      root = await md.parseMdx(page.text);
    } catch (error) {
      if (!(error instanceof md.MdxSyntaxError)) throw error;
      add(page.bodyLine - 1 + error.line, 'mdx-syntax', `the MDX does not parse: ${error.message}; fix the markup there`);
      return { fields: [], description: '' };
    }
    if (tooDeepMarkup(root, page, add)) return { fields: [], description: '' };
    const mdxProblems: { line: number; message: string }[] = [];
    const found = md.mdxFields(root, page.bodyLine, mdxProblems);
    for (const p of mdxProblems) add(p.line, 'structure', p.message);
    return { fields: found.fields, description: md.leadParagraph(root), parameters: found.parameters };
  },
};
