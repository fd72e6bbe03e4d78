// The golden layer: the committed out/ is exactly what the library generates from this repo's config,
// compiled from source here (templates compiled at run time) while out/ was written by the built CLI
// (templates precompiled at build time), so the two paths must agree byte for byte.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, generateEach } from '../generators/index.js';
import { corpus, repoRoot } from './extract/helpers.js';

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(join(repoRoot, 'out'), full).split(sep).join('/')];
  });
}

describe('the committed out/', () => {
  it('is exactly what generate() returns for the repo config, and generating twice gives the same bytes', async () => {
    const config = JSON.parse(readFileSync(join(repoRoot, 'yuno-codegen.config.json'), 'utf8')) as {
      pages: string[];
      only: ('types' | 'validators' | 'docs' | 'fixtures')[];
      packageName: string;
      packageVersion: string;
    };
    const pages = config.pages.map((page) => ({
      path: page,
      bytes: readFileSync(join(repoRoot, page)),
      overrides: { path: page.replace(/\.md$/, '.overrides.json'), text: readFileSync(join(repoRoot, page.replace(/\.md$/, '.overrides.json')), 'utf8') },
    }));
    const options = { pages, target: 'package' as const, only: config.only, packageName: config.packageName, packageVersion: config.packageVersion };
    const first = await generate(options);
    const second = await generate(options);
    expect(second.files).toEqual(first.files);
    const committed = listFiles(join(repoRoot, 'out')).filter((f) => f !== '.yuno-codegen.json').sort();
    expect(first.files.map((f) => f.path)).toEqual(committed);
    for (const file of first.files) {
      expect(readFileSync(join(repoRoot, 'out', file.path), 'utf8'), file.path).toBe(file.contents);
    }
    for (const file of first.files) expect(file.contents.includes('\r'), file.path).toBe(false);
  });
});

describe('generateEach (the streaming form the CLI writes from)', () => {
  it('hands out exactly generate()\'s files: each object\'s own files right after it, the shared files last', async () => {
    const names = ['the-reports-object.md', 'the-customer-session-object.md', 'the-customer-object.md'];
    const pages = names.map((name) => ({ path: name, bytes: readFileSync(join(corpus, name)) }));
    for (const target of ['package', 'ts'] as const) {
      const whole = await generate({ pages, target });
      const streamed: string[] = [];
      const byPath = new Map<string, string>();
      const schemas: string[] = [];
      await generateEach({ pages, target }, { schema: (doc) => void schemas.push(doc.slug), file: (f) => void (streamed.push(f.path), byPath.set(f.path, f.contents)) });
      expect(schemas).toEqual(whole.schemas.map((s) => s.slug));
      expect([...streamed].sort()).toEqual(whole.files.map((f) => f.path));
      for (const f of whole.files) expect(byPath.get(f.path), f.path).toBe(f.contents);
      // Files arrive object by object: all of one object's files before any of the next one's.
      const owner = (path: string): string | undefined => schemas.find((slug) => path.replace(/^(docs|schemas)\//, '').startsWith(`${slug}.`));
      const order = streamed.map(owner);
      const firstShared = order.indexOf(undefined);
      expect(order.slice(0, firstShared)).toEqual(schemas.flatMap((slug) => order.filter((o) => o === slug)));
      expect(order.slice(firstShared).every((o) => o === undefined)).toBe(true);
    }
  });
});
