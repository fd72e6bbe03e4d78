/**
 * The generated package in an app with real packages from the registry: tRPC takes a generated validator
 * as its input schema (Standard Schema v1) and reports our issues' paths, and esbuild's production bundle
 * of an app that imports only isCustomerSession carries none of the fixtures.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { customerSession, repoRoot, tempDir, writeFiles } from '../emit/code-helpers.js';

// Exact versions, so the test does not change when they publish.
const TRPC = '@trpc/server@11.25.2';
const ESBUILD = 'esbuild@0.28.2';

let app: string;

function sh(command: string, args: string[], cwd: string): { code: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 240_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

beforeAll(async () => {
  app = tempDir('ecosystem');
  const doc = customerSession();
  const { files } = await generate({ schemas: [{ path: doc.source, text: JSON.stringify(doc.schema) }], only: ['types', 'validators', 'fixtures'] });
  mkdirSync(join(app, 'yuno-types'));
  writeFiles(join(app, 'yuno-types'), files);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'ecosystem-app', private: true, type: 'module', dependencies: { 'yuno-types': 'file:./yuno-types' } }, null, 2));
  const install = sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', TRPC, ESBUILD], app);
  expect(install.code, install.out).toBe(0);
}, 300_000);

const TRPC_APP = `import { initTRPC } from '@trpc/server';
import { CustomerSessionSchema, CustomerSessionStrictSchema } from 'yuno-types';
import { arbitraryCustomerSession, invalidCustomerSession } from 'yuno-types/fixtures';

const t = initTRPC.create();
const router = t.router({
  strict: t.procedure.input(CustomerSessionStrictSchema).mutation(({ input }) => input),
  loose: t.procedure.input(CustomerSessionSchema).mutation(({ input }) => input),
});
const caller = t.createCallerFactory(router)({});
const out = { accepted: 0, unchanged: 0, rejected: [], looseWithExtraKey: false };
for (let seed = 0; seed < 200; seed++) {
  const value = arbitraryCustomerSession(seed);
  const got = await caller.strict(value);
  out.accepted++;
  if (JSON.stringify(got) === JSON.stringify(value)) out.unchanged++;
}
for (let seed = 0; seed < 200; seed++) {
  const bad = invalidCustomerSession(seed);
  try {
    await caller.strict(bad.value);
    out.rejected.push({ seed, accepted: true });
  } catch (error) {
    out.rejected.push({
      seed,
      code: error.code,
      pointer: bad.pointer,
      keyword: bad.keyword,
      issues: (error.cause?.issues ?? []).map((i) => ({ message: i.message, path: i.path })),
    });
  }
}
const extra = { ...arbitraryCustomerSession(1), note: 'not in the schema' };
out.looseWithExtraKey = JSON.stringify(await caller.loose(extra)) === JSON.stringify(extra);
console.log(JSON.stringify(out));
`;

describe('a library that accepts Standard Schema (tRPC, from the registry)', () => {
  it('accepts valid input and reports our issues, with their paths, on invalid input', () => {
    writeFileSync(join(app, 'trpc.mjs'), TRPC_APP);
    const run = sh(process.execPath, ['trpc.mjs'], app);
    expect(run.code, run.out).toBe(0);
    const out = JSON.parse(run.out) as {
      accepted: number;
      unchanged: number;
      looseWithExtraKey: boolean;
      rejected: { seed: number; code?: string; pointer: string; keyword: string; issues: { message: string; path: (string | number)[] }[] }[];
    };
    expect([out.accepted, out.unchanged, out.looseWithExtraKey]).toEqual([200, 200, true]);
    expect(out.rejected).toHaveLength(200);
    for (const r of out.rejected) {
      expect(r.code, JSON.stringify(r)).toBe('BAD_REQUEST');
      // Exactly one issue, where the invalid value says it broke its rule.
      expect(r.issues.map((i) => `/${i.path.join('/')}`.replace(/^\/$/, '')), JSON.stringify(r)).toEqual([r.pointer]);
    }
    expect(new Set(out.rejected.map((r) => r.keyword))).toEqual(new Set(['additionalProperties', 'enum', 'format', 'maxLength', 'minLength', 'required', 'type']));
    const country = out.rejected.find((r) => r.keyword === 'enum');
    expect(country?.issues[0]).toEqual({ message: expect.stringMatching(/^must be one of the allowed values \(got ".*"\)$/), path: ['country'] });
  });
});

describe('the package with its fixtures export', () => {
  const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

  it('publint reports nothing', () => {
    const run = sh(bin('publint'), ['run', join(app, 'yuno-types'), '--strict'], app);
    expect(run.code, run.out).toBe(0);
    expect(run.out).not.toMatch(/error|warning|suggestion/i);
  });

  it('attw --pack reports no problems (./fixtures resolves for import and require, node16 and bundler)', () => {
    const run = sh(bin('attw'), ['--pack', join(app, 'yuno-types'), '--format', 'json'], app);
    const report = JSON.parse(run.out) as { analysis?: { problems?: unknown[]; entrypoints?: Record<string, unknown> } };
    expect(report.analysis?.problems).toEqual([]);
    expect(Object.keys(report.analysis?.entrypoints ?? {})).toContain('./fixtures');
  });
});

describe('a production bundle (esbuild, from the registry)', () => {
  const bundle = (entry: string, source: string): string => {
    writeFileSync(join(app, entry), source);
    const out = `dist/${entry.replace(/\.mjs$/, '.js')}`;
    const run = sh(join(app, 'node_modules', '.bin', 'esbuild'), [entry, '--bundle', '--minify', '--format=esm', '--platform=node', `--outfile=${out}`], app);
    expect(run.code, run.out).toBe(0);
    return readFileSync(join(app, out), 'utf8');
  };

  it('of an app that imports only isCustomerSession carries no fixtures', () => {
    const code = bundle('prod.mjs', "import { isCustomerSession } from 'yuno-types';\nconsole.log(isCustomerSession(JSON.parse(process.argv[2])));\n");
    // Strings of the fixtures (minifying renames functions, not strings): the run-time's message, an example, its source.
    for (const marker of ['the seed must be a whole number', 'fe50d39a-5a1c-11ed-9b6a-0242ac120002', "(the page's example)"]) {
      expect(code.includes(marker), marker).toBe(false);
    }
    const run = sh(process.execPath, ['dist/prod.js', JSON.stringify({ country: 'CO' })], app);
    expect(run.out.trim()).toBe('false');
  });

  it('of a test that imports the fixtures carries them (the check above can fail)', () => {
    const code = bundle('test.mjs', "import { arbitraryCustomerSession, exampleCustomerSession } from 'yuno-types/fixtures';\nconsole.log(JSON.stringify([arbitraryCustomerSession(1), exampleCustomerSession()]));\n");
    for (const marker of ['the seed must be a whole number', 'fe50d39a-5a1c-11ed-9b6a-0242ac120002', "(the page's example)"]) expect(code.includes(marker), marker).toBe(true);
    const run = sh(process.execPath, ['dist/test.js'], app);
    expect(run.code, run.out).toBe(0);
    expect(JSON.parse(run.out)[1].customer_session).toBe('fe50d39a-5a1c-11ed-9b6a-0242ac120002');
  });
});
