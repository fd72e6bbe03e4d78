/**
 * Resource limits: pages far larger or deeper than any real one are handled or rejected with one clear
 * error, without exhausting the stack or memory (the largest real page is 230 kB and nests 19 deep).
 */
import { describe, expect, it } from 'vitest';
import { extract } from '../../generators/extract.js';
import { MAX_PAGE_BYTES } from '../../generators/page/read.js';
import { CodegenError, type Problem } from '../../generators/types.js';
import { htmlBlockPage } from '../extract/helpers.js';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

async function problems(path: string, bytes: Uint8Array): Promise<Omit<Problem, 'file'>[]> {
  try {
    await extract({ path, bytes });
  } catch (error) {
    if (error instanceof CodegenError) return error.problems.map(({ at, rule, message }) => ({ at, rule, message }));
    throw error;
  }
  throw new Error('the page extracted without error');
}

function mdxPage(body: string): string {
  return `---\ntitle: The Test Object\n---\nThe test object.\n\n${body}\n`;
}

const entry = (name: string): string => `<p><strong><code>${name}</code></strong> <small>string</small><br>Field ${name}.</p>`;

describe('resource limits', () => {
  it('a 10 MB page is rejected before parsing', async () => {
    const size = 10 * 1024 * 1024;
    const page = htmlBlockPage(entry('a') + `<p>${'lorem ipsum '.repeat(size / 12)}</p>`);
    const bytes = encode(page);
    expect(await problems('big.md', bytes)).toEqual([
      {
        at: '',
        rule: 'read',
        message: `the page is ${bytes.length} bytes, more than the ${MAX_PAGE_BYTES} bytes (2 MiB) a doc page can be; check that this is the right file or split the page`,
      },
    ]);
  });

  it('a page just under the size limit with 16 000 fields is extracted', async () => {
    let entries = '';
    let count = 0;
    while (entries.length < MAX_PAGE_BYTES - 200_000) entries += `${entry(`field_${count++}`)}\n`;
    const doc = await extract({ path: 'many.md', bytes: encode(htmlBlockPage(entries)) });
    const names = Object.keys(doc.schema.properties ?? {});
    expect(names.length).toBe(count);
    expect(count).toBeGreaterThan(16_000);
    expect(names.at(-1)).toBe(`field_${count - 1}`);
  });

  it('a 1 MB attribute value is read like any other', async () => {
    const page = htmlBlockPage(`<p data-x="${'x'.repeat(1_000_000)}"><strong><code>a</code></strong> <small>string</small><br>A.</p>`);
    const doc = await extract({ path: 'attr.md', bytes: encode(page) });
    expect(doc.schema.properties?.['a']?.type).toBe('string');
  });

  it('<details> nested 200 deep is rejected with the nesting rule', async () => {
    const open = '<details><summary><strong><code>n</code></strong> <small>object</small></summary>\n';
    const page = htmlBlockPage(open.repeat(200) + entry('leaf') + '</details>\n'.repeat(200));
    expect(await problems('deep.md', encode(page))).toEqual([
      { at: 'line 73', rule: 'structure', message: '<details> nested more than 64 deep; flatten the markup' },
    ]);
  });

  it('Mintlify <ParamField>/<Expandable> nested 200 deep is rejected with the nesting rule', async () => {
    const page = mdxPage(
      '<ParamField body="n" type="object">\n<Expandable title="properties">\n'.repeat(200) +
        '<ParamField body="leaf" type="string">\nA leaf.\n</ParamField>\n' +
        '</Expandable>\n</ParamField>\n'.repeat(200),
    );
    expect(await problems('deep.mdx', encode(page))).toEqual([
      { at: 'line 134', rule: 'structure', message: '<ParamField> nested more than 64 deep; flatten the page' },
    ]);
  });

  it('64 levels of <details>, the most accepted, extract to a schema 64 objects deep', async () => {
    const open = '<details><summary><strong><code>n</code></strong> <small>object</small></summary>\n';
    const page = htmlBlockPage(open.repeat(64) + entry('leaf') + '</details>\n'.repeat(64));
    const doc = await extract({ path: 'deep.md', bytes: encode(page) });
    let node = doc.schema;
    for (let i = 0; i < 64; i++) node = node.properties?.['n'] ?? {};
    expect(node.properties?.['leaf']?.type).toBe('string');
  });
});
