/**
 * Shared by the fixtures corpus tests (one file per group of corpus inputs, so they run side by side):
 * generate a group with the fixtures, then for every object 10,000 arbitrary values through is…Strict
 * and ajv.compile of its strict schema (multipleOf by the exact-decimal oracle), and 10,000 invalid values
 * that must fail with exactly the rule they name, in our issues and in AJV's errors.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateOptions, type SchemaDocument } from '../../generators/index.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { shared } from '../extract/helpers.js';
import { tempDir, writeFiles, type Api } from './code-helpers.js';
import { exactAjv } from './exact-decimal.js';

export const VALUES = 10_000;

/** The 12 ReadMe pages (the legacy copy of the Customer Session page is the same object), or the 11 Mintlify ones. */
export function corpusPages(kind: 'readme' | 'mintlify'): { path: string; bytes: Uint8Array }[] {
  const dir = kind === 'readme' ? join(shared, 'yuno-pages') : join(shared, 'yuno-pages', 'mintlify');
  return readdirSync(dir)
    .filter((f) => (kind === 'readme' ? f.endsWith('.md') && !f.includes('legacy') : f.endsWith('.mdx')))
    .sort()
    .map((f) => ({ path: f, bytes: readFileSync(join(dir, f)) }));
}

export function corpusOpenApi(): { path: string; text: string }[] {
  const dir = join(shared, 'yuno-openapi');
  return globSync(['**/*.json'], { cwd: dir }).sort().map((f) => ({ path: f, text: readFileSync(join(dir, f), 'utf8') }));
}

export interface Group {
  schemas: SchemaDocument[];
  api: Api;
  fixtures: Api;
}

export async function generateGroup(options: GenerateOptions, prefix: string): Promise<Group> {
  const result = await generate({ ...options, only: ['types', 'validators', 'fixtures'] });
  const dir = tempDir(prefix);
  writeFiles(dir, result.files);
  return {
    schemas: result.schemas,
    api: (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api,
    fixtures: (await import(pathToFileURL(join(dir, 'fixtures', 'index.js')).href)) as Api,
  };
}

export interface AjvError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

/** Where an AJV error is, as the fixtures name it: a missing or unknown key's own pointer. */
export function pointerOf(error: AjvError): string {
  const key = error.keyword === 'required' ? error.params['missingProperty'] : error.keyword === 'additionalProperties' ? error.params['additionalProperty'] : undefined;
  return key === undefined ? error.instancePath : `${error.instancePath}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function issuesOf(api: Api, name: string, value: unknown): { path: string; keyword: string }[] {
  try {
    api[`assert${name}Strict`](value);
    return [];
  } catch (error) {
    return (error as { errors: { path: string; keyword: string }[] }).errors;
  }
}

/**
 * Exactly the named rule: one issue (and one AJV error) at the place with the keyword; for `anyOf`, every
 * issue and error at that place (each alternative's reasons) and the `anyOf` one last.
 */
function exactly(found: [string, string][], at: string, keyword: string): boolean {
  if (keyword !== 'anyOf') return found.length === 1 && found[0]?.[0] === at && found[0]?.[1] === keyword;
  return found.length > 0 && found.every(([where]) => where === at) && found[found.length - 1]?.[1] === 'anyOf';
}

/** Run the 10,000 + 10,000 values of one object; returns what a report wants to show (failures are asserted). */
export function checkObject(group: Group, doc: SchemaDocument): { keywords: Record<string, number> } {
  const name = doc.name;
  const strict = exactAjv({ allErrors: true }).compile(validatedSchemas(doc.schema).strict);
  const loose = exactAjv({ allErrors: true }).compile(validatedSchemas(doc.schema).loose);
  const failed: unknown[] = [];
  for (let seed = 0; seed < VALUES && failed.length < 5; seed++) {
    const value = group.fixtures[`arbitrary${name}`](seed);
    if (!group.api[`is${name}Strict`](value) || strict(value) !== true) failed.push({ seed, arbitrary: issuesOf(group.api, name, value), ajv: strict.errors });
  }
  const keywords: Record<string, number> = {};
  for (let seed = 0; seed < VALUES && failed.length < 5; seed++) {
    const { value, keyword, path, pointer, strictOnly } = group.fixtures[`invalid${name}`](seed);
    keywords[keyword] = (keywords[keyword] ?? 0) + 1;
    const ours = issuesOf(group.api, name, value).map((i): [string, string] => [i.path, i.keyword]);
    const ajvValid = strict(value) === true;
    const theirs = ((strict.errors ?? []) as AjvError[]).map((e): [string, string] => [pointerOf(e), e.keyword]);
    const looseAccepts = group.api[`is${name}`](value) === true;
    if (ajvValid || !exactly(ours, path, keyword) || !exactly(theirs, pointer, keyword) || looseAccepts !== strictOnly || (loose(value) === true) !== strictOnly) {
      failed.push({ seed, keyword, path, pointer, strictOnly, ours, theirs });
    }
  }
  for (const example of group.fixtures[`examplesOf${name}`]() as { source: string; value: unknown }[]) {
    if (!group.api[`is${name}Strict`](example.value) || strict(example.value) !== true) failed.push({ example: example.source });
  }
  expect(failed, name).toEqual([]);
  return { keywords };
}

/** One group's suite: generate it once, then every object's 10,000 + 10,000 values as a test of its own. */
export function corpusSuite(title: string, options: () => GenerateOptions, objects: number, prefix: string): void {
  let group: Group;
  beforeAll(async () => {
    group = await generateGroup(options(), prefix);
  }, 120_000);

  describe(title, () => {
    it(`generates the ${objects} objects`, () => {
      expect(group.schemas.length).toBe(objects);
    });

    for (let i = 0; i < objects; i++) {
      it(`object ${i + 1}: ${VALUES} arbitrary values valid, ${VALUES} invalid ones each breaking the rule they name`, () => {
        const doc = group.schemas[i];
        expect(doc).toBeDefined();
        if (doc) checkObject(group, doc);
      }, 300_000);
    }
  });
}
