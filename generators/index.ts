/**
 * yuno-codegen's library: a pure pipeline that takes inputs as data and returns files. It never
 * writes to disk; `write.ts` (used by the CLI) does.
 *
 *   read page → parse markup → canonical schema → emit types, validators, docs → format
 */
import { extractAll } from './extract.js';
import { fromSchemaFile } from './schema.js';
import { checkSchema } from './metaschema.js';
import { planOutputs, type ObjectOutput, type ObjectSummary } from './emit/emitter.js';
import { defaultThreads, openEmitter } from './emit/threads.js';
import { compareText } from './format.js';
import { defaultTemplates } from './assets.js';
import { resolveOptions, type GenerateOptions } from './options.js';
import { CodegenError, type GeneratedFile, type Problem, type SchemaDocument } from './types.js';

export * from './types.js';
export { extract, extractAll, type ApiSource } from './extract.js';
export { DEFAULTS, OUTPUT_KINDS, TARGETS, resolveOptions, type GenerateOptions, type OutputKind, type ResolvedOptions, type Target } from './options.js';

export interface GenerateResult {
  /** The canonical schema of every input, in input order. */
  schemas: SchemaDocument[];
  /** Every output file, sorted by path, formatted. */
  files: GeneratedFile[];
}

export async function generate(options: GenerateOptions): Promise<GenerateResult> {
  const schemas: SchemaDocument[] = [];
  const files: GeneratedFile[] = [];
  // Plain { path, contents } objects, however the file arrived (a worker's come as bytes).
  await generateEach(options, { schema: (doc) => void schemas.push(doc), file: (file) => void files.push({ path: file.path, contents: file.contents }) });
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
  const inputs = (options.pages?.length ?? 0) + (options.schemas?.length ?? 0);
  // Opened first: its workers load the emitters while this thread reads the inputs.
  const emitter = await openEmitter({ options: resolved, templates: { ...defaultTemplates(), ...(options.templates ?? {}) } }, inputs, options.threads);
  try {
    const schemas: (SchemaDocument | undefined)[] = await collectSchemas(options);
    for (const doc of schemas) sink.schema?.(doc as SchemaDocument);
    const plans = await planOutputs(schemas as SchemaDocument[], resolved);
    const count = schemas.length;
    const single = count === 1;
    // Jobs go out in input order, a few ahead of the one being written, so every worker stays busy and
    // only a few objects' output is held at a time; files are handed on in input order. A schema is let
    // go once its job is out: the shared files need only names.
    const ahead = Math.max(2, 4 * (options.threads ?? defaultThreads(inputs)));
    const queue: { doc: Omit<ObjectSummary, 'kept'>; output: Promise<ObjectOutput> }[] = [];
    let next = 0;
    const summaries: ObjectSummary[] = [];
    while (summaries.length < count) {
      while (queue.length < ahead && next < count) {
        const doc = schemas[next] as SchemaDocument;
        schemas[next++] = undefined;
        const output = emitter.object({ doc, plans, single });
        output.catch(() => {}); // A failure is thrown when its turn comes; until then it must not count as unhandled.
        queue.push({ doc: { name: doc.name, slug: doc.slug, source: doc.source }, output });
      }
      const job = queue.shift() as (typeof queue)[number];
      const done = await job.output;
      summaries.push({ ...job.doc, kept: done.kept });
      for (const file of done.files) await sink.file(file);
    }
    for (const file of await emitter.shared({ plans, objects: summaries })) await sink.file(file);
  } finally {
    await emitter.close();
  }
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
  if ((options.pages?.length ?? 0) > 0) {
    try {
      docs.push(...(await extractAll(options.pages ?? [], options.openapi ?? [])));
    } catch (error) {
      if (error instanceof CodegenError) problems.push(...error.problems);
      else throw error;
    }
  }
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
