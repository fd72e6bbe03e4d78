import { fromMarkdown } from 'mdast-util-from-markdown';
import { parseDocument } from 'htmlparser2';
import { describe, expect, test } from 'vitest';
import type { Nodes } from 'mdast';
import fc from 'fast-check';
import { commentSafe, mdCode, parseRichText, richText, safeHref } from '../../generators/emit/docs-model.js';
import { docOf, renderDocs } from './docs-helpers.js';

const hostile = docOf('test/fixtures/docs/hostile.schema.json', 'hostile');
const nested = docOf('test/fixtures/docs/nested.schema.json', 'test-order');
const customerSession = docOf('schema/customer-session.schema.json', 'customer-session');
const combinators = docOf('test/fixtures/docs/combinators.schema.json', 'test-checkout');
const paymentReconciled = docOf('test/fixtures/docs/payment-reconciled.schema.json', 'payment');

describe('hostile doc text prints as text', () => {
  // [what, fragment of the Markdown page, fragment of the HTML page]
  const cases: [string, string, string][] = [
    [
      '<script> in a description',
      'Payloads: &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; and ',
      '<td class="description">Payloads: &#60;script&#62;window.__pwned=1&#60;/script&#62; and ',
    ],
    [
      'onerror= in a description',
      ' and &lt;img src=x onerror="window.\\_\\_pwned=1"&gt; and click and ',
      ' and &#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62; and click and ',
    ],
    [
      'javascript: link dropped, text kept; tab trick stays text; https link kept',
      ' and click and \\[tab\\](java\tscript:window.\\_\\_pwned=1) and [ok](https://example.com/a%7Cb) and pic and ',
      ' and click and [tab](java\tscript:window.__pwned=1) and <a href="https://example.com/a|b">ok</a> and pic and ',
    ],
    ['comment terminator', ' and \\*/ and {{x}} and `code` and \\`\\`\\` and ${x} and ', ' and */ and {{x}} and <code>code</code> and ``` and ${x} and '],
    ['U+2028 and a newline', ' and ${x} and   line and \\| pipe next line and ', ' and ${x} and   line and | pipe\nnext line and '],
    [
      'closing script, comment openers and entities',
      ' and &lt;/script&gt; and &lt;!-- and --&gt; and &lt;b&gt; and ',
      ' and &#60;/script&#62; and &#60;!-- and --&#62; and &#60;b&#62; and ',
    ],
    [
      'autolink and mailto',
      ' and [https://example.com/auto](https://example.com/auto) and [mail](mailto:a@example.com) |',
      ' and <a href="https://example.com/auto">https://example.com/auto</a> and <a href="mailto:a@example.com">mail</a></td>',
    ],
    [
      '<script> as a field name and as an example',
      '| `<script>window.__pwned=1</script>` | string | no |',
      '<tr id="field-script-window-__pwned-1-script">\n<td class="name"><a href="#field-script-window-__pwned-1-script"><code>&lt;script&gt;window.__pwned&#x3D;1&lt;/script&gt;</code></a></td>',
    ],
    [
      '__proto__ field with backticks, ${ and {{ in its example',
      '| `__proto__` | string | yes |  | Proto &lt;img src=x onerror="window.\\_\\_pwned=1"&gt; | `` `${x}` */ {{x}} `` |',
      '<td class="example"><code>&#x60;${x}&#x60; */ {{x}}</code></td>',
    ],
    [
      'constructor as a nested object',
      '### `constructor`\n\nNested &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt;\n',
      '<h3 id="section-constructor"><code>constructor</code></h3>',
    ],
    ['reserved word, pipe and backtick in code', '| `class` | integer | no |  | Reserved word, `x\\|y` in code, ``a`b``. | `3` |', 'Reserved word, <code>x|y</code> in code, <code>a`b</code>.'],
    ['line separators in a name-like field', '| `weird-name` | string | no |  | Line separator and   paragraph. | `a b\\|c` |', '<tr id="field-weird-name">'],
    ['same anchor base gets a suffix', '| `weird.name` | string | no |', '<tr id="field-weird-name-2">'],
    [
      'enum values with quotes and backslashes, meanings with payloads',
      '| `a"b` | quote &lt;img src=x onerror="window.\\_\\_pwned=1"&gt; |\n| `c\\d` | backslash &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; |\n| `<e>` | angle {{x}} |\n| `__proto__` |  |\n| `constructor` |  |',
      '<tr><td><code>a&quot;b</code></td><td>quote &#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62;</td></tr>\n<tr><td><code>c\\d</code></td><td>backslash &#60;script&#62;window.__pwned=1&#60;/script&#62;</td></tr>\n<tr><td><code>&lt;e&gt;</code></td><td>angle {{x}}</td></tr>\n<tr><td><code>__proto__</code></td><td></td></tr>\n<tr><td><code>constructor</code></td><td></td></tr>',
    ],
    [
      'page description',
      '# Hostile\n\nTop &lt;script&gt;window.\\_\\_pwned=1&lt;/script&gt; &lt;img src=x onerror="window.\\_\\_pwned=1"&gt; {{x}} ${x}\n',
      '<div class="lead">Top &#60;script&#62;window.__pwned=1&#60;/script&#62; &#60;img src=x onerror=&#34;window.__pwned=1&#34;&#62; {{x}} ${x}</div>',
    ],
    [
      'example object',
      '  "<script>window.__pwned=1</script>": "<script>window.__pwned=1</script>",\n  "__proto__": "`${x}` */ {{x}}",\n  "constructor": {\n    "toString": "a\\"b"\n  },\n  "class": 3,\n  "weird-name": "a\\u2028b|c",',
      '  &quot;__proto__&quot;: &quot;&#x60;${x}&#x60; */ {{x}}&quot;,',
    ],
  ];
  test.each(cases)('%s', async (_what, mdFragment, htmlFragment) => {
    const { md, html } = await renderDocs(hostile);
    expect(md).toContain(mdFragment);
    expect(html).toContain(htmlFragment);
  });

  test.each([
    ['hostile', hostile],
    ['nested', nested],
    ['customer-session', customerSession],
    ['combinators', combinators],
    ['payment-reconciled', paymentReconciled],
  ])('%s HTML: no live element or handler, every link safe, every anchor resolves', async (_name, doc) => {
    const { html } = await renderDocs(doc);
    const dom = parseDocument(html);
    const elements: { name: string; attribs: Record<string, string> }[] = [];
    const walk = (node: unknown): void => {
      const n = node as { type?: string; name?: string; attribs?: Record<string, string>; children?: unknown[] };
      if (n.name !== undefined && n.attribs !== undefined) elements.push({ name: n.name, attribs: n.attribs });
      for (const c of n.children ?? []) walk(c);
    };
    walk(dom);
    const names = new Set(elements.map((e) => e.name));
    for (const bad of ['script', 'img', 'iframe', 'object', 'embed', 'link', 'svg', 'math', 'form', 'base']) {
      expect(names.has(bad)).toBe(false);
    }
    expect(elements.flatMap((e) => Object.keys(e.attribs)).filter((a) => /^on/i.test(a))).toEqual([]);
    const ids = elements.map((e) => e.attribs.id).filter((id): id is string => id !== undefined);
    expect(new Set(ids).size).toBe(ids.length);
    for (const href of elements.map((e) => e.attribs.href).filter((h): h is string => h !== undefined)) {
      if (href.startsWith('#')) expect(ids).toContain(href.slice(1));
      else expect(href).toMatch(/^(https?:|mailto:)/);
    }
  });

  test.each([
    ['hostile', hostile],
    ['nested', nested],
    ['customer-session', customerSession],
    ['combinators', combinators],
    ['payment-reconciled', paymentReconciled],
  ])('%s Markdown: the only HTML is ours, and every table row has as many cells as its header', async (_name, doc) => {
    const { md } = await renderDocs(doc);
    const htmlNodes: string[] = [];
    const walk = (node: Nodes): void => {
      if (node.type === 'html') htmlNodes.push(node.value);
      if ('children' in node) for (const c of node.children) walk(c as Nodes);
    };
    walk(fromMarkdown(md));
    const ours = /^(<!-- @generated by yuno-codegen from [^<>]* — do not edit -->|<details>\n<summary>All \d+ values<\/summary>|<\/details>)$/;
    expect(htmlNodes.filter((h) => !ours.test(h))).toEqual([]);
    let cells = 0;
    for (const line of md.split('\n')) {
      if (!line.startsWith('|')) {
        cells = 0;
        continue;
      }
      const count = line.replace(/\\\\|\\\|/g, '').split('|').length;
      if (cells === 0) cells = count;
      expect(count, line).toBe(cells);
    }
  });
});

