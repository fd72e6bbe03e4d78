/**
 * The package target is publishable as is: `npm pack` it, install the tarball into a fresh app (offline,
 * with an empty npm cache: the generated package has no dependencies, so it needs neither registry nor cache),
 * and use it by ESM import, CJS require and TypeScript under node16, nodenext and bundler resolution;
 * publint and attw report no problems.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { customerSession, emit, fixture, repoRoot, tempDir, writeFiles } from '../emit/code-helpers.js';

function run(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } });
}
const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

const valid = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};

describe('npm pack → install → use', () => {
  let pkgDir: string;
  let app: string;
  let tarball: string;
  beforeAll(async () => {
    pkgDir = tempDir('publish-pkg');
    writeFiles(pkgDir, await emit([customerSession(), fixture('order')], { packageName: 'yuno-types-e2e', packageVersion: '1.0.0', only: ['types', 'validators'] }));
    const pack = run('npm', ['pack', '--silent'], pkgDir);
    expect(pack.status, pack.stderr).toBe(0);
    tarball = join(pkgDir, readdirSync(pkgDir).find((f) => f.endsWith('.tgz')) ?? '');
    app = tempDir('publish-app');
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true, type: 'module' }));
    const install = run('npm', ['install', tarball, '--no-audit', '--no-fund', '--offline', '--no-package-lock', '--cache', tempDir('publish-empty-cache')], app);
    expect(install.status, install.stderr).toBe(0);
  });

  it('ESM import gives the API', () => {
    writeFileSync(join(app, 'esm.mjs'), `import { isCustomerSession, parseCustomerSession, ValidationError } from 'yuno-types-e2e';
import { isOrder } from 'yuno-types-e2e/order';
const v = ${JSON.stringify(valid)};
let msg = '';
try { parseCustomerSession(JSON.stringify({ ...v, country: 'XX' })); } catch (e) { msg = (e instanceof ValidationError) + ' ' + e.message; }
console.log(JSON.stringify([isCustomerSession(v), isOrder({}), msg]));
`);
    const r = run(process.execPath, ['esm.mjs'], app);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([true, false, 'true country: must be one of the allowed values (got "XX")']);
  });

  it('CJS require gives the API', () => {
    writeFileSync(join(app, 'cjs.cjs'), `const { isCustomerSessionStrict, assertCustomerSession, ValidationError } = require('yuno-types-e2e');
const v = ${JSON.stringify(valid)};
let msg = '';
try { assertCustomerSession({ ...v, created_at: '2022-02-30T20:46:54.786342Z' }); } catch (e) { msg = (e instanceof ValidationError) + ' ' + e.message; }
console.log(JSON.stringify([isCustomerSessionStrict(v), isCustomerSessionStrict({ ...v, x: 1 }), msg]));
`);
    const r = run(process.execPath, ['cjs.cjs'], app);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([true, false, 'true created_at: must match format "date-time" (got "2022-02-30T20:46:54.…")']);
  });

  for (const [module, resolution] of [['node16', 'node16'], ['nodenext', 'nodenext'], ['esnext', 'bundler']] as const) {
    it(`types resolve and hold under moduleResolution ${resolution}`, () => {
      const dir = join(app, `types-${resolution}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'use.mts'), `import { isCustomerSession, type CustomerSession, type CountryCode } from 'yuno-types-e2e';
import type { Order } from 'yuno-types-e2e/order';
export const c: CountryCode = 'ZW';
// @ts-expect-error not an ISO code
export const x: CountryCode = 'XX';
export function f(v: unknown): CustomerSession | undefined { return isCustomerSession(v) ? v : undefined; }
// @ts-expect-error missing fields
export const o: Order = { id: 'a' };
`);
      writeFileSync(join(dir, 'use.cts'), `import { isCustomerSession, type CustomerSession } from 'yuno-types-e2e';
export function g(v: unknown): CustomerSession | undefined { return isCustomerSession(v) ? v : undefined; }
`);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, module, moduleResolution: resolution, skipLibCheck: false, types: [], target: 'es2022' },
        include: resolution === 'bundler' ? ['use.mts'] : ['use.mts', 'use.cts'],
      }));
      const r = run(process.execPath, [join(repoRoot, 'node_modules', 'typescript', 'lib', 'tsc.js'), '-p', 'tsconfig.json'], dir);
      expect(`${r.stdout}${r.stderr}`).toBe('');
      expect(r.status).toBe(0);
    });
  }

  it('publint reports nothing', () => {
    const r = run(bin('publint'), ['run', pkgDir, '--strict'], repoRoot);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/error|warning|suggestion/i);
    expect(r.status).toBe(0);
  });

  it('attw --pack reports no problems', () => {
    const r = run(bin('attw'), ['--pack', pkgDir, '--format', 'json'], repoRoot);
    const report = JSON.parse(r.stdout) as { analysis?: { problems?: unknown[] } };
    expect(report.analysis?.problems ?? ['no analysis: ' + r.stderr]).toEqual([]);
  });
});
