/**
 * Following the docs end to end, with real processes and servers on 127.0.0.1 only: a docs server serves
 * page v1 → `pull` → `generate` → the package is published to a local registry (verdaccio, started here)
 * as 1.0.0 → a consumer app installs 1.0.0 and compiles under strict tsc → the server serves v2 (a MAX
 * lowered, a field removed, an enum value added) → `check --upstream` exits 1 → `pull` prints the
 * classified changes → `generate --bump` → 2.0.0 with its changelog entry is published → the consumer
 * upgrades and strict tsc fails on the removed field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDocsServer, type DocsServer } from '../sources/docs-server.js';

const repoRoot = join(__dirname, '..', '..');
const cli = join(repoRoot, 'dist', 'generators', 'cli.js');
const tsc = join(repoRoot, 'node_modules', 'typescript', 'lib', 'tsc.js');
const PAGE = '/reference/the-customer-object.md';
const v1 = readFileSync(join(repoRoot, '..', 'shared', 'yuno-pages', 'the-customer-object.md'), 'utf8');
const LAST_NAME = `  <div class="yuno">
    <p><strong><code>last_name</code></strong> <small>string</small>
      <br />The customer's last name (MAX 255; MIN 1).
      <br /><small> Example: Doe </small>
    </p>
  </div>

`;
/** v2: e-mail MAX 255 → 100, last_name removed, gender gains "X". */
const v2 = v1
  .replace("The customer's e-mail (MAX 255; MIN 3).", "The customer's e-mail (MAX 100; MIN 3).")
  .replace(LAST_NAME, '')
  .replace('<code>M</code>, <code>F</code> or <code>NB</code>', '<code>M</code>, <code>F</code>, <code>NB</code> or <code>X</code>');

