/**
 * The pieces that let `npm test` run on a fresh machine: finding (or installing) the browser, the check
 * for ../shared, and the "are bench/'s peers installed" check. On fake directories; nothing is installed.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureChromium, HOW_TO_INSTALL, locateChromium } from '../../scripts/chromium.mjs';
import { benchDepsCurrent } from '../../scripts/bench-deps.mjs';
import { sharedProblem } from './shared.js';

const base = mkdtempSync(join(tmpdir(), 'yuno-harness-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

let made = 0;
/** A directory holding the given files; `exec` ones are executable. */
function dir(files: Record<string, 'exec' | 'plain'> = {}): string {
  const d = join(base, `d${made++}`);
  mkdirSync(d);
  for (const [name, kind] of Object.entries(files)) {
    writeFileSync(join(d, name), '#!/bin/sh\n');
    chmodSync(join(d, name), kind === 'exec' ? 0o755 : 0o644);
  }
  return d;
}

describe('locating Chromium', () => {
  it('takes CHROMIUM_PATH first, then the usual names along PATH (name before directory), then the Debian path', () => {
    const a = dir({ 'google-chrome': 'exec' });
    const b = dir({ chromium: 'exec', 'chromium-browser': 'exec' });
    const custom = join(dir({ 'my-chromium': 'exec' }), 'my-chromium');
    const debian = join(dir({ chromium: 'exec' }), 'chromium');
    const PATH = [a, b].join(delimiter);
    expect(locateChromium({ env: { CHROMIUM_PATH: custom, PATH }, fallbacks: [debian] })).toEqual({ path: custom, from: 'CHROMIUM_PATH' });
    expect(locateChromium({ env: { PATH }, fallbacks: [debian] })).toEqual({ path: join(b, 'chromium'), from: 'PATH' });
    expect(locateChromium({ env: { PATH: a }, fallbacks: [debian] })).toEqual({ path: join(a, 'google-chrome'), from: 'PATH' });
    expect(locateChromium({ env: { PATH: dir() }, fallbacks: [debian] })).toEqual({ path: debian, from: 'the Debian package path' });
    expect(locateChromium({ env: {}, fallbacks: [debian] })).toEqual({ path: debian, from: 'the Debian package path' });
    expect(locateChromium({ env: { PATH }, fallbacks: [] })).toEqual({ path: join(b, 'chromium'), from: 'PATH' });
  });

  it('skips files that are not executable, and finds nothing where there is nothing', () => {
    const plain = dir({ chromium: 'plain' });
    expect(locateChromium({ env: { PATH: plain }, fallbacks: [join(plain, 'chromium'), join(plain, 'absent')] })).toBeUndefined();
    expect(locateChromium({ env: { PATH: '' }, fallbacks: [] })).toBeUndefined();
  });

  it('reports a CHROMIUM_PATH that is not an executable file instead of using another browser', () => {
    const d = dir({ chromium: 'plain' });
    const other = dir({ chromium: 'exec' });
    for (const bad of [join(d, 'chromium'), join(d, 'absent'), d, 'chromium']) {
      expect(() => locateChromium({ env: { CHROMIUM_PATH: bad, PATH: other }, fallbacks: [] })).toThrow(
        `CHROMIUM_PATH=${bad} is not an executable file: point it at a Chromium or Chrome binary (an absolute path), or unset it`,
      );
    }
  });

  it('installs with apt-get (update once, then install) only when none is found and it may', () => {
    const calls: string[] = [];
    const run = (command: string, args: string[]) => {
      calls.push([command, ...args].join(' '));
      return { code: 0, output: '' };
    };
    const present = { path: '/opt/chromium/chrome', from: 'PATH' };
    expect(ensureChromium({ run, canInstall: () => true, locate: () => present })).toEqual(present);
    expect(calls).toEqual([]);

    let installed = false;
    const locate = () => (installed ? { path: '/usr/bin/chromium', from: 'the Debian package path' } : undefined);
    const installing = (command: string, args: string[]) => {
      if (args[0] === 'install') installed = true;
      return run(command, args);
    };
    expect(ensureChromium({ run: installing, canInstall: () => true, locate })).toEqual({ path: '/usr/bin/chromium', from: 'apt-get install chromium' });
    expect(calls).toEqual(['apt-get update -qq', 'apt-get install -y -qq chromium']);
  });

  it('fails with one line saying what to run when it may not install, or apt-get fails', () => {
    expect(HOW_TO_INSTALL).toBe(
      'no Chromium for test/e2e/browser.test.ts: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH=/path/to/chromium, then run npm test again',
    );
    const none = () => undefined;
    let ran = 0;
    const run = () => {
      ran++;
      return { code: 100, output: 'Reading package lists...\nE: Unable to locate package chromium\n' };
    };
    expect(() => ensureChromium({ run, canInstall: () => false, locate: none })).toThrow(HOW_TO_INSTALL);
    expect(ran).toBe(0);
    let message = '';
    try {
      ensureChromium({ run, canInstall: () => true, locate: none });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`apt-get update -qq failed (exit 100): Reading package lists... | E: Unable to locate package chromium; ${HOW_TO_INSTALL}`);
    expect(message.includes('\n')).toBe(false);
  });
});

