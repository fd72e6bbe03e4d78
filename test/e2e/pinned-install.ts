/**
 * Install a packed yuno-codegen tarball into an app as `npm install <tarball>` would, with every dependency
 * pinned to the version this repository's package-lock.json holds (the versions the rest of the suite ran
 * on), so the test neither depends on what the npm cache happens to hold nor changes when a dependency
 * publishes a new version.
 *
 * The app gets the package.json entry `npm install <tarball>` writes and a package-lock.json made of that
 * entry plus the lock's production packages, laid out as they are under the repository (the tool's
 * dependencies sit beside it in node_modules in both places); `npm ci --prefer-offline` then installs
 * exactly that, from the cache where it has the tarballs (after the repository's own `npm ci` it does) and
 * from the registry where it does not.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

interface LockEntry {
  version?: string;
  dev?: boolean;
  [key: string]: unknown;
}

export function pinnedLock(root: string, app: { name: string; dir: string; tarball: string }): { manifestDependency: Record<string, string>; lock: object } {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown> & { name: string; version: string };
  const rootLock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const spec = `file:${relative(app.dir, app.tarball).split(sep).join('/')}`;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(app.tarball)).digest('base64')}`;
  const packages: Record<string, object> = {
    '': { name: app.name, dependencies: { [pkg.name]: spec } },
    [`node_modules/${pkg.name}`]: {
      version: pkg.version,
      resolved: spec,
      integrity,
      license: pkg['license'],
      dependencies: pkg['dependencies'],
      bin: pkg['bin'],
      engines: pkg['engines'],
    },
  };
  for (const [path, entry] of Object.entries(rootLock.packages)) {
    if (path.startsWith('node_modules/') && entry.dev !== true) packages[path] = entry;
  }
  return { manifestDependency: { [pkg.name]: spec }, lock: { name: app.name, lockfileVersion: 3, requires: true, packages } };
}

/**
 * Write the app's package.json dependency on the tarball and its package-lock.json. Returns the arguments
 * for `npm` to run in the app's directory.
 */
export function preparePinnedInstall(root: string, appDir: string, tarball: string): string[] {
  const manifestFile = join(appDir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name: string; dependencies?: Record<string, string> };
  const { manifestDependency, lock } = pinnedLock(root, { name: manifest.name, dir: appDir, tarball });
  manifest.dependencies = { ...manifest.dependencies, ...manifestDependency };
  writeFileSync(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(appDir, 'package-lock.json'), `${JSON.stringify(lock, null, 2)}\n`);
  return ['ci', '--prefer-offline', '--no-audit', '--no-fund'];
}
