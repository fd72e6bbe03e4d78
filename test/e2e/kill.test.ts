/**
 * `generate` killed with SIGKILL at random moments never leaves a mix: out/ is always the complete old or
 * the complete new output. The only other state is the instant between the writer's two renames, when
 * out/ is absent and the complete old output sits beside it; the next run's recovery restores it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recover } from '../../generators/write.js';
import { CLI, ROOT, cli, readTree, seedProject, tempDir } from '../cli/helpers.js';

const PAGE = 'schema/the-customer-session-object.md';
const CONFIG = { pages: [PAGE], out: 'out', writeSchemas: false };
const SENTENCE = 'The customer session that has been created for the enrollment (MAX 64; MIN 36).';
const KILLS = 20;

/** The page with MAX 64 (variant 0) or MAX 80 (variant 1). */
function pageText(original: string, variant: number): string {
  return variant === 0 ? original : original.replace(SENTENCE, SENTENCE.replace('MAX 64', 'MAX 80'));
}

/** Reference output of one variant, generated in a project of its own. */
function reference(original: string, variant: number): { tree: Record<string, string>; ms: number } {
  const dir = seedProject(`kill-ref${variant}`, CONFIG);
  writeFileSync(join(dir, PAGE), pageText(original, variant));
  const start = Date.now();
  const r = cli([], dir);
  if (r.code !== 0) throw new Error(r.stderr);
  return { tree: readTree(join(dir, 'out')), ms: Date.now() - start };
}

/** Start generate; kill it after `delay` ms, or `delay` ms after its temporary output directory appears. */
function killedRun(dir: string, delay: number, onTempDir: boolean): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    let watcher: ReturnType<typeof watch> | undefined;
    const kill = (): void => {
      watcher?.close();
      setTimeout(() => child.kill('SIGKILL'), delay);
    };
    if (onTempDir) {
      watcher = watch(dir, (_event, name) => {
        if (name && String(name).startsWith('.out.yuno-codegen-new-')) kill();
      });
    } else kill();
    child.on('exit', () => {
      watcher?.close();
      resolve();
    });
  });
}

describe('SIGKILL during generate', () => {
  it(`leaves out/ complete old or complete new, ${KILLS} times`, async () => {
    const original = readFileSync(join(seedProject('kill-src'), PAGE), 'utf8');
    expect(original).toContain(SENTENCE);
    const refs = [reference(original, 0), reference(original, 1)];
    expect(refs[0]?.tree).not.toEqual(refs[1]?.tree);

    const dir = seedProject('kill', CONFIG);
    const out = join(dir, 'out');
    expect(cli([], dir).code).toBe(0);
    expect(readTree(out)).toEqual(refs[0]?.tree);
    const runMs = Math.max(...refs.map((r) => r.ms));

    let state = 0;
    let onPage = 0;
    const seen = { old: 0, new: 0, betweenRenames: 0 };
    for (let i = 0; i < KILLS; i++) {
      const next = 1 - state;
      writeFileSync(join(dir, PAGE), pageText(original, next));
      onPage = next;
      // Half the kills land anywhere in the run, half in the few milliseconds around the swap.
      const onTempDir = i % 2 === 1;
      const delay = onTempDir ? Math.random() * 4 : Math.random() * runMs * 1.1;
      await killedRun(dir, delay, onTempDir);
      const context = `kill ${i}: ${onTempDir ? 'after the temporary directory appeared + ' : ''}${delay.toFixed(1)} ms`;

      if (existsSync(out)) {
        const tree = readTree(out);
        const which = refs.findIndex((r) => JSON.stringify(r.tree) === JSON.stringify(tree));
        expect(which, context).not.toBe(-1);
        if (which === state) seen.old++;
        else seen.new++;
      } else {
        // Between the two renames: the complete old output must be waiting beside out/.
        const old = readdirSync(dir).find((n) => n.startsWith('.out.yuno-codegen-old-'));
        expect(old, context).toBeDefined();
        expect(readTree(join(dir, old as string)), context).toEqual(refs[state]?.tree);
        seen.betweenRenames++;
      }
      recover(out);
      const tree = readTree(out);
      const which = refs.findIndex((r) => JSON.stringify(r.tree) === JSON.stringify(tree));
      expect(which, `${context}, after recovery`).not.toBe(-1);
      expect(readdirSync(dir).filter((n) => n.includes('.yuno-codegen-')), context).toEqual([]);
      state = which;
    }
    expect(seen.old + seen.new + seen.betweenRenames).toBe(KILLS);
    // A final run completes whatever the last kill interrupted.
    expect(cli([], dir).code).toBe(0);
    expect(readTree(out)).toEqual(refs[onPage]?.tree);
  });
});

describe('Ctrl-C and SIGTERM during generate', () => {
  // 12 objects in a worker thread (the config's `threads: 1`), 7 in this thread (`threads: 0`), where a signal
  // waits for the event loop: both paths must stop, write nothing, remove the staging directory and die of the
  // signal (the shell's exit status 130 for SIGINT, 143 for SIGTERM).
  const cases = [
    { pages: 12, threads: 1, signal: 'SIGINT', path: 'worker threads' },
    { pages: 7, threads: 0, signal: 'SIGINT', path: 'this thread' },
    { pages: 7, threads: 0, signal: 'SIGTERM', path: 'this thread' },
    { pages: 12, threads: 1, signal: 'SIGTERM', path: 'worker threads' },
  ] as const;
  it.each(cases)('$signal with $pages pages ($path): nothing written, no staging directory left, ends by the signal', async ({ pages, threads, signal }) => {
    const corpusDir = join(ROOT, '..', 'shared', 'yuno-pages');
    const names = readdirSync(corpusDir).filter((f) => f.endsWith('.md') && !f.includes('.legacy-')).sort().slice(0, pages);
    expect(names).toHaveLength(pages);
    const dir = tempDir('signal');
    mkdirSync(join(dir, 'pages'));
    for (const name of names) writeFileSync(join(dir, 'pages', name), readFileSync(join(corpusDir, name)));
    writeFileSync(join(dir, 'yuno-codegen.config.json'), JSON.stringify({ pages: names.map((n) => `pages/${n}`), writeSchemas: false, threads }));
    const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      const child = spawn(process.execPath, [CLI], { cwd: dir, stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
      const watcher = watch(dir, (_event, name) => {
        if (name && String(name).startsWith('.out.yuno-codegen-new-')) {
          watcher.close();
          setTimeout(() => child.kill(signal), 100);
        }
      });
      child.on('exit', (code, sig) => {
        watcher.close();
        resolve({ code, signal: sig });
      });
    });
    expect(ended).toEqual({ code: null, signal });
    expect(128 + (osConstants.signals[signal] as number)).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(readdirSync(dir).sort()).toEqual(['pages', 'yuno-codegen.config.json']);
  });
});
