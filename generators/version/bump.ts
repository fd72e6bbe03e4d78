/**
 * `generate --bump`: the semver step follows from the classified changes, the new version is written to
 * the config's `packageVersion` (the one place it lives; edited in place, formatting and comments kept)
 * and an entry goes on top of the changelog. `applyBump` returns how to undo both, for a generate that
 * then fails.
 */
import { readFileSync, rmSync } from 'node:fs';
import semver from 'semver';
import { applyEdits, modify } from 'jsonc-parser';
import { displayPath, type Plan } from '../config.js';
import { bumpOf, type Change } from '../diff/classify.js';
import { CodegenError } from '../types.js';
import { writeFileAtomic } from '../write.js';
import { addEntry, changelogEntry, entryDate, type Bump } from './changelog.js';

export interface BumpPlan {
  bump: Bump;
  from: string;
  to: string;
  configText: string;
  changelogText: string;
}

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** What `--bump` would write, or undefined when nothing changed. */
export function planBump(plan: Plan, changes: Change[], env: NodeJS.ProcessEnv = process.env): BumpPlan | undefined {
  if (!plan.config) {
    throw new CodegenError([{ file: displayPath(plan.cwd, plan.cwd), at: '', rule: 'bump', message: '--bump needs a yuno-codegen.config.json: the version lives in its "packageVersion"; create one' }]);
  }
  const bump = bumpOf(changes);
  if (bump === undefined) return undefined;
  const from = plan.packageVersion ?? '0.0.0';
  const to = semver.inc(from, bump);
  if (to === null) throw new CodegenError([{ file: displayPath(plan.config.path, plan.cwd), at: '/packageVersion', rule: 'bump', message: `${JSON.stringify(from)} is not a semver version; set one such as "1.0.0"` }]);
  const eol = plan.config.text.includes('\r\n') ? '\r\n' : '\n';
  const edits = modify(plan.config.text, ['packageVersion'], to, { formattingOptions: { insertSpaces: true, tabSize: 2, eol } });
  const entry = changelogEntry(to, bump, changes, entryDate(env));
  return { bump, from, to, configText: applyEdits(plan.config.text, edits), changelogText: addEntry(readOrUndefined(plan.changelogPath), entry) };
}

/** Write the config and the changelog; the function returned puts both back as they were. */
export function applyBump(plan: Plan, next: BumpPlan): () => void {
  const show = (abs: string): string => displayPath(abs, plan.cwd);
  const configPath = (plan.config as NonNullable<Plan['config']>).path;
  const oldConfig = (plan.config as NonNullable<Plan['config']>).text;
  const oldChangelog = readOrUndefined(plan.changelogPath);
  writeFileAtomic(plan.changelogPath, next.changelogText, show);
  writeFileAtomic(configPath, next.configText, show);
  return () => {
    writeFileAtomic(configPath, oldConfig, show);
    if (oldChangelog === undefined) rmSync(plan.changelogPath, { force: true });
    else writeFileAtomic(plan.changelogPath, oldChangelog, show);
  };
}
