/**
 * The output registry is the one place outputs are declared: `--only`, the config's JSON Schema and the
 * output itself follow it. Adding an output is one new file and one registry entry, nothing else.
 */
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Nodes, Root, TableRow } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { configSchema, configSchemaText } from '../../generators/config-schema.js';
import { quickArgs } from '../../generators/cli/args.js';
import { OUTPUT_KINDS } from '../../generators/outputs/index.js';
import { ROOT } from './imports.js';

const SCHEMA_FILE = join(ROOT, 'schema', 'yuno-codegen.config.schema.json');
const SEED_PAGE = join(ROOT, 'schema', 'the-customer-session-object.md');

describe('the registry feeds the config schema and --only', () => {
  it('the shipped config schema is the one built from the declarations (npm run build writes it)', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(configSchemaText());
  });

  it('the README names every kind where it documents --only and the config\'s only', () => {
    const readme = fromMarkdown(readFileSync(join(ROOT, 'README.md'), 'utf8'), { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
    const rows: Record<string, string[]> = {};
    const codes = (node: Nodes): string[] => (node.type === 'inlineCode' ? [node.value] : 'children' in node ? node.children.flatMap((c) => codes(c as Nodes)) : []);
    visitTables(readme, (row) => {
      const [first, , last] = row.children;
      const key = first ? codes(first)[0] : undefined;
      if (key === '--only LIST' || key === 'only') rows[key] = last ? codes(last).flatMap((c) => c.split(',')) : [];
    });
    for (const key of ['--only LIST', 'only']) expect(OUTPUT_KINDS.filter((kind) => !rows[key]?.includes(kind)), key).toEqual([]);
  });

  it('lists exactly the registered kinds', () => {
    expect(OUTPUT_KINDS).toEqual(['types', 'validators', 'docs', 'fixtures']);
    const only = (configSchema()['properties'] as Record<string, { items: { enum: string[] }; default: string[] }>)['only'];
    expect(only?.items.enum).toEqual(['types', 'validators', 'docs', 'fixtures']);
    // An opt-in output (the fixtures) is generated only when listed.
    expect(only?.default).toEqual(['types', 'validators', 'docs']);
    expect(quickArgs(['--only', 'docs,types'])?.only).toEqual(['types', 'docs']);
    expect(quickArgs(['--only', 'field-list'])).toBeUndefined();
  });
});

/** Every table row of a Markdown tree. */
function visitTables(root: Root, visit: (row: TableRow) => void): void {
  const walk = (node: Nodes): void => {
    if (node.type === 'tableRow') visit(node);
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(root);
}

/** Insert `text` at `at`. */
const insert = (source: string, at: number, text: string): string => source.slice(0, at) + text + source.slice(at);

/** The registry with one more output: an import after the last import, and the name at the end of OUTPUTS. */
function register(registry: string, name: string, file: string): string {
  const source = ts.createSourceFile('index.ts', registry, ts.ScriptTarget.Latest, true);
  let lastImport = 0;
  let listEnd = -1;
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) lastImport = node.end;
    if (ts.isVariableDeclaration(node) && node.name.getText(source) === 'OUTPUTS' && node.initializer) {
      let list: ts.Expression = node.initializer;
      while (ts.isAsExpression(list) || ts.isSatisfiesExpression(list)) list = list.expression;
      if (ts.isArrayLiteralExpression(list)) listEnd = list.elements.end;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  expect(listEnd).toBeGreaterThan(lastImport);
  return insert(insert(registry, listEnd, `, ${name}`), lastImport, `\nimport { ${name} } from './${file}';`);
}

describe('a new output kind: one file and one registry entry', () => {
  const scratch = join(ROOT, 'test', '.tmp', 'output-registry');
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const dir of ['generators', 'templates', 'schema', 'data']) cpSync(join(ROOT, dir), join(scratch, dir), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(scratch, 'package.json'));
  const registryFile = join(scratch, 'generators', 'outputs', 'index.ts');
  writeFileSync(registryFile, register(readFileSync(registryFile, 'utf8'), 'fieldList', 'field-list.js'));
  cpSync(join(ROOT, 'test', 'fixtures', 'outputs', 'field-list.ts'), join(scratch, 'generators', 'outputs', 'field-list.ts'));
  const load = async <T>(module: string): Promise<T> => (await import(pathToFileURL(join(scratch, 'generators', module)).href)) as T;

  it('changes no other file of generators/', () => {
    const files = (root: string): string[] =>
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
        .sort();
    const before = files(join(ROOT, 'generators'));
    const after = files(join(scratch, 'generators'));
    expect(after.filter((f) => !before.includes(f))).toEqual(['outputs/field-list.ts']);
    expect(before.filter((f) => !after.includes(f))).toEqual([]);
    const changed = before.filter((f) => readFileSync(join(ROOT, 'generators', f), 'utf8') !== readFileSync(join(scratch, 'generators', f), 'utf8'));
    expect(changed).toEqual(['outputs/index.ts']);
  });

  it('appears in --only', async () => {
    const args = await load<typeof import('../../generators/cli/args.js')>('cli/args.ts');
    expect(args.quickArgs(['--only', 'field-list,types'])?.only).toEqual(['types', 'field-list']);
    expect(args.INPUT_OPTIONS.only.describe).toBe('Outputs to generate, comma-separated: types,validators,docs,fixtures,field-list');
  });

  it('appears in the config schema, and a config choosing it is valid', async () => {
    const schema = await load<typeof import('../../generators/config-schema.js')>('config-schema.ts');
    const only = (schema.configSchema()['properties'] as Record<string, { items: { enum: string[] }; description: string }>)['only'];
    expect(only?.items.enum).toEqual(['types', 'validators', 'docs', 'fixtures', 'field-list']);
    expect(only?.description).toContain('"field-list" (the top-level field names of each object)');
    const config = await load<typeof import('../../generators/config.js')>('config.ts');
    await expect(config.validateConfig({ only: ['field-list'] }, 'yuno-codegen.config.json')).resolves.toEqual({ only: ['field-list'] });
  });

  it('is generated: its files per object and its shared file, beside the other outputs chosen', async () => {
    const lib = await load<typeof import('../../generators/index.js')>('index.ts');
    const page = { path: 'schema/the-customer-session-object.md', bytes: readFileSync(SEED_PAGE) };
    const { files } = await lib.generate({ pages: [page], only: ['types', 'field-list'] as never });
    const byPath = new Map(files.map((f) => [f.path, f.contents]));
    expect(byPath.get('field-list/customer-session.txt')).toBe('CustomerSession (1 of 1)\ncustomer_session\ncustomer_id\ncountry\ncallback_url\ncreated_at\n');
    expect(byPath.get('field-list/index.txt')).toBe('customer-session: 5 fields\n');
    expect(byPath.has('customer-session.d.ts')).toBe(true);
    expect(files.some((f) => f.path.startsWith('docs/'))).toBe(false);
  });
});
