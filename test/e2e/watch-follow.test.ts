/**
 * `watch` follows its inputs by path, whatever happens to the file at that path: deleted and created again
 * (`rm` + a new file, as `git checkout` of another branch does), renamed away and back, and a config that
 * did not exist when watch started. Ctrl-C during a run stops the run before it writes.
 */
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT, readTree, seedProject, tempDir, writeJson } from '../cli/helpers.js';
import { sleep, startWatch, stopWatch } from './watch-helpers.js';

const PAGE = 'schema/the-customer-session-object.md';
const SENTENCE = 'The customer session that has been created for the enrollment (MAX 64; MIN 36).';
const GONE = /^\[\d\d:\d\d:\d\d\] schema\/the-customer-session-object\.md is gone \(deleted or renamed\); out\/ keeps the last good output until it is back$/;

afterEach(stopWatch);

/** The maxLength of customer_session in the generated JSON Schema of out/. */
function maxLength(dir: string): number {
  const schema = JSON.parse(readFileSync(join(dir, 'out', 'schemas', 'customer-session.schema.json'), 'utf8'));
  return schema.properties.customer_session.maxLength;
}

/** A project with the seed page, and watch running in it (ready). */
async function watching(name: string) {
  const dir = seedProject(name, { pages: [PAGE], out: 'out', writeSchemas: false });
  const page = join(dir, PAGE);
  const original = readFileSync(page, 'utf8');
  const withMax = (n: number) => original.replace(SENTENCE, SENTENCE.replace('MAX 64', `MAX ${n}`));
  const w = startWatch(dir);
  await w.until(() => w.stdout.some((l) => l.includes('watching')), 'the watcher to be ready');
  return { dir, page, withMax, w };
}

describe('watch follows pages by path', () => {
  it('a page deleted and created again, then edited twice: out/ follows every edit', async () => {
    const { dir, page, withMax, w } = await watching('watch-recreate');
    expect(maxLength(dir)).toBe(64);

    // Deleted: watch says so and keeps out/.
    rmSync(page);
    await w.until(() => w.stdout.some((l) => GONE.test(l)), 'the notice that the page is gone');
    expect(maxLength(dir)).toBe(64);

    // Created again (a new file, a new inode) with other text: one run with it.
    writeFileSync(page, withMax(70));
    await w.until(() => maxLength(dir) === 70, 'out/ to follow the recreated page');
    // Two edits after that, each followed.
    writeFileSync(page, withMax(71));
    await w.until(() => maxLength(dir) === 71, 'out/ to follow the first edit');
    await sleep(300);
    writeFileSync(page, withMax(72));
    await w.until(() => maxLength(dir) === 72, 'out/ to follow the second edit');
    expect(w.stderr).toEqual([]);
  });

  it('a branch switch: the page renamed away and another file renamed into its place, then edited', async () => {
    const { dir, page, withMax, w } = await watching('watch-switch');

    renameSync(page, join(dir, 'page-on-main.md'));
    await w.until(() => w.stdout.some((l) => GONE.test(l)), 'the notice that the page is gone');
    writeFileSync(join(dir, 'page-on-branch.md'), withMax(80));
    renameSync(join(dir, 'page-on-branch.md'), page);
    await w.until(() => maxLength(dir) === 80, "out/ to follow the other branch's page");
    // Back to main.
    rmSync(page);
    renameSync(join(dir, 'page-on-main.md'), page);
    await w.until(() => maxLength(dir) === 64, "out/ to follow main's page again");
    writeFileSync(page, withMax(65));
    await w.until(() => maxLength(dir) === 65, 'out/ to follow an edit after the switches');
  });

  it('picks up a config created after watch started', async () => {
    const dir = tempDir('watch-new-config');
    const w = startWatch(dir);
    await w.until(() => w.stdout.some((l) => l.includes('watching')), 'the watcher to be ready');
    // No config: the embedded example, all three kinds of output.
    expect(readFileSync(join(dir, 'out', 'docs', 'customer-session.md'), 'utf8')).toContain('# Customer Session');
    const schema = seedProject('watch-new-config-src');
    writeFileSync(join(dir, 'page.md'), readFileSync(join(schema, PAGE), 'utf8').replace(SENTENCE, SENTENCE.replace('MAX 64', 'MAX 90')));
    writeJson(join(dir, 'yuno-codegen.config.json'), { pages: ['page.md'], out: 'out', only: ['types', 'validators'], writeSchemas: false });
    await w.until(() => maxLength(dir) === 90, 'out/ to follow the new config');
    expect(() => readFileSync(join(dir, 'out', 'docs', 'customer-session.md'))).toThrow(/ENOENT/);
    // And the page it names is watched from then on.
    writeFileSync(join(dir, 'page.md'), readFileSync(join(schema, PAGE), 'utf8').replace(SENTENCE, SENTENCE.replace('MAX 64', 'MAX 91')));
    await w.until(() => maxLength(dir) === 91, 'out/ to follow an edit of the page the new config names');
  });
});

describe('Ctrl-C during a watch run', () => {
  it('stops the run (nothing written, no staging directory, no lock), then watch ends with 0', async () => {
    const corpusDir = join(ROOT, '..', 'shared', 'yuno-pages');
    // Six corpus objects after the seed page: seven run in this thread, and take seconds after the seed's files.
    const names = readdirSync(corpusDir).filter((f) => f.endsWith('.md') && !f.includes('.legacy-') && !f.includes('customer-session')).sort().slice(0, 6);
    const dir = seedProject('watch-sigint');
    mkdirSync(join(dir, 'pages'));
    for (const name of names) writeFileSync(join(dir, 'pages', name), readFileSync(join(corpusDir, name)));
    writeJson(join(dir, 'yuno-codegen.config.json'), { pages: [PAGE, ...names.map((n) => `pages/${n}`)], out: 'out', writeSchemas: false });
    const w = startWatch(dir);
    await w.until(() => w.stdout.some((l) => l.includes('watching')), 'the watcher to be ready');
    const before = readTree(join(dir, 'out'));
    const exited = new Promise<number | null>((resolve) => w.child.on('exit', (code) => resolve(code)));
    const staging = watch(dir, (_event, name) => {
      if (name && String(name).startsWith('.out.yuno-codegen-new-')) {
        staging.close();
        setTimeout(() => w.child.kill('SIGINT'), 100);
      }
    });
    const page = join(dir, PAGE);
    writeFileSync(page, readFileSync(page, 'utf8').replace(SENTENCE, SENTENCE.replace('MAX 64', 'MAX 70')));
    expect(await exited).toBe(0);
    staging.close();
    expect(readTree(join(dir, 'out'))).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual(['out', 'pages', 'schema', 'yuno-codegen.config.json']);
  });
});
