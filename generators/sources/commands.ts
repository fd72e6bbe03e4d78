/**
 * The commands that follow the docs upstream: `pull` (fetch the URL sources, pin them, print the
 * classified changes), `check --upstream` (ask the servers, write nothing, exit 1 when a source moved) and
 * `diff` (the committed canonical schemas against the pages as they are now). The CLI parses flags and
 * prints; these return one outcome each.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { displayPath, loadPlan, type InputFlags, type Plan } from '../config.js';
import { committedChanges, type ObjectChanges } from '../diff/committed.js';
import { bumpOf } from '../diff/classify.js';
import { changeSummary, changeTable } from '../diff/table.js';
import { CodegenError, formatProblem, type Problem } from '../types.js';
import type { FetchOptions } from './fetch.js';
import { LOCK_NAME, emptyLock, parseLock, type Lock } from './lock.js';
import { commitPull, fetchAll, type PullResult } from './pull.js';

export interface CommandOutcome {
  ok: boolean;
  exitCode: 0 | 1;
  summary: string;
  json: Record<string, unknown>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The plan of a command that needs URL sources: a config with at least one, and no input problems. */
async function sourcesPlan(flags: InputFlags, cwd: string, command: string): Promise<Plan> {
  const plan = await loadPlan(flags, cwd);
  if (plan.problems.length > 0) throw new CodegenError(plan.problems);
  if (plan.sources.length === 0) {
    const file = plan.config ? displayPath(plan.config.path, cwd) : 'yuno-codegen.config.json';
    throw new CodegenError([
      { file, at: '/pages', rule: command, message: `${command} has nothing to fetch: no entry of "pages" or "openapi" is a URL; add one such as "https://docs.y.uno/reference/the-payment-object"` },
    ]);
  }
  return plan;
}

