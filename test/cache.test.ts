/**
 * The per-object cache (generators/cache.ts, generators/cache-dir.ts): an object is taken from the cache
 * only when everything that decides its bytes is unchanged, the output is the same bytes with and
 * without a cache, and a damaged or foreign entry costs a regeneration, never a wrong file.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, type GenerateOptions, type ObjectCache } from '../generators/index.js';
import { decodeEntry, encodeEntry, runKey, toolIdentity } from '../generators/cache.js';
import { directoryCache } from '../generators/cache-dir.js';
import { defaultTemplates } from '../generators/assets.js';
import { resolveOptions } from '../generators/options.js';
import { corpus, repoRoot } from './extract/helpers.js';

const read = (name: string): Uint8Array => new Uint8Array(readFileSync(join(corpus, name)));
const SESSION = 'the-customer-session-object.md';
const REPORTS = 'the-reports-object.md';
const pages = (edit: Record<string, string> = {}): NonNullable<GenerateOptions['pages']> =>
  [SESSION, REPORTS].map((path) => ({ path, bytes: path in edit ? new TextEncoder().encode(edit[path]) : read(path) }));

/** A cache in memory that records which keys were stored (one store per object generated). */
function memoryCache(): ObjectCache & { entries: Map<string, Uint8Array>; stored: string[] } {
  const entries = new Map<string, Uint8Array>();
  const stored: string[] = [];
  return {
    entries,
    stored,
    has: (key) => entries.has(key),
    get: (key) => entries.get(key),
    set: (key, entry) => {
      stored.push(key);
      entries.set(key, entry);
    },
  };
}

type Files = { path: string; contents: string }[];

const uncached = new Map<string, Promise<Files>>();

/** The files of a run; those of a run without a cache are generated once per set of inputs (the same bytes each time: golden.test.ts). */
async function files(options: GenerateOptions): Promise<Files> {
  if (options.cache) return (await generate(options)).files;
  const id = JSON.stringify(options, (_k, v: unknown) => (v instanceof Uint8Array ? createHash('sha256').update(v).digest('hex') : v));
  if (!uncached.has(id)) uncached.set(id, generate(options).then((r) => r.files));
  return uncached.get(id) as Promise<Files>;
}

/** Generate with `cache`, and expect the stores it makes and the very files of a run without a cache. */
async function cachedRun(options: GenerateOptions, cache: ReturnType<typeof memoryCache>, stores: number): Promise<void> {
  const before = cache.stored.length;
  const [withCache, without] = [await files({ ...options, cache }), await files(options)];
  expect(cache.stored.length - before).toBe(stores);
  expect(withCache).toEqual(without);
}