describe('safeHref', () => {
  const cases: [string, string | undefined][] = [
    ['https://docs.y.uno/reference/country-reference', 'https://docs.y.uno/reference/country-reference'],
    ['http://example.com', 'http://example.com'],
    ['mailto:a@example.com', 'mailto:a@example.com'],
    ['country-reference', 'country-reference'],
    ['/reference/x', '/reference/x'],
    ['#anchor', '#anchor'],
    ['javascript:alert(1)', undefined],
    ['JavaScript:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['java\tscript:alert(1)', undefined],
    ['java\nscript:alert(1)', undefined],
    ['\u0001javascript:alert(1)', undefined],
    ['vbscript:msgbox(1)', undefined],
    ['data:text/html,<script>alert(1)</script>', undefined],
    ['file:///etc/passwd', undefined],
    ['', undefined],
  ];
  test.each(cases)('%j', (href, want) => {
    expect(safeHref(href)).toBe(want);
  });
});

describe('richText', () => {
  const cases: [string, string, string][] = [
    ['plain `code` and [a](https://x.test/p)', 'plain `code` and [a](https://x.test/p)', 'plain <code>code</code> and <a href="https://x.test/p">a</a>'],
    ['*em* **strong**', '*em* **strong**', '<em>em</em> <strong>strong</strong>'],
    ['[bad](javascript:alert(1))', 'bad', 'bad'],
    ['a <b>bold</b>', 'a &lt;b&gt;bold&lt;/b&gt;', 'a &#60;b&#62;bold&#60;/b&#62;'],
    ['one\n\ntwo', 'one two', '<p>one</p><p>two</p>'],
    ['- a\n- b', 'a b', '<ul><li>a</li><li>b</li></ul>'],
    ['AT&T &amp; &copy; &amp;lt;', 'AT&T & © &amp;lt;', 'AT&#38;T &#38; © &#38;lt;'],
    ['![x](https://t.test/i.png)', 'x', 'x'],
  ];
  test.each(cases)('%j', (text, md, html) => {
    expect(richText(text).md).toBe(md);
    expect(richText(text).html).toBe(html);
  });

  test('the plain-text shortcut prints exactly what the parser prints', () => {
    const alphabet = [...'aZé9 ,.;:\'"()?/%$@{}´’–—+=-#1*_<&|`\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        expect(richText(text)).toEqual(parseRichText(text));
      }),
      { numRuns: 3000, seed: 42 },
    );
    for (const name of ['Curaçao', "Côte d'Ivoire", 'Åland Islands', 'Korea, Republic of', 'Bonaire, Sint Eustatius and Saba']) {
      expect(richText(name)).toEqual(parseRichText(name));
    }
  });

  test('a block that would start a heading or list is escaped', () => {
    expect(richText('\\# not a heading').mdBlock).toBe('\\# not a heading');
    expect(richText('1\\. not a list').mdBlock).toBe('\\1. not a list');
  });
});

describe('Markdown helpers', () => {
  test.each([
    ['plain', '`plain`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
    ['a|b', '`a\\|b`'],
    ['a\nb\u2028c', '`a b c`'],
    ['', ''],
  ])('mdCode(%j)', (text, want) => {
    expect(mdCode(text)).toBe(want);
  });

  test('the banner cannot close its comment', () => {
    expect(commentSafe('@generated by yuno-codegen from evil-->x<script> — do not edit')).toBe(
      '@generated by yuno-codegen from evil-\u2010&gt;x&lt;script&gt; — do not edit',
    );
  });
});
