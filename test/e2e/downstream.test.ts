/**
 * The install path a user takes: `npm pack` this tool, install the tarball into a fresh TypeScript app
 * whose `prebuild` runs `yuno-codegen generate` (config with target ts), build it with strict tsc, and
 * validate a Customer Session at run time with the generated code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, SEED, SEED_OVERRIDES, tempDir, writeJson } from '../cli/helpers.js';
import { preparePinnedInstall } from './pinned-install.js';

const TSC = join(ROOT, 'node_modules', 'typescript', 'lib', 'tsc.js');

function sh(command: string, args: string[], cwd: string): { code: number | null; out: string } {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_update_notifier: 'false' }, timeout: 240_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

const MAIN_TS = `import { assertCustomerSession, isCustomerSession, type CustomerSession } from './generated/index.js';

const good: CustomerSession = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};
const fromApi: unknown = JSON.parse(JSON.stringify({ ...good, country: 'XX' }));
let message = '';
try {
  assertCustomerSession(fromApi);
} catch (error) {
  message = (error as Error).message;
}
console.log(JSON.stringify({ good: isCustomerSession(good), bad: isCustomerSession(fromApi), message }));
`;

describe('downstream app', () => {
  it('installs the packed tool, generates in prebuild, builds with strict tsc and validates at run time', () => {
    const root = tempDir('downstream');
    // --ignore-scripts: dist/ is already built by `npm test`; `prepare` would rebuild it mid-suite.
    const pack = sh('npm', ['pack', '--ignore-scripts', '--pack-destination', root, '--json'], ROOT);
    expect(pack.code, pack.out).toBe(0);
    const tarball = readdirSync(root).find((n) => n.endsWith('.tgz'));
    expect(tarball).toBeDefined();

    const app = join(root, 'app');
    mkdirSync(join(app, 'src'), { recursive: true });
    mkdirSync(join(app, 'docs'));
    cpSync(SEED, join(app, 'docs', 'the-customer-session-object.md'));
    cpSync(SEED_OVERRIDES, join(app, 'docs', 'the-customer-session-object.overrides.json'));
    writeJson(join(app, 'package.json'), {
      name: 'downstream-app',
      private: true,
      type: 'module',
      scripts: { prebuild: 'yuno-codegen generate', build: `node ${JSON.stringify(TSC)} -p tsconfig.json`, check: 'yuno-codegen check' },
    });
    writeJson(join(app, 'yuno-codegen.config.json'), {
      $schema: './node_modules/yuno-codegen/schema/yuno-codegen.config.schema.json',
      pages: ['docs/the-customer-session-object.md'],
      out: 'src/generated',
      target: 'ts',
    });
    writeJson(join(app, 'tsconfig.json'), {
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        outDir: 'dist',
        rootDir: 'src',
        skipLibCheck: false,
        types: [],
      },
      include: ['src'],
    });
    writeFileSync(join(app, 'src', 'main.ts'), MAIN_TS);

    // The tool's dependencies at the versions of this repository's lock, from the npm cache or the registry.
    const install = sh('npm', preparePinnedInstall(ROOT, app, join(root, tarball as string)), app);
    expect(install.code, install.out).toBe(0);
    const locked = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version: string }> };
    const direct = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies);
    const versionIn = (dir: string, name: string): string | undefined =>
      (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version?: string }).version;
    expect(Object.fromEntries(direct.map((name) => [name, versionIn(app, name)]))).toEqual(
      Object.fromEntries(direct.map((name) => [name, locked.packages[`node_modules/${name}`]?.version])),
    );

    const build = sh('npm', ['run', 'build'], app);
    expect(build.code, build.out).toBe(0);
    expect(build.out).toMatch(/generated 6 files \(6 written, 0 unchanged\) and 1 schema beside its page in \d+ ms/);
    // target ts: TypeScript sources only, nothing that tsc would leave behind.
    const generated = readdirSync(join(app, 'src', 'generated'));
    expect(generated.filter((n) => n.endsWith('.js'))).toEqual([]);
    expect(generated).toContain('index.ts');

    const run = sh(process.execPath, [join(app, 'dist', 'main.js')], app);
    expect(run.code, run.out).toBe(0);
    const result = JSON.parse(run.out) as { good: boolean; bad: boolean; message: string };
    expect(result.good).toBe(true);
    expect(result.bad).toBe(false);
    expect(result.message).toContain('country');

    // The next build's prebuild is a no-op; check agrees the output is current.
    const again = sh('npm', ['run', 'build'], app);
    expect(again.code, again.out).toBe(0);
    expect(again.out).toContain('src/generated/ is up to date');
    const check = sh('npm', ['run', 'check'], app);
    expect(check.code, check.out).toBe(0);
  });
});