// Child processes must reach 127.0.0.1 directly, whatever proxy this machine has.
const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(https?_proxy|no_proxy|npm_config_.*proxy)$/i.test(k)));
Object.assign(env, { npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', SOURCE_DATE_EPOCH: '' });
delete env['SOURCE_DATE_EPOCH'];

interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Run a process without blocking this one (the docs server answers from this process's event loop). */
function run(cmd: string, args: string[], cwd: string): Promise<Ran> {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', fail);
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ status, stdout, stderr });
    });
  });
}
const codegen = (args: string[], cwd: string): Promise<Ran> => run(process.execPath, [cli, ...args], cwd);

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.on('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

let docs: DocsServer;
let registry: ChildProcess | undefined;
let registryUrl: string;
let root: string;
let project: string;
let app: string;
let npmrc: string;

async function startVerdaccio(): Promise<void> {
  const port = await freePort();
  const home = join(root, 'verdaccio');
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, 'config.yaml'),
    [
      `storage: ${JSON.stringify(join(home, 'storage'))}`,
      'auth:',
      '  htpasswd:',
      `    file: ${JSON.stringify(join(home, 'htpasswd'))}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  registryUrl = `http://127.0.0.1:${port}/`;
  registry = spawn(process.execPath, [join(repoRoot, 'node_modules', 'verdaccio', 'bin', 'verdaccio'), '--config', join(home, 'config.yaml'), '--listen', `127.0.0.1:${port}`], { env, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${registryUrl}-/ping`);
      if (res.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  // A user for publishing (verdaccio's htpasswd plugin creates it), its token in the app's npmrc.
  const res = await fetch(`${registryUrl}-/user/org.couchdb.user:e2e`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'e2e', password: 'e2e-password-1', type: 'user', roles: [] }),
  });
  const { token } = (await res.json()) as { token: string };
  expect(typeof token).toBe('string');
  npmrc = join(root, 'npmrc');
  writeFileSync(npmrc, `registry=${registryUrl}\n//127.0.0.1:${port}/:_authToken=${token}\n`);
}

const npm = (args: string[], cwd: string): Promise<Ran> => run('npm', [...args, '--userconfig', npmrc, '--cache', join(root, 'npm-cache')], cwd);

describe('docs v1 → 1.0.0 → docs v2 → 2.0.0 breaks a consumer', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'yuno-release-'));
    docs = await startDocsServer({ [PAGE]: { body: v1 } });
    await startVerdaccio();
    project = join(root, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'yuno-codegen.config.json'),
      `${JSON.stringify({ pages: [`${docs.origin}/reference/the-customer-object`], packageName: 'yuno-types-release', packageVersion: '1.0.0', only: ['types', 'validators'] }, null, 2)}\n`,
    );
    app = join(root, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }));
    writeFileSync(
      join(app, 'use.ts'),
      `import { isCustomer, type Customer } from 'yuno-types-release';
export function fullName(c: Customer): string { return [c.first_name, c.last_name].join(' '); }
export const ok: boolean = isCustomer({ email: 'a@b.co' });
`,
    );
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', types: [] }, include: ['use.ts'] }));
  }, 120_000);
  afterAll(async () => {
    registry?.kill('SIGTERM');
    await docs?.close();
  });

  it('runs the whole release cycle', { timeout: 600_000 }, async () => {
    // v1: pull, generate, publish 1.0.0.
    const pull1 = await codegen(['pull'], project);
    expect(pull1.stderr).toBe('');
    expect(pull1.status).toBe(0);
    expect(pull1.stdout).toContain(`new  ${docs.origin}/reference/the-customer-object → yuno-sources/`);
    const gen1 = await codegen(['generate'], project);
    expect([gen1.status, gen1.stderr]).toEqual([0, '']);
    expect(JSON.parse(readFileSync(join(project, 'out', 'package.json'), 'utf8')).version).toBe('1.0.0');
    const pub1 = await npm(['publish', '--registry', registryUrl], join(project, 'out'));
    expect(pub1.status, pub1.stderr).toBe(0);

    // The consumer on 1.0.0 compiles under strict tsc.
    const install1 = await npm(['install', 'yuno-types-release@1.0.0', '--registry', registryUrl], app);
    expect(install1.status, install1.stderr).toBe(0);
    const tsc1 = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(`${tsc1.stdout}${tsc1.stderr}`).toBe('');
    expect(tsc1.status).toBe(0);

    // Nothing changed upstream: check --upstream passes with one conditional request.
    docs.log.length = 0;
    const same = await codegen(['check', '--upstream'], project);
    expect([same.status, same.stdout.trim()]).toEqual([0, 'upstream is unchanged: 1 source match their pinned copies (1 request)']);
    expect(docs.log.map((r) => [r.path, typeof r.ifNoneMatch])).toEqual([[PAGE, 'string']]);

    // v2 upstream.
    expect(v2).not.toContain('last_name');
    docs.routes.set(PAGE, { body: v2 });
    const moved = await codegen(['check', '--upstream'], project);
    expect(moved.status).toBe(1);
    expect(moved.stdout).toBe(`upstream changed: ${docs.origin}/reference/the-customer-object\n`);
    expect(moved.stderr).toContain('check --upstream failed: 1 source moved upstream; run yuno-codegen pull and review the classified changes');

    const pull2 = await codegen(['pull'], project);
    expect([pull2.status, pull2.stderr]).toEqual([0, '']);
    const table = pull2.stdout.split('\n').filter((l) => /^\s+\S/.test(l)).map((l) => l.trim().split(/\s{2,}/));
    expect(table).toEqual([
      ['field', 'rule', 'change', 'types', 'validators'],
      ['email', 'description-changed', 'description: "…tomer\'s e-mail (MAX 255; MIN 3)." → "…tomer\'s e-mail (MAX 100; MIN 3)."', 'docs', 'docs'],
      ['email', 'max-lowered', 'maxLength 255 → 100', 'none', 'breaking'],
      ['gender', 'description-changed', 'description: "…num values: `M`, `F` or `NB`" → "…num values: `M`, `F`, `NB` or `X`"', 'docs', 'docs'],
      ['gender', 'enum-value-added', '"X" added', 'breaking', 'additive'],
      ['last_name', 'field-removed', 'last_name removed', 'breaking', 'breaking'],
    ]);
    expect(pull2.stdout).toContain('the changes call for a major version: review them, then yuno-codegen generate --bump');

    // generate --bump: 2.0.0, in the config (the one place) and the package, with the changelog entry.
    const gen2 = await codegen(['generate', '--bump'], project);
    expect([gen2.status, gen2.stderr]).toEqual([0, '']);
    expect(gen2.stdout).toMatch(/^major version: 1\.0\.0 → 2\.0\.0 \(5 classified changes in yuno-codegen\.changelog\.md\); generated /);
    expect(JSON.parse(readFileSync(join(project, 'yuno-codegen.config.json'), 'utf8')).packageVersion).toBe('2.0.0');
    expect(JSON.parse(readFileSync(join(project, 'out', 'package.json'), 'utf8')).version).toBe('2.0.0');
    const changelog = readFileSync(join(project, 'out', 'CHANGELOG.md'), 'utf8');
    expect(changelog).toBe(readFileSync(join(project, 'yuno-codegen.changelog.md'), 'utf8'));
    expect(changelog.split('\n').slice(0, 11)).toEqual([
      '# Changelog',
      '',
      '## 2.0.0',
      '',
      'Breaking: code that reads the types, or data the validators accepted, may need changes.',
      '',
      '### Customer',
      '',
      '- Breaking (validators): `email`: maxLength 255 → 100 (max-lowered)',
      '- Breaking (types): `gender`: "X" added (enum-value-added)',
      '- Breaking (types, validators): `last_name`: last\\_name removed (field-removed)',
    ]);
    // A second --bump has nothing left to classify: the version stays.
    const again = await codegen(['generate', '--bump'], project);
    expect(again.stdout).toMatch(/^no changes against the committed schemas: the version stays 2\.0\.0; /);
    const pub2 = await npm(['publish', '--registry', registryUrl], join(project, 'out'));
    expect(pub2.status, pub2.stderr).toBe(0);

    // The consumer upgrades: strict tsc fails on the removed field; the tighter validator rejects what 1.0.0 accepted.
    const install2 = await npm(['install', 'yuno-types-release@2.0.0', '--registry', registryUrl], app);
    expect(install2.status, install2.stderr).toBe(0);
    expect(readFileSync(join(app, 'node_modules', 'yuno-types-release', 'CHANGELOG.md'), 'utf8')).toBe(changelog);
    const tsc2 = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], app);
    expect(tsc2.status).not.toBe(0);
    expect(tsc2.stdout.trim()).toBe("use.ts(2,73): error TS2339: Property 'last_name' does not exist on type 'Customer'.");
    const check = await run(process.execPath, ['--input-type=module', '-e', `import { isCustomer } from 'yuno-types-release'; console.log(isCustomer({ email: 'a'.repeat(150) + '@b.co' }))`], app);
    expect(check.stdout.trim()).toBe('false');
  });
});
