// Each class of page the extractor cannot read correctly gets an error that names the file, the field
// or line, what is wrong and how to fix it; all problems of a page come together.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../generators/extract.js';
import { extractText, htmlBlockPage, messageOf, repoRoot } from './helpers.js';

const field = (name: string, type: string, text: string): string =>
  `<p><strong><code>${name}</code></strong> <small>${type}</small>\n<br/>${text}\n</p>`;

describe('bad input', () => {
  it('an empty file', async () => {
    expect(await messageOf(extract({ path: 'p.md', bytes: new Uint8Array() }))).toBe(
      'p.md: the page is empty; give the path of a Yuno object doc page',
    );
  });

  it('a binary file', async () => {
    expect(await messageOf(extract({ path: 'p.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0xff, 0xfe, 0x00]) }))).toBe(
      'p.png: the page is not UTF-8 text (it looks binary); give the path of a Markdown or MDX doc page',
    );
    expect(await messageOf(extractText('abc\u0000def', 'nul.md'))).toBe(
      'nul.md: the page contains NUL bytes (it looks binary); give the path of a Markdown or MDX doc page',
    );
  });

  it('a page over 2 MiB, rejected before parsing', async () => {
    const big = new Uint8Array(10 * 1024 * 1024).fill(0x61);
    expect(await messageOf(extract({ path: 'big.md', bytes: big }))).toBe(
      'big.md: the page is 10485760 bytes, more than the 2097152 bytes (2 MiB) a doc page can be; check that this is the right file or split the page',
    );
  });

  it('a page with no attribute block', async () => {
    expect(await messageOf(extractText('---\ntitle: The X Object\n---\n# Hello\n\nJust prose.\n', 'prose.md'))).toBe(
      'prose.md: no attribute block found: expected an <HTMLBlock>{`…`}</HTMLBlock> with div.yuno entries, a [block:html] block, or <ParamField> entries',
    );
  });

  it('an unterminated HTMLBlock', async () => {
    const text = '---\ntitle: The X Object\n---\nIntro.\n\n<HTMLBlock>{`\n<div class="yuno"><p><strong><code>a</code></strong> <small>string</small></p></div>\n';
    expect(await messageOf(extractText(text, 'open.md'))).toBe(
      'open.md (line 6): the <HTMLBlock> opened here is not terminated: Unterminated template; close it with `}</HTMLBlock>',
    );
  });

  it('an unterminated legacy block', async () => {
    const text = '---\ntitle: The X Object\n---\nIntro.\n\n[block:html]\n{"html": "<p></p>"}\n';
    expect(await messageOf(extractText(text, 'legacy.md'))).toBe(
      'legacy.md (line 6): the [block:html] block opened here has no [/block] line; add it after the JSON',
    );
  });

  it('an unknown type word, MIN greater than MAX and a duplicate name, all reported together', async () => {
    const page = htmlBlockPage(
      [
        field('id', 'strnig', 'The id (MAX 64; MIN 36).'),
        field('code', 'string', 'The code (MAX 3; MIN 5).'),
        field('code', 'integer', 'Another code.'),
      ].join('\n'),
    );
    expect(await messageOf(extractText(page, 'bad.md'))).toBe(
      [
        'bad.md (id, line 9): unknown type word "strnig"; use one of string, str, text, enum, timestamp, datetime, date-time, date, integer, int, number, float, decimal, double, boolean, bool, object, struct, array of objects, array of strings, array of enums, <type>[], <type> | null',
        'bad.md (code, line 12): MIN 5 is greater than MAX 3; swap or correct them',
        'bad.md (code, line 15): duplicate field "code" (also on line 12); remove or rename one of them',
      ].join('\n'),
    );
  });

  it('a field with no type word', async () => {
    expect(await messageOf(extractText(htmlBlockPage('<p><strong><code>id</code></strong><br/>The id.</p>'), 'notype.md'))).toBe(
      'notype.md (id, line 9): the field has no type word; add one after the name, e.g. <small>string</small>',
    );
  });

  it('broken MDX', async () => {
    const text = '---\ntitle: The X Object\n---\n\n<ParamField body="a" type="string">\n  Text\n';
    expect(await messageOf(extractText(text, 'x.mdx'))).toMatch(/^x\.mdx \(line \d+\): the MDX does not parse: .+; fix the markup there$/);
  });

  it('overrides that name a field the page does not have', async () => {
    const page = readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.md'));
    const run = extract({ path: 'cs.md', bytes: page, overrides: { path: 'cs.overrides.json', text: '{"fields": {"customer_sesion": {"required": true}}}' } });
    expect(await messageOf(run)).toBe(
      'cs.overrides.json (/fields/customer_sesion): the overrides name field "customer_sesion", which the page does not have; remove it or fix the path',
    );
  });

  it('front matter that is not YAML, or never closed; an empty one is fine', async () => {
    const body = htmlBlockPage(field('id', 'string', 'The id.')).replace(/^---\n[\s\S]*?\n---\n/, '');
    expect(await messageOf(extractText(`---\ntitle: "The X Object\n---\n${body}`, 'quote.md'))).toBe(
      'quote.md (front matter): the front matter is not valid YAML (deficient indentation (2:1)); fix the YAML between the "---" lines',
    );
    expect(await messageOf(extractText(`---\ntitle: A\ntitle: B\n---\n${body}`, 'twice.md'))).toBe(
      'twice.md (front matter): the front matter is not valid YAML (duplicated mapping key (2:1)); fix the YAML between the "---" lines',
    );
    expect(await messageOf(extractText(`---\ntitle: The X Object\n${body}`, 'open.md'))).toBe(
      'open.md (line 1): the front matter opened by "---" on line 1 is never closed; add a "---" line after it',
    );
    for (const empty of ['', '# a comment only\n']) {
      const doc = await extractText(`---\n${empty}---\n# The X Object\n\n${body}`, 'the-x-object.md');
      expect(Object.keys(doc.schema.properties ?? {})).toEqual(['id']);
    }
  });

  it('a BOM and CRLF line endings are accepted', async () => {
    const page = readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.md'), 'utf8');
    const crlf = `\uFEFF${page.replace(/\n/g, '\r\n')}`;
    const a = await extractText(page, 'the-customer-session-object.md');
    const b = await extractText(crlf, 'the-customer-session-object.md');
    expect(b.schema).toEqual(a.schema);
  });
});

describe('the committed canonical schema', () => {
  it('is exactly what extract produces from the embedded page and its overrides', async () => {
    const doc = await extract({
      path: 'schema/the-customer-session-object.md',
      bytes: readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.md')),
      overrides: {
        path: 'schema/the-customer-session-object.overrides.json',
        text: readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.overrides.json'), 'utf8'),
      },
    });
    expect(`${JSON.stringify(doc.schema, null, 2)}\n`).toBe(readFileSync(join(repoRoot, 'schema', 'customer-session.schema.json'), 'utf8'));
    expect(doc.schema.required).toEqual(['customer_session', 'customer_id', 'country', 'callback_url', 'created_at']);
    expect(doc.schema.properties?.created_at).toEqual({
      description: 'Customer Session creation date and time (MAX 27; MIN 27; [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601)).',
      type: 'string',
      format: 'date-time',
      minLength: 27,
      maxLength: 27,
      examples: ['2022-05-09T20:46:54.786342Z'],
    });
    // Not over-inferred: the page's own callback_url example is not a URI, the ids are 36–64 characters.
    expect(doc.schema.properties?.callback_url?.format).toBeUndefined();
    expect(doc.schema.properties?.customer_id?.format).toBeUndefined();
    expect(doc.schema.properties?.callback_url?.description).toContain('provider´s environment');
  });
});
