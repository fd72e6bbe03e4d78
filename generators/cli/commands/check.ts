/** `yuno-codegen check`: exit 1 when the output or a page's canonical schema is out of date; writes nothing. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonSchema } from '../../types.js';
import { displayPath, loadPlan } from '../../config.js';
import { recoverOutput } from '../../write.js';
import { elapsed, plural, streamLibrary, type RunFlags, type RunOutcome } from '../run.js';
import { INPUT_OPTIONS } from '../args.js';
import type { Command } from '../command.js';
import { execute } from '../print.js';

export async function runCheck(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const start = performance.now();
  if (flags.upstream) {
    const { runUpstreamCheck } = await import('../../sources/commands.js');
    return { command: 'check', ...(await runUpstreamCheck(flags, cwd)) };
  }
  const plan = await loadPlan(flags, cwd);
  // A swap a killed run left half done (out/ missing, the complete output beside it) is finished first.
  recoverOutput(plan.outDir, (abs) => displayPath(abs, cwd));
  const { openComparison, compareSchemas } = await import('../../drift.js');
  const shownOut = displayPath(plan.outDir, cwd);
  // Compared as they are generated, so `check` holds no more of the output than `generate` does.
  const comparison = await openComparison(plan.outDir, shownOut);
  const { beside } = await streamLibrary(plan, (file) => comparison.add(file), { readOnly: true });
  // Paths shown from the working directory, in the lines and in the JSON alike.
  const files = comparison.finish().map((f) => ({ ...f, path: displayPath(join(plan.outDir, f.path), cwd) }));
  const drifted = await compareSchemas(
    beside.map((b) => ({ page: b.page, schema: displayPath(b.path, cwd), abs: b.path, contents: b.contents })),
  );
  // What each changed page means for the types and the validators (the committed schema against the new one).
  const { classify } = await import('../../diff/classify.js');
  const { changeTable, changeSummary } = await import('../../diff/table.js');
  const schemas = drifted.map((d) => {
    const b = beside.find((x) => displayPath(x.path, cwd) === d.schema);
    if (d.missing || d.formattingOnly || !b) return d;
    const before = JSON.parse(readFileSync(b.path, 'utf8')) as JsonSchema;
    const after = JSON.parse(b.contents) as JsonSchema;
    return { ...d, changes: classify({ name: String(before.title ?? ''), schema: before }, { name: String(after.title ?? ''), schema: after }) };
  });
  // The pinned copies of URL sources are what the lock says they are (a copy edited by hand is not the docs).
  const { pinnedDrift } = await import('../../sources/commands.js');
  const pinned = pinnedDrift(plan);
  const ok = files.length === 0 && schemas.length === 0 && pinned.length === 0;
  const lines: string[] = [];
  const formatter = (what: string): string => `differs only in formatting: a formatter rewrote it; add ${what} to .prettierignore`;
  for (const f of files) {
    if (f.formattingOnly) {
      // The diff of a reformatted file is all noise; --json still has it.
      lines.push(`${f.kind}: ${f.path} ${formatter(`${shownOut}/`)}`);
      continue;
    }
    const what = f.kind === 'stale' ? 'differs from what generate writes' : f.kind === 'missing' ? 'is missing' : 'is no longer generated';
    lines.push(`${f.kind}: ${f.path} ${what}`);
    if (f.diff) lines.push(f.diff);
  }
  for (const s of schemas) {
    if (s.formattingOnly) {
      lines.push(`reformatted: ${s.schema} ${formatter('it')}`);
      continue;
    }
    lines.push(`page changed: ${s.page} no longer matches ${s.schema}${s.missing ? ' (the schema file is missing)' : ''}`);
    if ('changes' in s && s.changes.length > 0) lines.push(`${changeSummary(s.changes)}:`, changeTable(s.changes));
    if (s.diff) lines.push(s.diff);
  }
  const reformatted = files.filter((f) => f.formattingOnly).length;
  const reformattedSchemas = schemas.filter((f) => f.formattingOnly).length;
  const pagesChanged = schemas.length - reformattedSchemas;
  for (const p of pinned) lines.push(`pinned: ${p.path} ${p.problem}`);
  const counts = [
    files.length > 0
      ? `${plural(files.length, 'output file')} out of date${
          reformatted > 0 ? ` (${reformatted === files.length ? 'all' : reformatted} only in formatting: add ${shownOut}/ to .prettierignore)` : ''
        }`
      : '',
    pagesChanged > 0 ? plural(pagesChanged, 'page') + ' changed' : '',
    pinned.length > 0 ? `${pinned.length} pinned ${pinned.length === 1 ? 'copy' : 'copies'} not as locked (run yuno-codegen pull)` : '',
    reformattedSchemas > 0 ? `${plural(reformattedSchemas, 'canonical schema')} reformatted (add ${reformattedSchemas === 1 ? 'it' : 'them'} to .prettierignore)` : '',
  ].filter(Boolean);
  const summary = ok
    ? `${shownOut}/ is up to date (checked ${plural(comparison.count, 'file')} in ${elapsed(start)} ms)`
    : `${lines.join('\n')}\ncheck failed: ${counts.join(', ')}; run yuno-codegen generate`;
  return {
    command: 'check',
    ok,
    exitCode: ok ? 0 : 1,
    summary,
    json: { command: 'check', ok, out: shownOut, files, schemas, ...(pinned.length > 0 ? { pinned } : {}), ms: elapsed(start) },
  };
}

export const check: Command = {
  usage: 'check',
  describe: "Exit 1 if the output or a page's canonical schema is out of date; writes nothing",
  options: {
    ...INPUT_OPTIONS,
    upstream: {
      type: 'boolean',
      describe: 'Instead: ask the servers whether a URL source changed since the last pull (one conditional request each; writes nothing); exit 1 if one did',
    },
  },
  examples: [
    ['$0 check', 'In CI: fail if out/ or a committed schema is stale'],
    ['$0 check --upstream', 'In a scheduled CI job: fail when the docs moved upstream'],
  ],
  run: (args, flags, cwd) => execute(() => runCheck({ ...flags, upstream: args['upstream'] === true }, cwd), flags, 'check'),
};
