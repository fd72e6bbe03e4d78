/** Shared by the code emitter's tests: run emitCode on schemas, write the output to a temp dir, load it. */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { emitCode } from '../../generators/emit/code.js';
import { format } from '../../generators/format.js';
import { createRenderer } from '../../generators/templates.js';
import { defaultTemplates } from '../../generators/assets.js';
import type { ResolvedOptions } from '../../generators/options.js';
import type { GeneratedFile, JsonSchema, SchemaDocument } from '../../generators/types.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function customerSession(): SchemaDocument {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'schema', 'customer-session.schema.json'), 'utf8')) as JsonSchema;
  return { slug: 'customer-session', name: 'CustomerSession', source: 'schema/the-customer-session-object.md', schema };
}

/** A hand-written fixture from test/fixtures/code/<file>.json. */
export function fixture(file: string): SchemaDocument {
  const schema = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'code', `${file}.json`), 'utf8')) as JsonSchema;
  const name = String(schema.title);
  // Fixtures that use the shared country list get the canonical definition, so it is the same everywhere.
  if (JSON.stringify(schema).includes('"#/$defs/CountryCode"') && !schema.$defs) {
    schema.$defs = { CountryCode: customerSession().schema.$defs?.['CountryCode'] as JsonSchema };
  }
  return { slug: file, name, source: `test/fixtures/code/${file}.json`, schema };
}

export function options(overrides: Partial<ResolvedOptions> = {}): ResolvedOptions {
  return { target: 'package', only: ['types', 'validators', 'docs'], packageName: 'yuno-types', packageVersion: '1.2.3', ...overrides };
}

export async function emit(docs: SchemaDocument[], overrides: Partial<ResolvedOptions> = {}): Promise<GeneratedFile[]> {
  const renderer = await createRenderer(defaultTemplates());
  return format(await emitCode(docs, options(overrides), renderer));
}

/** A fresh directory under test/.tmp (git-ignored). */
export function tempDir(prefix: string): string {
  const base = join(repoRoot, 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, `${prefix}-`));
}

export function writeFiles(dir: string, files: GeneratedFile[]): void {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
}

export function file(files: GeneratedFile[], path: string): string {
  const found = files.find((f) => f.path === path);
  if (!found) throw new Error(`no ${path} in ${files.map((f) => f.path).join(', ')}`);
  return found.contents;
}

/** Emit the package target into a temp dir and load it as ESM and as CommonJS. */
export async function loadPackage(
  docs: SchemaDocument[],
  prefix = 'pkg',
  overrides: Partial<ResolvedOptions> = {},
): Promise<{ dir: string; esm: Api; cjs: Api; files: GeneratedFile[] }> {
  const files = await emit(docs, overrides);
  const dir = tempDir(prefix);
  writeFiles(dir, files);
  const esm = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
  const cjs = createRequire(join(dir, 'index.cjs'))(join(dir, 'index.cjs')) as Api;
  return { dir, esm, cjs, files };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Api = Record<string, any>;

/** `assert<name>` throws, with at least one error listed, exactly when the value is invalid. */
export function expectAssertAgrees(api: Api, assertName: string, value: unknown, valid: boolean, label = JSON.stringify(value)): void {
  let threw = false;
  try {
    api[assertName](value);
  } catch (error) {
    threw = true;
    expect((error as { errors: unknown[] }).errors.length, label).toBeGreaterThan(0);
  }
  expect(threw, label).toBe(!valid);
}

/** A Markdown-table page titled `title`, with a nested object whose field names have digits. */
export const tablePage = (title: string): string =>
  `---\ntitle: ${title}\n---\n| Field | Type | Description |\n| --- | --- | --- |\n| id* | string | The id. |\n| three_ds | object | 3DS data. |\n| three_ds.v2data | string | Version 2 data. |\n`;
