// The golden layer: the committed out/ is exactly what the library generates from this repo's config,
// compiled from source here (templates compiled at run time) while out/ was written by the built CLI
// (templates precompiled at build time), so the two paths must agree byte for byte.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate } from '../generators/index.js';
import { repoRoot } from './extract/helpers.js';

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
      packageName: string;
      packageVersion: string;
    };
    const pages = config.pages.map((page) => ({
      path: page,
      bytes: readFileSync(join(repoRoot, page)),
      overrides: { path: page.replace(/\.md$/, '.overrides.json'), text: readFileSync(join(repoRoot, page.replace(/\.md$/, '.overrides.json')), 'utf8') },
    }));
    const options = { pages, target: 'package' as const, packageName: config.packageName, packageVersion: config.packageVersion };
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
