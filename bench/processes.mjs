/**
 * Whole-process timings, as a build script sees them: our CLI against json2ts and quicktype on the same
 * canonical schema, and the no-op `generate` against a bare `node -e 0`. The commands run round-robin
 * (one of each per round) so load on a shared machine spreads over all of them alike.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { repo, summary, timeProcess } from './lib.mjs';

const node = process.execPath;
const cli = join(repo, 'dist', 'generators', 'cli.js');
const schemaFile = join(repo, 'schema', 'customer-session.schema.json');

export function commands(scratch) {
  const out = join(scratch, 'out');
  const other = join(scratch, 'peers');
  mkdirSync(other, { recursive: true });
  return [
    { name: 'yuno-codegen generate --force (types + validators + docs)', args: [cli, 'generate', '--force', '--out', out] },
    { name: 'json2ts (types only)', args: [join(repo, 'node_modules', 'json-schema-to-typescript', 'dist', 'src', 'cli.js'), '-i', schemaFile, '-o', join(other, 'json2ts.d.ts')] },
    { name: 'quicktype (JSON Schema → TypeScript)', args: [join(repo, 'bench', 'node_modules', 'quicktype', 'dist', 'index.js'), '-s', 'schema', '-l', 'ts', '-o', join(other, 'quicktype.ts'), schemaFile] },
    { name: 'yuno-codegen generate (no-op, output current)', args: [cli, 'generate', '--out', out], noop: true },
    { name: 'node -e 0', args: ['-e', '0'] },
    // Floors: a process that only loads libraries and does no work at all.
    { name: 'floor: node loading every library generate --force loads, no work', args: [join(repo, 'bench', 'import-child.mjs')] },
    { name: 'floor: node loading json2ts, AJV and the Handlebars runtime only, no work', args: [join(repo, 'bench', 'import-child.mjs'), '--required'] },
    // The CLI raises V8's interrupt budget for its short runs (generators/cli/tiering.ts) unless node's own flags
    // choose tiering: this row gives V8's default back, to show what that choice does to a one-page run.
    { name: "yuno-codegen generate --force, V8's default tiering (node --interrupt-budget=67584)", args: ['--interrupt-budget=67584', cli, 'generate', '--force', '--out', join(scratch, 'out-default-tiering')] },
  ];
}

/**
 * Returns { [name]: summary of ms } plus `notNoop`: how many no-op runs regenerated anyway (which
 * happens when dist/ is rebuilt during the run; those runs are left out of the figure).
 */
export function timeProcesses(scratch, { rounds = 10, only } = {}) {
  const list = commands(scratch).filter((c) => !only || only.includes(c.name));
  for (const c of list) {
    const file = c.args.find((a) => !a.startsWith('-'));
    if (c.args[0] !== '-e' && !existsSync(file)) throw new Error(`cannot time ${c.name}: ${file} is missing (run npm run build, npm ci and npm --prefix bench ci)`);
  }
  // One untimed run of each: fills the OS file cache and leaves out/ current for the no-op.
  for (const c of list) timeProcess(node, c.args);
  const times = Object.fromEntries(list.map((c) => [c.name, []]));
  let notNoop = 0;
  for (let round = 0; round < rounds; round++) {
    for (const c of list) {
      const run = timeProcess(node, c.args);
      if (c.noop && !/is up to date\s*$/.test(run.stdout.trim())) {
        notNoop++;
        continue;
      }
      times[c.name].push(run.ms);
    }
  }
  const result = {};
  for (const [name, values] of Object.entries(times)) result[name] = values.length ? summary(values) : undefined;
  return { times: result, notNoop, outDir: join(scratch, 'out') };
}
