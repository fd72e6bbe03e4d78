/**
 * `watch` with real file edits: one run per burst of saves, a broken page keeps the last good out/ and the
 * next good save recovers, config changes are picked up, and an idle watcher uses no CPU.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readTree, seedProject, writeJson } from '../cli/helpers.js';
import { sleep, startWatch, stopWatch } from './watch-helpers.js';

const PAGE = 'schema/the-customer-session-object.md';
const SENTENCE = 'The customer session that has been created for the enrollment (MAX 64; MIN 36).';

afterEach(stopWatch);

/** CPU time (user + system) of a process in clock ticks, from /proc. */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function maxLength(dir: string): number {
  return JSON.parse(readFileSync(join(dir, 'schema', 'customer-session.schema.json'), 'utf8')).properties.customer_session.maxLength;
}

describe('watch', () => {
  it('regenerates once per burst, survives a broken page, follows the config, idles without CPU', async () => {
    const dir = seedProject('watch', { pages: [PAGE], out: 'out' });
    const page = join(dir, PAGE);
    const original = readFileSync(page, 'utf8');
    const withMax = (n: number) => original.replace(SENTENCE, SENTENCE.replace('MAX 64', `MAX ${n}`));

    const w = startWatch(dir);
    await w.until(() => w.stdout.some((l) => l.includes('watching')), 'the watcher to be ready');
    expect(w.runs()).toHaveLength(1);
    expect(w.runs()[0]).toMatch(/ generated 17 files \(17 written, 0 unchanged\) and 1 schema beside its page in \d+ ms$/);
    expect(maxLength(dir)).toBe(64);

    // A burst of five saves: one run, with the last save's content.
    for (const n of [65, 66, 67, 68, 70]) {
      writeFileSync(page, withMax(n));
      await sleep(10);
    }
    await w.until(() => w.runs().length >= 2, 'the run after the burst');
    await sleep(1500);
    expect(w.runs()).toHaveLength(2);
    // MAX 64 → 70 changes the types' JSDoc, the validators, the docs and the schemas; the index and shared modules stay.
    expect(w.runs()[1]).toMatch(/ generated 17 files \(8 written, 9 unchanged\) and 1 schema beside its page in \d+ ms$/);
    expect(maxLength(dir)).toBe(70);

    // A broken page: the error is reported and out/ stays as it was.
    const good = readTree(join(dir, 'out'));
    writeFileSync(page, '---\ntitle: The Customer Session Object\n---\n# oops\n');
    await w.until(() => w.stderr.some((l) => l.includes('kept the last good output')), 'the error report');
    expect(w.stderr.some((l) => /^\[\d\d:\d\d:\d\d\] error: schema\/the-customer-session-object\.md: no attribute block found/.test(l))).toBe(true);
    expect(readTree(join(dir, 'out'))).toEqual(good);
    expect(maxLength(dir)).toBe(70);

    // The next good save recovers.
    writeFileSync(page, withMax(75));
    await w.until(() => w.runs().length >= 3, 'the recovery run');
    expect(maxLength(dir)).toBe(75);

    // The config is reloaded: without docs, the docs files go.
    expect(existsSync(join(dir, 'out', 'docs', 'customer-session.md'))).toBe(true);
    writeJson(join(dir, 'yuno-codegen.config.json'), { pages: [PAGE], out: 'out', only: ['types', 'validators'] });
    await w.until(() => w.runs().length >= 4, 'the run after the config change');
    expect(existsSync(join(dir, 'out', 'docs', 'customer-session.md'))).toBe(false);

    // Idle: no polling, so (almost) no CPU over two seconds.
    if (process.platform === 'linux') {
      const pid = w.child.pid as number;
      const before = cpuTicks(pid);
      await sleep(2000);
      expect(cpuTicks(pid) - before).toBeLessThanOrEqual(5);
    }
    expect(w.runs()).toHaveLength(4);

    const exited = new Promise<number | null>((resolve) => w.child.on('exit', (code) => resolve(code)));
    w.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