describe('the object cache', () => {
  it('stores each object once, then takes every object from it: the same files and schemas as without a cache', async () => {
    const cache = memoryCache();
    const plain = await generate({ pages: pages() });
    expect(await files({ pages: pages() })).toEqual(plain.files);
    const cold = await generate({ pages: pages(), cache });
    expect(cache.stored).toHaveLength(2);
    const warm = await generate({ pages: pages(), cache });
    expect(cache.stored).toHaveLength(2);
    expect(cold.files).toEqual(plain.files);
    expect(warm.files).toEqual(plain.files);
    expect(warm.schemas).toEqual(plain.schemas);
    expect(warm.files.map((f) => f.path)).toContain('shared.js');
  });

  it('after one page is edited, extracts and emits that object only', async () => {
    const cache = memoryCache();
    await generate({ pages: pages(), cache });
    const edited = readFileSync(join(corpus, REPORTS), 'utf8').replace('Reports', 'Report runs');
    expect(edited).not.toBe(readFileSync(join(corpus, REPORTS), 'utf8'));
    await cachedRun({ pages: pages({ [REPORTS]: edited }) }, cache, 1);
    // Back to the original page: both entries are still there.
    await cachedRun({ pages: pages() }, cache, 0);
  });

  it.each<[string, GenerateOptions]>([
    ['target', { target: 'ts' }],
    ['only', { only: ['types', 'docs'] }],
    ['packageName', { packageName: 'acme-types' }],
    ['packageVersion', { packageVersion: '2.0.0' }],
    ['a template', { templates: { 'docs.md.hbs': { source: `${defaultTemplates()['docs.md.hbs']?.source ?? ''}\nEdited.\n`, path: 'tpl/docs.md.hbs' } } }],
  ])('a change of %s misses every object', async (_part, change) => {
    const cache = memoryCache();
    await generate({ pages: pages(), cache });
    await cachedRun({ pages: pages(), ...change }, cache, 2);
  });

  it("a page's overrides file is part of its key, and one object alone is keyed apart from the same object among others", async () => {
    const cache = memoryCache();
    await generate({ pages: pages(), cache });
    const overrides = { path: 'the-customer-session-object.overrides.json', text: readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.overrides.json'), 'utf8') };
    const withOverrides = pages().map((p) => (p.path === SESSION ? { ...p, overrides } : p));
    await cachedRun({ pages: withOverrides }, cache, 1);
    // Alone, its package README is its own page: not the entry of the two-object run.
    await cachedRun({ pages: withOverrides.slice(0, 1) }, cache, 1);
  });

  it('a schema file is keyed by its text', async () => {
    const cache = memoryCache();
    const schema = (max: number) => ({
      path: 'thing.schema.json',
      text: JSON.stringify({ title: 'Thing', type: 'object', properties: { code: { type: 'string', maxLength: max } }, required: ['code'] }),
    });
    await cachedRun({ schemas: [schema(3)] }, cache, 1);
    await cachedRun({ schemas: [schema(3)] }, cache, 0);
    await cachedRun({ schemas: [schema(4)] }, cache, 1);
  });

  it("with OpenAPI files: their text is part of every page's key, another page's edit is not", async () => {
    const cache = memoryCache();
    const text = readFileSync(join(corpus, 'openapi', 'create-customer-session.json'), 'utf8');
    const openapi = [{ path: 'create-customer-session.json', text }];
    await cachedRun({ pages: pages(), openapi }, cache, 2);
    const reports = readFileSync(join(corpus, REPORTS), 'utf8').replace('Reports', 'Report runs');
    await cachedRun({ pages: pages({ [REPORTS]: reports }), openapi }, cache, 1);
    const country = text.replaceAll('"US"', '"CO"');
    expect(country).not.toBe(text);
    await cachedRun({ pages: pages({ [REPORTS]: reports }), openapi: [{ path: 'create-customer-session.json', text: country }] }, cache, 2);
  });

  it("the tool's identity, the options, the templates and a one-object run each change the run's key", () => {
    const options = resolveOptions({});
    const templates = defaultTemplates();
    const base = runKey(options, templates, false, 'tool A');
    expect(runKey(options, templates, false, 'tool A')).toBe(base);
    expect(runKey(options, templates, false, 'tool B')).not.toBe(base);
    expect(runKey(options, templates, true, 'tool A')).not.toBe(base);
    expect(runKey(resolveOptions({ packageVersion: '9.9.9' }), templates, false, 'tool A')).not.toBe(base);
    const [name, template] = Object.entries(templates)[0] as [string, { source: string; path: string }];
    expect(runKey(options, { ...templates, [name]: { ...template, source: `${template.source} ` } }, false, 'tool A')).not.toBe(base);
    // The default is this build's identity: a digest of its code, templates, data and dependency versions.
    expect(toolIdentity()).toMatch(/^[0-9a-f]{64}$/);
    expect(runKey(options, templates, false)).toBe(runKey(options, templates, false, toolIdentity()));
  });
});

describe('damaged and foreign entries', () => {
  it('an entry holds the object, for its own key only', async () => {
    const cache = memoryCache();
    const plain = { files: await files({ pages: pages() }) };
    await generate({ pages: pages(), cache });
    const [[key, entry], [other]] = [...cache.entries] as [[string, Uint8Array], [string, Uint8Array]];
    const object = decodeEntry(key, entry);
    expect(object?.doc.name).toBe('CustomerSession');
    const own = plain.files.filter((f) => f.path.includes('customer-session'));
    expect(object?.files.map((f) => [f.path, f.contents]).sort()).toEqual(own.map((f) => [f.path, f.contents]).sort());
    expect(decodeEntry(other, entry)).toBeUndefined();
    const again = decodeEntry(key, encodeEntry(key, object!));
    expect(again?.doc).toEqual(object?.doc);
    expect(again?.kept).toEqual(object?.kept);
    expect(object?.kept['code']).toMatchObject({ formats: new Set(['date-time']) });
    expect(again?.files.map((f) => [f.path, f.contents])).toEqual(object?.files.map((f) => [f.path, f.contents]));
  });

  const damages: [string, (entry: Uint8Array, foreign: Uint8Array) => Uint8Array][] = [
    ['empty', () => new Uint8Array()],
    ['truncated', (e) => e.subarray(0, e.length - 10)],
    ['one byte of a file changed', (e) => Uint8Array.from(e, (b, i) => (i === e.length - 20 ? b ^ 1 : b))],
    ['one byte of the header changed', (e) => Uint8Array.from(e, (b, i) => (i === 30 ? b ^ 1 : b))],
    ['bytes appended', (e) => new Uint8Array([...e, 10, 10])],
    ['not an entry at all', () => new TextEncoder().encode('{"format":"yuno-codegen object cache 1"}\n{}')],
    ["another object's entry", (_e, foreign) => foreign],
  ];
  it.each(damages)('%s: the object is generated again, with the same files, and the entry replaced', async (_name, damage) => {
    const cache = memoryCache();
    await generate({ pages: pages(), cache });
    const [[key, entry], [, foreign]] = [...cache.entries] as [[string, Uint8Array], [string, Uint8Array]];
    cache.entries.set(key, damage(entry, foreign));
    expect(decodeEntry(key, cache.entries.get(key)!)).toBeUndefined();
    await cachedRun({ pages: pages() }, cache, 1);
    expect(cache.stored.at(-1)).toBe(key);
    expect(cache.entries.get(key)).toEqual(entry);
  });
});

describe('the cache on disk', () => {
  const entryFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /[0-9a-f]{64}$/.test(f)).sort();

  it('concurrent runs sharing one directory give the same files as without a cache, and leave sound entries', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuno-codegen-cache-'));
    const plain = await files({ pages: pages() });
    const runs = await Promise.all([1, 2, 3].map(() => files({ pages: pages(), cache: directoryCache(dir) })));
    for (const run of runs) expect(run).toEqual(plain);
    expect(entryFiles(dir)).toHaveLength(2);
    expect(readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const counted = memoryCache();
    const disk = directoryCache(dir);
    const spy: ObjectCache = { has: disk.has, get: disk.get, set: counted.set };
    expect(await files({ pages: pages(), cache: spy })).toEqual(plain);
    expect(counted.stored).toEqual([]);
  });

  it('a damaged file on disk is replaced; read: false stores without reading; write: false reads without storing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuno-codegen-cache-'));
    const plain = await files({ pages: pages() });
    await files({ pages: pages(), cache: directoryCache(dir) });
    const [first] = entryFiles(dir) as [string];
    const good = readFileSync(join(dir, first));
    writeFileSync(join(dir, first), good.subarray(0, 100));
    expect(await files({ pages: pages(), cache: directoryCache(dir, { write: false }) })).toEqual(plain);
    expect(readFileSync(join(dir, first))).toHaveLength(100);
    expect(await files({ pages: pages(), cache: directoryCache(dir) })).toEqual(plain);
    expect(readFileSync(join(dir, first))).toEqual(good);
    const noRead = directoryCache(dir, { read: false });
    expect(noRead.has(first.slice(3))).toBe(false);
    expect(noRead.get(first.slice(3))).toBeUndefined();
    // Keys are hex digests: anything else never names a file.
    const disk = directoryCache(dir);
    disk.set('../../escape', new Uint8Array([1]));
    expect(disk.get('../../escape')).toBeUndefined();
    expect(entryFiles(dir)).toHaveLength(2);
  });
});
