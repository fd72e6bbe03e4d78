/**
 * What the README promises a new user about the CLI (issue 12): what paths are relative to (as --help says),
 * a CI recipe that checks before anything regenerates, and what to tell formatters and Git.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The text of a `## …`/`### …` section, up to the next heading of its level or above. */
function section(heading: string): string {
  const start = README.indexOf(`\n${heading}\n`);
  expect(start, heading).toBeGreaterThan(-1);
  const level = heading.split(' ')[0] as string;
  const rest = README.slice(start + heading.length + 2);
  const next = rest.search(new RegExp(`^#{1,${level.length}} `, 'm'));
  return next < 0 ? rest : rest.slice(0, next);
}

/** The fenced code blocks of a text, each as its lines. */
function blocks(text: string, lang: string): string[][] {
  return [...text.matchAll(new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map((m) => (m[1] as string).trimEnd().split('\n'));
}

describe('README', () => {
  it('says what --out and the other path flags are relative to, as --help does', () => {
    const options = section('### Options');
    expect(options).toContain(
      "| `--out DIR` | generate, check, watch | Output directory, relative to the working directory. Default: the config's `out` (relative to the config file), else `out`. |",
    );
    expect(options).toContain(
      'Paths given as flags are relative to the working directory; paths in the config file are relative to that file.',
    );
    expect(section('### Configure')).toContain('Paths in it are relative to the file.');
  });

  it('runs check in CI before anything that regenerates', () => {
    const ci = section('### Catch drift in CI');
    const [steps] = blocks(ci, 'yaml');
    expect(steps).toBeDefined();
    const at = (text: string): number => (steps as string[]).findIndex((l) => l.includes(text));
    expect(at('npm ci')).toBe(0);
    expect(at('npx yuno-codegen check')).toBe(1);
    expect(at('npm run build')).toBeGreaterThan(1);
    expect(ci).toContain('before any script that regenerates');
  });

  it('says what to add to .prettierignore and .gitattributes', () => {
    const text = section('### Formatters, linters and Git');
    expect(blocks(text, 'text')).toEqual([
      ['src/generated/yuno/', 'docs/yuno/*.schema.json'],
      ['src/generated/yuno/** linguist-generated=true eol=lf', 'docs/yuno/*.schema.json eol=lf'],
    ]);
    expect(text).toContain('differs only in formatting: a formatter rewrote it; add out/ to .prettierignore');
  });

  it('shows the summary with what was written and what was unchanged', () => {
    expect(section('### Output')).toContain('`generated 17 files (5 written, 12 unchanged) in 182 ms`');
    expect(section('### Configure')).toContain('from the embedded\nCustomer Session example (no yuno-codegen.config.json here or in a parent directory');
  });
});
