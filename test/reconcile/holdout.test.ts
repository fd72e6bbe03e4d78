// Do the reconciliation rules generalise? Generate from two thirds of Yuno's OpenAPI files and run the
// held-out third's payloads through the validators, three folds. The failures left are ReadMe
// placeholders and shapes no kept file shows (an object where the page has an array, a city in a
// country field); the numbers pin how far the rules carry, so a rule that overfits shows here.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { extractAll } from '../../generators/extract.js';
import { readOpenApi } from '../../generators/openapi/read.js';
import { matchObjects } from '../../generators/reconcile/match.js';
import { shared } from '../extract/helpers.js';
import { tempDir, type Api } from '../emit/code-helpers.js';

const mintlify = join(shared, 'yuno-pages', 'mintlify');
const apiDir = join(shared, 'yuno-openapi');

describe('held-out OpenAPI files', () => {
  it.each([
    [0, 9, 16],
    [1, 43, 57],
    [2, 28, 39],
  ])('fold %i: %i of %i held-out payloads pass isX', async (fold, passing, total) => {
    const pages = globSync(['*.mdx'], { cwd: mintlify }).sort().map((f) => ({ path: f, bytes: readFileSync(join(mintlify, f)) }));
    const all = globSync(['**/*.json'], { cwd: apiDir }).sort().map((f) => ({ path: f, text: readFileSync(join(apiDir, f), 'utf8') }));
    const held = all.filter((_, i) => (i + fold) % 3 === 0);
    const kept = all.filter((_, i) => (i + fold) % 3 !== 0);
    const result = await generate({ pages, openapi: kept, only: ['validators'] });
    const dir = tempDir(`holdout-${fold}`);
    for (const f of result.files) {
      mkdirSync(dirname(join(dir, f.path)), { recursive: true });
      writeFileSync(join(dir, f.path), f.contents);
    }
    const api = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const matches = matchObjects(await extractAll(pages), await readOpenApi(held));
    let seen = 0;
    let ok = 0;
    result.schemas.forEach((doc, i) => {
      for (const s of matches[i]!.samples) {
        seen++;
        if (api[`is${doc.name}`](s.value) === true) ok++;
      }
    });
    expect([ok, seen]).toEqual([passing, total]);
  });
});
