/**
 * What the repository tracks: no installed packages and no symbolic links (a worktree's `node_modules`
 * link once got committed, pointing at a folder of the machine it was made on).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../emit/code-helpers.js';

const listed = spawnSync('git', ['ls-files', '-s'], { cwd: repoRoot, encoding: 'utf8' });
const inGit = listed.status === 0;

describe.runIf(inGit)('tracked files', () => {
  const entries = listed.stdout.split('\n').filter(Boolean).map((line) => {
    const [meta, path] = line.split('\t') as [string, string];
    return { mode: meta.split(' ')[0], path };
  });

  it('are many (the listing worked)', () => {
    expect(entries.length).toBeGreaterThan(100);
  });

  it('include no symbolic link and nothing under a node_modules folder', () => {
    expect(entries.filter((e) => e.mode === '120000').map((e) => e.path)).toEqual([]);
    expect(entries.filter((e) => e.path.split('/').includes('node_modules')).map((e) => e.path)).toEqual([]);
  });
});
