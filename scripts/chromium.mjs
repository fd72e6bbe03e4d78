/**
 * The headless Chromium that test/e2e/browser.test.ts drives (through playwright-core): found, or installed
 * when this machine can install it, so `npm test` needs no manual step.
 *
 *   node scripts/chromium.mjs     (run by `npm test` before the suite)
 *
 * Looks, in this order, at: $CHROMIUM_PATH (which must then be an executable file); each of the usual
 * command names (chromium, chromium-browser, google-chrome, google-chrome-stable, chrome) along $PATH;
 * Debian's /usr/bin/chromium. When none is there and we are root on a Debian-like system with apt-get, it
 * installs Debian's `chromium` package (apt-get update, then apt-get install -y chromium); otherwise it
 * fails with one line saying what to run. Prints one line naming the browser it found.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Command names tried along $PATH, in this order. */
export const COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];
/** Where Debian's chromium package puts its command, tried last (also when $PATH is narrow). */
export const FALLBACKS = ['/usr/bin/chromium'];

export const HOW_TO_INSTALL =
  'no Chromium for test/e2e/browser.test.ts: install one (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH=/path/to/chromium, then run npm test again';

export function isExecutableFile(path) {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser to use: `{ path, from }`, or undefined when there is none. Throws when $CHROMIUM_PATH is set
 * but is not an executable file (a wrong setting is reported, never silently replaced by another browser).
 */
export function locateChromium({ env = process.env, isExecutable = isExecutableFile, fallbacks = FALLBACKS } = {}) {
  const configured = env.CHROMIUM_PATH;
  if (configured) {
    if (!isAbsolute(configured) || !isExecutable(configured)) {
      throw new Error(`CHROMIUM_PATH=${configured} is not an executable file: point it at a Chromium or Chrome binary (an absolute path), or unset it`);
    }
    return { path: configured, from: 'CHROMIUM_PATH' };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  for (const name of COMMANDS) {
    for (const dir of dirs) {
      const path = join(dir, name);
      if (isExecutable(path)) return { path, from: 'PATH' };
    }
  }
  for (const path of fallbacks) if (isExecutable(path)) return { path, from: 'the Debian package path' };
  return undefined;
}

/** Root on a Debian-like system with apt-get: the one case this script installs a browser itself. */
export function canInstallWithApt() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version') && isExecutableFile('/usr/bin/apt-get');
}

function runQuietly(command, args) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return { code: r.status, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}` };
}

/**
 * Find the browser, or install Debian's package when allowed; returns `{ path, from }` or throws one line.
 * `run`, `canInstall` and `locate` are replaceable for tests.
 */
export function ensureChromium({ log = () => {}, run = runQuietly, canInstall = canInstallWithApt, locate = () => locateChromium() } = {}) {
  const found = locate();
  if (found) return found;
  if (!canInstall()) throw new Error(HOW_TO_INSTALL);
  log("no Chromium found; installing Debian's chromium package (apt-get update, apt-get install -y chromium)");
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
    const r = run('apt-get', args);
    if (r.code !== 0) {
      const tail = r.output.trim().split('\n').slice(-5).join(' | ');
      throw new Error(`apt-get ${args.join(' ')} failed (exit ${r.code}): ${tail}; ${HOW_TO_INSTALL}`);
    }
  }
  const installed = locate();
  if (!installed) throw new Error(`apt-get installed chromium but no Chromium is at ${FALLBACKS.join(' or ')} or on PATH; ${HOW_TO_INSTALL}`);
  return { path: installed.path, from: 'apt-get install chromium' };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { path, from } = ensureChromium({ log: (s) => process.stderr.write(`chromium: ${s}\n`) });
    process.stderr.write(`chromium: ${path} (${from})\n`);
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