describe('the ../shared check', () => {
  const origin =
    "it is the project's shared folder, which every developer and CI have beside the repository: clone or copy this repository next to it (…/shared and …/<your clone> side by side) and run the tests from there";

  it('names a missing folder, what the tests read from it and where it comes from, in one line', () => {
    const absent = join(base, 'no-shared');
    expect(sharedProblem(absent)).toBe(
      `../shared (${absent}) is missing: the tests read the corpus of real Yuno doc pages and the JSON-Schema-Test-Suite from it; ${origin}`,
    );
  });

  it('lists what an incomplete folder lacks, and passes a complete one', () => {
    const shared = dir();
    mkdirSync(join(shared, 'yuno-pages'));
    expect(sharedProblem(shared)).toBe(
      `../shared (${shared}) is incomplete: yuno-pages/mintlify (the same pages in the Mintlify format), json-schema-test-suite/tests/draft2020-12 (the official JSON-Schema-Test-Suite) missing; ${origin}`,
    );
    mkdirSync(join(shared, 'yuno-pages', 'mintlify'));
    mkdirSync(join(shared, 'json-schema-test-suite', 'tests', 'draft2020-12'), { recursive: true });
    expect(sharedProblem(shared)).toBeUndefined();
  });
});

describe("bench/'s peers", () => {
  /** A bench/-like folder with a lock of one package, installed as `state` says. */
  function bench(state: 'none' | 'current' | 'other version' | 'record only'): string {
    const d = dir();
    const entry = { version: '1.2.3', resolved: 'https://registry.npmjs.org/peer/-/peer-1.2.3.tgz', dev: true };
    writeFileSync(join(d, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'b' }, 'node_modules/peer': entry } }));
    if (state === 'none') return d;
    mkdirSync(join(d, 'node_modules', 'peer'), { recursive: true });
    const installed = state === 'other version' ? { ...entry, version: '1.2.4' } : entry;
    writeFileSync(join(d, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { 'node_modules/peer': installed } }));
    if (state !== 'record only') writeFileSync(join(d, 'node_modules', 'peer', 'package.json'), JSON.stringify({ name: 'peer', version: installed.version }));
    return d;
  }

  it('counts as installed only when npm recorded exactly the locked packages and each is on disk', () => {
    expect(benchDepsCurrent(bench('current'))).toBe(true);
    expect(benchDepsCurrent(bench('none'))).toBe(false);
    expect(benchDepsCurrent(bench('other version'))).toBe(false);
    expect(benchDepsCurrent(bench('record only'))).toBe(false);
  });
});
