/**
 * Two `generate` runs with different inputs into one out/ at the same time: one writer at a time (the lock
 * beside out/), so every round ends with out/ exactly one run's output, its manifest listing exactly the
 * files generated, and `check` agreeing. Half the rounds start without out/ (a first run).
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cli, readTree, seedProject } from '../cli/helpers.js';

const PAGE = 'schema/the-customer-session-object.md';
const SENTENCE = 'The customer session that has been created for the enrollment (MAX 64; MIN 36).';
const ROUNDS = 20;

function run(dir: string, page: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--page', page, '--out', 'out', '--force'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('concurrent generate runs into one out/', () => {
  it(`leave out/ as one run's complete output with its manifest, ${ROUNDS} rounds`, { timeout: 900_000 }, async () => {
    const dir = seedProject('concurrent');
    const original = readFileSync(join(dir, PAGE), 'utf8');
    writeFileSync(join(dir, 'schema', 'a.md'), original);
    writeFileSync(join(dir, 'schema', 'b.md'), original.replace(SENTENCE, SENTENCE.replace('MAX 64', 'MAX 80')));
    const pages = ['schema/a.md', 'schema/b.md'];
    const refs = pages.map((page) => {
      rmSync(join(dir, 'out'), { recursive: true, force: true });
      const r = cli(['--page', page, '--out', 'out'], dir);
      expect(r.code, r.stderr).toBe(0);
      return readTree(join(dir, 'out'));
    });
    expect(refs[0]).not.toEqual(refs[1]);

    const won = [0, 0];
    for (let round = 0; round < ROUNDS; round++) {
      if (round % 2 === 0) rmSync(join(dir, 'out'), { recursive: true, force: true });
      const results = await Promise.all(pages.map((page) => run(dir, page)));
      const context = `round ${round}: ${results.map((r) => r.stderr).join(' | ')}`;
      expect(results.map((r) => r.code), context).toEqual([0, 0]);
      const tree = readTree(join(dir, 'out'));
      const which = refs.findIndex((ref) => JSON.stringify(ref) === JSON.stringify(tree));
      expect(which, context).not.toBe(-1);
      won[which]++;
      // The manifest lists exactly the files in out/.
      const manifest = JSON.parse(tree['.yuno-codegen.json'] as string) as { files: Record<string, string> };
      expect(Object.keys(manifest.files).sort(), context).toEqual(Object.keys(tree).filter((p) => p !== '.yuno-codegen.json').sort());
      const check = cli(['check', '--page', pages[which] as string, '--out', 'out'], dir);
      expect(check.code, `${context}\n${check.stdout}${check.stderr}`).toBe(0);
      expect(cli(['check', '--page', pages[1 - which] as string, '--out', 'out'], dir).code, context).toBe(1);
      expect(readdirSync(dir).sort(), context).toEqual(['out', 'schema']);
    }
    expect(won[0] + won[1]).toBe(ROUNDS);
  });
});