export function readLock(plan: Plan): Lock {
  let text: string;
  try {
    text = readFileSync(plan.lockPath, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyLock();
    throw error;
  }
  const lock = parseLock(text, displayPath(plan.lockPath, plan.cwd));
  if ('rule' in lock) throw new CodegenError([lock]);
  return lock;
}

/** Each pinned copy that is missing, unlocked, or not the bytes the lock records (offline: for `check`). */
export function pinnedDrift(plan: Plan): { url: string; path: string; problem: string }[] {
  if (plan.sources.length === 0) return [];
  const lock = readLock(plan);
  const out: { url: string; path: string; problem: string }[] = [];
  for (const spec of plan.sources) {
    const abs = join(plan.base, spec.pinned);
    const path = displayPath(abs, plan.cwd);
    const entry = lock.sources.find((e) => e.url === spec.url && e.path === spec.pinned);
    let bytes: Buffer | undefined;
    try {
      bytes = readFileSync(abs);
    } catch {
      bytes = undefined;
    }
    const problem =
      entry === undefined
        ? `is not in ${LOCK_NAME} (${spec.url} was never pulled)`
        : bytes === undefined
          ? 'is missing'
          : createHash('sha256').update(bytes).digest('hex') !== entry.sha256
            ? `differs from what ${LOCK_NAME} records for ${spec.url} (edited by hand?)`
            : undefined;
    if (problem !== undefined) out.push({ url: spec.url, path, problem });
  }
  return out;
}

function sourceLines(plan: Plan, result: PullResult): string[] {
  const show = (rel: string): string => displayPath(join(plan.base, rel), plan.cwd);
  const width = Math.max(...result.sources.map((s) => s.status.length));
  return result.sources.map((s) => `${s.status.padEnd(width)}  ${s.spec.url}${s.status === 'unchanged' ? '' : ` → ${show(s.spec.pinned)}`}`);
}

function sourcesJson(plan: Plan, result: PullResult): object[] {
  return result.sources.map((s) => ({ url: s.spec.url, kind: s.spec.kind, path: displayPath(join(plan.base, s.spec.pinned), plan.cwd), status: s.status, requests: s.requests }));
}

function changesJson(objects: ObjectChanges[]): object[] {
  return objects.map((o) => ({ object: o.object, page: o.page, ...(o.schema !== undefined ? { schema: o.schema } : {}), isNew: o.isNew, changes: o.changes }));
}

/** `pull`: fetch, then write every pinned copy that changed and the lock, or on any fault nothing. */
export async function runPull(flags: InputFlags, cwd: string, options: FetchOptions = {}): Promise<CommandOutcome> {
  const plan = await sourcesPlan(flags, cwd, 'pull');
  const result = await fetchAll(plan.sources, readLock(plan), plan.base, options);
  const written = commitPull(result, plan.base, plan.lockPath).map((p) => displayPath(p, cwd));
  const lines = sourceLines(plan, result);
  const changedPages = result.sources.filter((s) => s.status !== 'unchanged');
  let objects: ObjectChanges[] = [];
  let extractProblems: Problem[] = [];
  if (changedPages.length > 0) {
    // What the new copies change, object by object, against the committed canonical schemas.
    try {
      objects = (await committedChanges(plan)).filter((o) => o.changes.length > 0);
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      extractProblems = error.problems;
    }
    for (const o of objects) lines.push('', `${o.page}: ${changeSummary(o.changes)}${o.isNew ? ' (no committed schema yet)' : ''}`, changeTable(o.changes));
  }
  const bump = bumpOf(objects.flatMap((o) => o.changes));
  const json = { command: 'pull', ok: extractProblems.length === 0, sources: sourcesJson(plan, result), requests: result.requests, written, objects: changesJson(objects), bump: bump ?? null, ...(extractProblems.length > 0 ? { problems: extractProblems } : {}) };
  if (extractProblems.length > 0) {
    lines.push(...extractProblems.map((p) => `error: ${formatProblem(p)}`));
    lines.push(`pulled ${plural(changedPages.length, 'changed source')}, but the pages cannot be extracted as they are now (above); fix the overrides or report the page`);
    return { ok: false, exitCode: 1, summary: lines.join('\n'), json };
  }
  const counts = `${result.sources.length - changedPages.length} unchanged, ${changedPages.length} changed`;
  const tail =
    changedPages.length === 0 && written.length === 0
      ? `nothing changed upstream (${plural(result.requests, 'request')} for ${plural(result.sources.length, 'source')}, nothing written)`
      : `pulled ${plural(result.sources.length, 'source')} (${counts}; ${plural(result.requests, 'request')}), wrote ${plural(written.length, 'file')}${bump ? `; the changes call for a ${bump} version: review them, then yuno-codegen generate --bump` : ''}`;
  lines.push(tail);
  return { ok: true, exitCode: 0, summary: lines.join('\n'), json };
}

/** `check --upstream`: the same conditional requests as pull, nothing written; exit 1 when a source moved. */
export async function runUpstreamCheck(flags: InputFlags, cwd: string, options: FetchOptions = {}): Promise<CommandOutcome> {
  const plan = await sourcesPlan(flags, cwd, 'check --upstream');
  const result = await fetchAll(plan.sources, readLock(plan), plan.base, options);
  const moved = result.sources.filter((s) => s.status !== 'unchanged');
  const json = { command: 'check', upstream: true, ok: moved.length === 0, sources: sourcesJson(plan, result), requests: result.requests };
  if (moved.length === 0) {
    return { ok: true, exitCode: 0, summary: `upstream is unchanged: ${plural(result.sources.length, 'source')} match their pinned copies (${plural(result.requests, 'request')})`, json };
  }
  const lines = moved.map((s) => `upstream ${s.status === 'new' ? 'not pulled yet' : 'changed'}: ${s.spec.url}`);
  lines.push(`check --upstream failed: ${plural(moved.length, 'source')} moved upstream; run yuno-codegen pull and review the classified changes`);
  return { ok: false, exitCode: 1, summary: lines.join('\n'), json };
}

/** `diff`: the committed canonical schemas against the pages as extracted now, classified. */
export async function runDiff(flags: InputFlags, cwd: string): Promise<CommandOutcome> {
  const plan = await loadPlan(flags, cwd);
  const objects = await committedChanges(plan);
  const changed = objects.filter((o) => o.changes.length > 0);
  const bump = bumpOf(changed.flatMap((o) => o.changes));
  const lines = changed.map((o) => `${o.page}: ${changeSummary(o.changes)}${o.isNew ? ' (no committed schema yet)' : ''}\n${changeTable(o.changes)}`);
  lines.push(
    changed.length === 0
      ? `no changes: ${plural(objects.length, 'page')} match their committed schemas`
      : `${plural(changed.length, 'object')} changed; the changes call for a ${bump} version (yuno-codegen generate --bump)`,
  );
  return { ok: true, exitCode: 0, summary: lines.join('\n\n'), json: { command: 'diff', ok: true, objects: changesJson(changed), bump: bump ?? null } };
}
