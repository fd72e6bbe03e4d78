/**
 * Issue 17, bounded parsing: Markdown lists and block quotes that would make micromark's work explode
 * (a line of `- - - … x`: 19 s at 16 KB, over 580 s and 2.8 GB at 2 MiB) are refused by a scan of the
 * lines before the parse, with one exact error. The 2 MiB page's time is in bench/pathological.mjs.
 */
import { describe, expect, it } from 'vitest';
import { MAX_LINE_CONTAINERS, MAX_NESTED_LIST_WORK, markdownNestingProblem } from '../../generators/page/limits.js';
import { extractText, htmlBlockPage, messageOf } from './helpers.js';

const TOO_MANY_ON_A_LINE = `the line opens more than ${MAX_LINE_CONTAINERS} nested lists or block quotes (list markers such as "- - - …" or ">>>"), which no doc page needs and the Markdown parser cannot handle in reasonable time; remove the repeated markers`;
const TOO_MUCH_WORK =
  'the page has too many nested list items (lists inside lists or block quotes, up to this line) for the Markdown parser, whose time grows with the square of their number; split the page or flatten the lists';

const mdxPage = (body: string): string =>
  `---\ntitle: The Test Object\n---\nThe test object.\n\n<ParamField body="a" type="string">\nField a.\n</ParamField>\n\n${body}\n`;
const tablePage = (body: string): string =>
  `---\ntitle: The Test Object\n---\n| Field | Type | Description |\n| --- | --- | --- |\n| a | string | Field a. |\n\n${body}\n`;

describe('nested list markers are refused before the Markdown parse', () => {
  it('an .mdx page with a line of 1000 "- " markers', async () => {
    expect(await messageOf(extractText(mdxPage(`${'- '.repeat(1000)}x`), 'nested.mdx'))).toBe(`nested.mdx (line 10): ${TOO_MANY_ON_A_LINE}`);
  });

  it('a Markdown-table page, a ReadMe page\'s lead text, block quotes and ordered lists', async () => {
    expect(await messageOf(extractText(tablePage(`${'* '.repeat(100)}x`), 'table.md'))).toBe(`table.md (line 8): ${TOO_MANY_ON_A_LINE}`);
    const readme = htmlBlockPage('<p><strong><code>a</code></strong> <small>string</small><br>A.</p>').replace('The test object.', `${'> '.repeat(40)}The test object.`);
    expect(await messageOf(extractText(readme, 'readme.md'))).toBe(`readme.md (line 4): ${TOO_MANY_ON_A_LINE}`);
    expect(await messageOf(extractText(mdxPage(`${'1. '.repeat(40)}x`), 'ordered.mdx'))).toBe(`ordered.mdx (line 10): ${TOO_MANY_ON_A_LINE}`);
    expect(await messageOf(extractText(mdxPage(`${'>'.repeat(10_000)} x`), 'quote.mdx'))).toBe(`quote.mdx (line 10): ${TOO_MANY_ON_A_LINE}`);
  });

  it('thousands of nested list items: refused where their work passes the budget', async () => {
    const lines = 2000;
    const text = mdxPage('- a\n  - b\n'.repeat(lines / 2));
    // The list starts on the body's line 7 (page line 10); each nested line costs its body line number.
    let line = 8;
    for (let work = line; work <= MAX_NESTED_LIST_WORK; work += line) line += 2;
    const failing = line + 3;
    expect(await messageOf(extractText(text, 'items.mdx'))).toBe(`items.mdx (line ${failing}): ${TOO_MUCH_WORK}`);
  });

  it('accepts what real pages do: a few nested levels, markers in fenced code, exactly the limit on a line', async () => {
    const nested = '- a\n  - b\n    - c\n      > d\n'.repeat(20);
    const fenced = `\`\`\`text\n${'- '.repeat(1000)}x\n\`\`\``;
    const limit = `${'- '.repeat(MAX_LINE_CONTAINERS)}x`;
    const doc = await extractText(mdxPage(`${nested}\n${fenced}\n\n${limit}`), 'fine.mdx');
    expect(Object.keys(doc.schema.properties ?? {})).toEqual(['a']);
    expect(markdownNestingProblem(`${'- '.repeat(MAX_LINE_CONTAINERS + 1)}x`)?.line).toBe(1);
    expect(markdownNestingProblem(`~~~\n${'- '.repeat(100)}x\n~~~\n${'- '.repeat(100)}x`)?.line).toBe(4);
  });
});

describe('an array field written with its brackets (items[])', () => {
  it('is the field items, and items[].sku nests under it, in a Mintlify and a ReadMe page', async () => {
    const mdx = await extractText(
      `---\ntitle: "The Test Object"\n---\n\nThe test object.\n\n${[
        '<ParamField body="items[]" type="array of objects" required>\n  The items.\n</ParamField>',
        '<ParamField body="items[].sku" type="string">\n  The SKU.\n</ParamField>',
      ].join('\n\n')}\n`,
      'test-page.mdx',
    );
    expect(mdx.schema.properties).toEqual({
      items: { type: 'array', description: 'The items.', items: { type: 'object', properties: { sku: { type: 'string', description: 'The SKU.' } } } },
    });
    expect(mdx.schema.required).toEqual(['items']);
    const html = await extractText(
      htmlBlockPage('<p><strong><code>items[]*</code></strong> <small>array of objects</small><br/>The items.</p><p><strong><code>items[].sku</code></strong> <small>string</small><br/>The SKU.</p>'),
    );
    expect(html.schema.properties).toEqual(mdx.schema.properties);
    expect(html.schema.required).toEqual(['items']);
  });
});
