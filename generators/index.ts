/**
 * yuno-codegen's library: a pure pipeline that takes inputs as data and returns files. It never
 * writes to disk; `write.ts` (used by the CLI) does.
 *
 *   read page → parse markup → canonical schema → emit types, validators, docs → format
 */
import { extract } from './extract.js';
import { fromSchemaFile } from './schema.js';
import { checkSchema } from './metaschema.js';
import { emitObjectCode, emitSharedCode, planCode, type ObjectSummary } from './emit/code.js';
import { emitObjectDocs } from './emit/docs.js';
import { compareText, format } from './format.js';
import { createRenderer, type Renderer, type TemplateSet } from './templates.js';
import { defaultTemplates } from './assets.js';
import { CodegenError, type GeneratedFile, type PageSource, type Problem, type SchemaDocument } from './types.js';

export * from './types.js';
export { extract } from './extract.js';
export type { TemplateSet } from './templates.js';

export type Target = 'package' | 'ts';
export type OutputKind = 'types' | 'validators' | 'docs';

export interface GenerateOptions {
  /** Doc pages to extract. */
  pages?: PageSource[];
  /** Canonical or hand-written JSON Schemas (draft 2020-12), as text. */
  schemas?: { path: string; text: string }[];
  /**
   * `package`: a publishable npm package (ESM + CJS + .d.ts/.d.cts + schemas + docs).
   * `ts`: TypeScript sources for an application's own compiler.
   * @default 'package'
   */
  target?: Target;
  /** @default ['types', 'validators', 'docs'] */
  only?: OutputKind[];
  /** Templates that replace ours by file name. @default {} */
  templates?: TemplateSet;
  /** @default 'yuno-types' */
  packageName?: string;
  /** @default '0.0.0' */
  packageVersion?: string;
}

/** Options with every default applied: what the emitters receive. */
export interface ResolvedOptions {
  target: Target;
  only: OutputKind[];
  packageName: string;
  packageVersion: string;
}

export interface GenerateResult {
  /** The canonical schema of every input, in input order. */
  schemas: SchemaDocument[];
  /** Every output file, sorted by path, formatted. */
  files: GeneratedFile[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const schemas: SchemaDocument[] = [];
  const files: GeneratedFile[] = [];
  await generateEach(options, { schema: (doc) => void schemas.push(doc), file: (file) => void files.push(file) });
  return { schemas, files: files.sort((a, b) => compareText(a.path, b.path)) };
}

/** Where generateEach hands its results. */
export interface GenerateSink {
  /** Each canonical schema, in input order, after every input has been read and checked. */
  schema?(doc: SchemaDocument): void;
  /**
   * Each output file, formatted, as soon as it is complete: an object's files right after the object
   * is done, the shared files last. May be async (a writer); the next object waits for it.
   */
  file(file: GeneratedFile): void | Promise<void>;
}

/**
 * generate() without holding the output: every file goes to `sink.file` as soon as it is rendered, so
 * memory stays flat however many objects there are (1000 objects are ~600 MB of output). Same files,
 * same bytes as generate(); only the order differs (generate() sorts them by path).
 */
export async function generateEach(options: GenerateOptions, sink: GenerateSink): Promise<void> {
  const resolved = resolveOptions(options);
  const schemas = await collectSchemas(options);
  for (const doc of schemas) sink.schema?.(doc);
  const renderer = await createRenderer({ ...defaultTemplates(), ...(options.templates ?? {}) });
  const wantDocs = resolved.only.includes('docs');
  const code = planCode(schemas, resolved, renderer);
  const summaries: ObjectSummary[] = [];
  let singleDocs: string | undefined;
  for (const doc of schemas) {
    const files: GeneratedFile[] = [];
    if (code) {
      const done = await emitObjectCode(code, doc);
      files.push(...done.files);
      summaries.push(done.summary);
    }
    if (wantDocs) {
      const docs = emitObjectDocs(doc, renderer);
      if (schemas.length === 1) singleDocs = docs[0]?.contents;
      files.push(...docs);
    }
    for (const file of format(files)) await sink.file(file);
  }
  const shared = code ? await emitSharedCode(code, summaries) : [];
  if (resolved.target === 'package' && wantDocs) shared.push(readme(schemas, singleDocs, resolved, renderer));
  for (const file of format(shared)) await sink.file(file);
}

/** The package README: the object's Markdown docs, or an index of the objects when there are several. */
function readme(schemas: SchemaDocument[], single: string | undefined, options: ResolvedOptions, renderer: Renderer): GeneratedFile {
  const objects = schemas.map((s) => ({ name: s.name, slug: s.slug }));
  return {
    path: 'README.md',
    contents: renderer.render('readme.md.hbs', { single: single ?? false, count: schemas.length, packageName: options.packageName, objects }),
  };
}

export function resolveOptions(options: GenerateOptions): ResolvedOptions {
  return {
    target: options.target ?? 'package',
    only: options.only ?? ['types', 'validators', 'docs'],
    packageName: options.packageName ?? 'yuno-types',
    packageVersion: options.packageVersion ?? '0.0.0',
  };
}

/** Extract every page and read every schema, collecting all problems before failing. */
async function collectSchemas(options: GenerateOptions): Promise<SchemaDocument[]> {
  const problems: Problem[] = [];
  const docs: SchemaDocument[] = [];
  const attempt = async (fn: () => Promise<SchemaDocument>): Promise<void> => {
    try {
      docs.push(await fn());
    } catch (error) {
      if (error instanceof CodegenError) problems.push(...error.problems);
      else throw error;
    }
  };
  for (const page of options.pages ?? []) await attempt(() => extract(page));
  for (const file of options.schemas ?? []) {
    await attempt(async () => {
      const doc = fromSchemaFile(file);
      await checkSchema(doc);
      return doc;
    });
  }
  const seen = new Map<string, string>();
  for (const doc of docs) {
    const other = seen.get(doc.name);
    if (other !== undefined) {
      problems.push({
        file: doc.source,
        at: '/title',
        rule: 'unique-names',
        message: `object name "${doc.name}" is also produced by ${other}; give one of them another title`,
      });
    }
    seen.set(doc.name, doc.source);
  }
  if (problems.length > 0) throw new CodegenError(problems);
  if (docs.length === 0) {
    throw new CodegenError([
      { file: '(inputs)', at: '', rule: 'inputs', message: 'nothing to generate: give at least one page or schema' },
    ]);
  }
  return docs;
}
