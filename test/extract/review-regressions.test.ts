// Regressions from a review of the whole change: each reproduced with the built CLI before the fix.
import { describe, expect, it } from 'vitest';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { generate } from '../../generators/index.js';
import { CodegenError } from '../../generators/types.js';
import { extractText, htmlBlockPage } from './helpers.js';

describe('review regressions', () => {
  it('a link whose URL holds parentheses stays one Markdown link, in the canonical schema and in the docs', async () => {
    const doc = await extractText(htmlBlockPage('<p><strong><code>a</code></strong> <small>string</small><br/>See <a href="https://x.example/a)(b">the list</a>.</p>'));
    expect(doc.schema.properties?.a?.description).toBe('See [the list](https://x.example/a%29%28b).');
    const schema = { title: 'Theta', type: 'object', properties: { a: { type: 'string', description: '[docs](<https://a.example/)[click](javascript:alert(1)>)' } } };
    const result = await generate({ schemas: [{ path: 'theta.schema.json', text: JSON.stringify(schema) }], only: ['docs'] });
    const md = result.files.find((f) => f.path === 'docs/theta.md')!.contents;
    const links: string[] = [];
    const walk = (node: { type: string; url?: string; children?: unknown[] }): void => {
      if (node.type === 'link' && node.url) links.push(node.url);
      for (const c of node.children ?? []) walk(c as typeof node);
    };
    walk(fromMarkdown(md) as never);
    expect(links.some((u) => u.startsWith('javascript:'))).toBe(false);
    expect(links).toEqual(['https://a.example/%29[click]%28javascript:alert%281%29']);
  });

  it('a type word that names an Object.prototype member is an unknown type word, not a crash', async () => {
    try {
      await extractText(htmlBlockPage('<p><strong><code>a</code></strong> <small>constructor</small><br/>A.</p>'), 'proto.md');
      throw new Error('expected a CodegenError');
    } catch (error) {
      expect(error).toBeInstanceOf(CodegenError);
      expect((error as Error).message).toMatch(/^proto\.md \(a, line 9\): unknown type word "constructor"; use one of /);
    }
  });

  it('a page field named __proto__ is a property like any other', async () => {
    const doc = await extractText(htmlBlockPage('<p><strong><code>__proto__*</code></strong> <small>string</small><br/>Odd (MAX 3).</p>'));
    expect(Object.keys(doc.schema.properties ?? {})).toEqual(['__proto__']);
    expect(doc.schema.required).toEqual(['__proto__']);
    const parsed = JSON.parse(JSON.stringify(doc.schema)) as { properties: object };
    expect(Object.getOwnPropertyDescriptor(parsed.properties, '__proto__')?.value).toEqual({ type: 'string', maxLength: 3, description: 'Odd (MAX 3).' });
  });

  it('fields named exports/require and enum values mentioning module.exports generate validators', async () => {
    const schema = {
      title: 'Odd', type: 'object', required: ['exports'],
      properties: { exports: { type: 'string' }, require: { type: 'string', enum: ['module.exports', 'require(x)'] } },
    };
    const result = await generate({ schemas: [{ path: 'odd.schema.json', text: JSON.stringify(schema) }], only: ['types', 'validators'] });
    expect(result.files.map((f) => f.path)).toContain('odd.js');
  });
});
