import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { extract } from '../../generators/extract.js';
import { CodegenError, type JsonSchema, type RawField, type SchemaDocument } from '../../generators/types.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const shared = join(repoRoot, '..', 'shared');
export const corpus = join(shared, 'yuno-pages');

/** A page in the ReadMe HTMLBlock format around the given entries. */
export function htmlBlockPage(entries: string, title = 'The Test Object'): string {
  return `---\ntitle: ${title}\n---\nThe test object.\n\n<HTMLBlock>{\`\n<div>\n<div class="yuno">\n${entries}\n</div>\n</div>\n\`}</HTMLBlock>\n`;
}

export async function extractText(text: string, path = 'test-page.md', overrides?: string): Promise<SchemaDocument> {
  return extract({
    path,
    bytes: new TextEncoder().encode(text),
    ...(overrides === undefined ? {} : { overrides: { path: path.replace(/\.mdx?$/, '.overrides.json'), text: overrides } }),
  });
}

/** The schema of the single field in one `div.yuno` entry. */
export async function schemaOfField(entry: string): Promise<JsonSchema> {
  const doc = await extractText(htmlBlockPage(entry));
  const props = doc.schema.properties ?? {};
  const first = Object.keys(props)[0];
  if (first === undefined) throw new Error('no field');
  return props[first]!;
}

export async function extractFile(path: string, overridesPath?: string): Promise<SchemaDocument> {
  return extract({
    path,
    bytes: readFileSync(path),
    ...(overridesPath ? { overrides: { path: overridesPath, text: readFileSync(overridesPath, 'utf8') } } : {}),
  });
}

export function fieldOf(partial: Partial<RawField>): RawField {
  return { name: 'f', typeWord: 'string', marks: '', segments: [], listItems: [], line: 1, children: [], ...partial };
}

/** Number of fields at each depth (array items' fields count one level below the array). */
export function depthCounts(schema: JsonSchema): number[] {
  const counts: number[] = [];
  const walk = (s: JsonSchema | undefined, depth: number): void => {
    for (const child of Object.values(s?.properties ?? {})) {
      counts[depth] = (counts[depth] ?? 0) + 1;
      walk(child, depth + 1);
      if (child.items) walk(child.items, depth + 1);
    }
  };
  walk(schema, 0);
  return counts;
}

/** The subschema at a dotted path; `[]` steps into array items. */
export function at(schema: JsonSchema, path: string): JsonSchema {
  let s: JsonSchema | undefined = schema;
  for (const part of path.split('.')) {
    const arr = part.endsWith('[]');
    s = s?.properties?.[arr ? part.slice(0, -2) : part];
    if (arr) s = s?.items;
    if (!s) throw new Error(`no field at ${path}`);
  }
  return s;
}

/** The message of the CodegenError a run rejects with (and fail when it rejects with anything else, or resolves). */
export async function messageOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(CodegenError);
    return (error as Error).message;
  }
  throw new Error('expected a CodegenError');
}
