/**
 * Where the time of one `generate --force` goes: a V8 CPU profile of the CLI process, self time summed
 * by package (or by our own module), plus our functions by inclusive time.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repo, timeProcess } from './lib.mjs';

function bucket(url) {
  if (!url) return '(V8 / native)';
  if (url.startsWith('node:')) return 'node: built-ins (module loading, fs)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 14).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const ours = url.indexOf('/dist/generators/');
  if (ours >= 0) return `yuno-codegen ${url.slice(ours + 6)}`;
  return url.replace(/^file:\/\//, '').replace(repo, '.');
}

export function summarizeProfile(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfTime = new Map();
  profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
  const packages = new Map();
  const inclusive = new Map();
  for (const [id, t] of selfTime) {
    const node = byId.get(id);
    const name = node.callFrame.functionName;
    const b = name === '(garbage collector)' ? '(garbage collector)' : name === '(program)' || name === '(idle)' ? '(V8 / native)' : bucket(node.callFrame.url);
    packages.set(b, (packages.get(b) ?? 0) + t);
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const f = byId.get(cur).callFrame;
      if (!f.url.includes('/dist/generators/')) continue;
      const key = `${f.functionName || '(anonymous)'} (${f.url.slice(f.url.indexOf('/dist/generators/') + 6)}:${f.lineNumber + 1})`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
  }
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => ({ name, ms: us / 1000, share: us / total }));
  return { totalMs: total / 1000, packages: top(packages, 12), ours: top(inclusive, 15) };
}

export function profileGenerate(scratch) {
  const dir = mkdtempSync(join(scratch, 'cpu-'));
  timeProcess(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(repo, 'dist', 'generators', 'cli.js'), 'generate', '--force', '--out', join(scratch, 'profiled-out')]);
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('node --cpu-prof wrote no profile');
  return summarizeProfile(join(dir, file));
}
