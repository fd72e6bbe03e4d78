/**
 * Crashes and hangs found by the fuzz and resource tests, each pinned as a named regression with the
 * clean error the extractor now gives.
 */
import { describe, expect, it } from 'vitest';
import { CodegenError } from '../../generators/types.js';
import { MAX_LINE_CONTAINERS, MAX_MARKUP_DEPTH } from '../../generators/page/limits.js';
import { extractText, htmlBlockPage } from '../extract/helpers.js';

// Block quotes that deep are now refused by the line scan before the parse (issue 17).
const TOO_MANY_ON_A_LINE = `the line opens more than ${MAX_LINE_CONTAINERS} nested lists or block quotes (list markers such as "- - - …" or ">>>"), which no doc page needs and the Markdown parser cannot handle in reasonable time; remove the repeated markers`;
const TOO_DEEP = `the markup is nested more than ${MAX_MARKUP_DEPTH} elements deep; flatten the nesting (real pages nest fewer than 20)`;

function mdxPage(body: string): string {
  return `---\ntitle: The Test Object\n---\nThe test object.\n\n${body}\n`;
}

async function problems(text: string, path = 'deep.md'): Promise<{ at: string; rule: string; message: string }[]> {
  try {
    await extractText(text, path);
  } catch (error) {
    if (error instanceof CodegenError) return error.problems.map(({ at, rule, message }) => ({ at, rule, message }));
    throw error;
  }
  throw new Error('the page extracted without error');
}

const field = '<p><strong><code>leaf</code></strong> <small>string</small><br>A leaf.</p>';

describe('regressions: markup nested thousands deep overflowed the stack (RangeError)', () => {
  it('HTML: 10 000 nested <div>s around a field (containsField recursion)', async () => {
    const page = htmlBlockPage('<div>'.repeat(10_000) + field + '</div>'.repeat(10_000));
    expect(await problems(page)).toEqual([{ at: 'line 9', rule: 'structure', message: TOO_DEEP }]);
  });

  it('HTML: 10 000 nested <em>s in a description (textOf recursion); 100 000 stop the parse early', async () => {
    for (const depth of [10_000, 100_000]) {
      const page = htmlBlockPage(`<p><strong><code>a</code></strong> <small>string</small> ${'<em>'.repeat(depth)}x${'</em>'.repeat(depth)}</p>`);
      expect(await problems(page)).toEqual([{ at: 'line 9', rule: 'structure', message: TOO_DEEP }]);
    }
  });

  it('MDX: 10 000 nested <div>s inside a <ParamField> (inline recursion)', async () => {
    const page = mdxPage(`<ParamField body="a" type="string">\n${'<div>'.repeat(10_000)}x${'</div>'.repeat(10_000)}\n</ParamField>`);
    expect(await problems(page, 'deep.mdx')).toEqual([{ at: 'line 7', rule: 'structure', message: TOO_DEEP }]);
  });

  it('MDX: a blockquote nested 10 000 deep inside a <ParamField>', async () => {
    const page = mdxPage(`<ParamField body="a" type="string">\n\n${'>'.repeat(10_000)} x\n\n</ParamField>`);
    expect(await problems(page, 'deep.mdx')).toEqual([{ at: 'line 8', rule: 'structure', message: TOO_MANY_ON_A_LINE }]);
  });

  it('ReadMe: a blockquote nested 10 000 deep in the lead text before the block', async () => {
    const page = htmlBlockPage(field).replace('The test object.', `${'>'.repeat(10_000)} The test object.`);
    expect(await problems(page)).toEqual([{ at: 'line 4', rule: 'structure', message: TOO_MANY_ON_A_LINE }]);
  });

  it('nesting just under the limit still extracts', async () => {
    const depth = MAX_MARKUP_DEPTH - 10;
    const doc = await extractText(htmlBlockPage('<div>'.repeat(depth) + field + '</div>'.repeat(depth)));
    expect(Object.keys(doc.schema.properties ?? {})).toEqual(['leaf']);
  });
});
