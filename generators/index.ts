/**
 * yuno-codegen's library: a pure pipeline that takes inputs as data and returns files. It never
 * writes to disk; `write.ts` (used by the CLI) does.
 *
 *   read page → parse markup → canonical schema → emit types, validators, docs → format
 */
import { collect, finishPage, matchPages, readApi, readPageSchema, type ApiEvidence, type ObjectMatch, type PageSchema } from './extract.js';
import { fromSchemaFile } from './schema.js';
import { checkSchema } from './metaschema.js';
import { planOutputs, type Emitter, type ObjectOutput, type ObjectSummary } from './emit/emitter.js';
import { apiKey, decodeEntry, encodeEntry, pageKey, runKey, schemaKey, type CachedObject } from './cache.js';
import { defaultThreads, openEmitter } from './emit/threads.js';
import { compareText } from './format.js';
import { defaultTemplates } from './assets.js';
import { checkTemplateNames } from './templates.js';
import { resolveOptions, type GenerateOptions } from './options.js';
import { CodegenError, type GeneratedFile, type Problem, type SchemaDocument } from './types.js';

export * from './types.js';
export { patternWarnings } from './schema/patterns.js';
export { extract, extractAll, type ApiSource } from './extract.js';
export { toolIdentity } from './cache.js';
export { DEFAULTS, OUTPUT_KINDS, TARGETS, resolveOptions, type GenerateOptions, type ObjectCache, type OutputKind, type ResolvedOptions, type Target } from './options.js';

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
  /**
   * Each canonical schema, in input order, as soon as its object is done (extracted and emitted, or
   * read from the cache); the run may still fail later, on a problem of a later input.
   */
  schema?(doc: SchemaDocument): void;
  /**
   * Each output file, formatted, as soon as it is complete: an object's files right after the object
   * is done, the shared files last. May be async (a writer); the next object waits for it.
   */
  file(file: GeneratedFile): void | Promise<void>;
}

/** One input on its way out: from the cache, or extracted and sent to the emitter. */
interface InFlight {
  doc: SchemaDocument;
  /** Its cache key (when there is a cache). */
  key?: string;
  cached?: CachedObject;
  output?: Promise<ObjectOutput>;
  /** A page's object (not a schema file's). */
  fromPage: boolean;
}

/**
 * generate() without holding the output: every file goes to `sink.file` as soon as it is rendered, so
 * memory stays flat however many objects there are (1000 objects are ~600 MB of output). Same files,
 * same bytes as generate(); only the order differs (generate() sorts them by path).
 *
 * Streaming: an object is sent to the emitter as soon as its page is extracted, so extraction (this
 * thread) and emission (the workers) overlap. Without OpenAPI files a page is reconciled and sent at
 * once; with them every page schema is read first, because matching the API's payloads to objects
 * weighs every page, then each is reconciled and sent in turn. An object's code depends on no other
 * object (its own $defs decide its shared enums; planCode checks across objects at the end), so the
 * bytes are those of emitting after everything is read. Problems are reported as before: every input's,
 * together, before any emitter's.
 *
 * With `options.cache`, an object whose key (see cache.ts) has a sound entry is neither extracted nor
 * emitted: its files come from the entry. Objects generated in this run are stored there.
 */
export async function generateEach(options: GenerateOptions, sink: GenerateSink): Promise<void> {
  const resolved = resolveOptions(options);
  const pages = options.pages ?? [];
  const schemaFiles = options.schemas ?? [];
  const openapi = options.openapi ?? [];
  const count = pages.length + schemaFiles.length;
  const single = count === 1;
  checkTemplateNames(options.templates ?? {}, defaultTemplates());
  const templates = { ...defaultTemplates(), ...(options.templates ?? {}) };
  const cache = options.cache;
  const run = cache ? runKey(resolved, templates, single) : '';
  const lookup = (key: string | undefined): CachedObject | undefined => {
    if (key === undefined || !cache) return undefined;
    const entry = cache.get(key);
    return entry === undefined ? undefined : decodeEntry(key, entry);
  };

  let emitter: Promise<Emitter> | undefined;
  /** Opened at the first object to emit, sized for the objects that are not cached. */
  const emitterFor = (misses: number): Promise<Emitter> => (emitter ??= openEmitter({ options: resolved, templates }, misses, options.threads));
  const ahead = Math.max(2, 4 * (options.threads ?? defaultThreads(count)));

  // Input problems: those of reading the pages come first and alone (as extractAll reports them), then
  // those of reconciling, then those of the schema files.
  const readProblems: Problem[] = [];
  const finishProblems: Problem[] = [];
  const schemaProblems: Problem[] = [];
  const inputProblems = (): Problem[] => [...(readProblems.length > 0 ? readProblems : finishProblems), ...schemaProblems];
  const queue: InFlight[] = [];
  // Every object's schema, for the plans across objects at the end (the shared files are planned from them).
  const done: { doc: SchemaDocument; fromPage: boolean }[] = [];
  const summaries: ObjectSummary[] = [];
  let emitFailure: { error: unknown } | undefined;
  let planFailure: CodegenError | undefined;

  const send = async (doc: SchemaDocument, key: string | undefined, misses: number, fromPage: boolean): Promise<void> => {
    const item: InFlight = { doc, fromPage, ...(key !== undefined ? { key } : {}) };
    try {
      // The plans of this object alone: all its own files need (see outputs/output.ts).
      const plans = await planOutputs([doc], resolved);
      item.output = (await emitterFor(misses)).object({ doc, plans, single });
      item.output.catch(() => {}); // A failure is thrown when its turn comes; until then it must not count as unhandled.
    } catch (error) {
      // Reported at the end, after the problems of the inputs and of the checks across objects.
      if (!(error instanceof CodegenError)) throw error;
      planFailure ??= error;
    }
    await enqueue(item);
  };
  const enqueue = async (item: InFlight): Promise<void> => {
    queue.push(item);
    while (queue.length >= ahead) await flush(queue.shift() as InFlight);
  };
  const flush = async (item: InFlight): Promise<void> => {
    let out: CachedObject | undefined = item.cached;
    if (!out && item.output && !emitFailure) {
      try {
        const o = await item.output;
        out = { doc: item.doc, files: o.files, kept: o.kept };
        if (cache && item.key !== undefined) cache.set(item.key, encodeEntry(item.key, out));
      } catch (error) {
        emitFailure = { error };
      }
    }
    done.push({ doc: item.doc, fromPage: item.fromPage });
    if (!out || emitFailure || inputProblems().length > 0) return;
    sink.schema?.(item.doc);
    summaries.push({ name: item.doc.name, slug: item.doc.slug, source: item.doc.source, kept: out.kept });
    for (const file of out.files) await sink.file(file);
  };

  try {
    const schemaKeys = schemaFiles.map((file) => (cache ? schemaKey(run, file) : undefined));
    /** How many objects are not in the cache, once the page keys are known. */
    const missing = (pageKeys: (string | undefined)[]): number => [...pageKeys, ...schemaKeys].filter((k) => k === undefined || !cache?.has(k)).length;
    const fromCache = async (key: string | undefined, fromPage: boolean): Promise<boolean> => {
      const cached = lookup(key);
      if (cached) await enqueue({ doc: cached.doc, cached, fromPage });
      return cached !== undefined;
    };
    let misses = count;
    if (openapi.length === 0) {
      // Each page is reconciled (with no evidence) and sent as soon as it is read.
      const keys = pages.map((page) => (cache ? pageKey(run, page) : undefined));
      misses = missing(keys);
      if (misses > 0) void emitterFor(misses); // Its workers load the emitters while this thread reads.
      for (const [i, page] of pages.entries()) {
        if (await fromCache(keys[i], true)) continue;
        const read = await collect(readProblems, () => readPageSchema(page));
        if (!read || readProblems.length > 0) continue;
        const doc = await collect(finishProblems, () => finishPage(read, matchPages([read], NO_API)[0] as ObjectMatch, NO_API));
        if (doc) await send(doc, keys[i], misses, true);
      }
    } else {
      // Matching weighs every page: read them all, then reconcile and send each in turn.
      const read: (PageSchema | undefined)[] = [];
      for (const page of pages) read.push(await collect(readProblems, () => readPageSchema(page)));
      const evidence = await collect(readProblems, () => readApi(openapi));
      if (readProblems.length === 0 && evidence) {
        const ok = read as PageSchema[];
        const matches = matchPages(ok, evidence);
        const api = cache ? apiKey(openapi) : '';
        const keys = pages.map((page, i) => (cache ? pageKey(run, page, { key: api, match: matches[i] }) : undefined));
        misses = missing(keys);
        for (const [i, page] of ok.entries()) {
          if (await fromCache(keys[i], true)) continue;
          const doc = await collect(finishProblems, () => finishPage(page, matches[i] as ObjectMatch, evidence));
          if (doc) await send(doc, keys[i], misses, true);
        }
      }
    }
    for (const [i, file] of schemaFiles.entries()) {
      if (await fromCache(schemaKeys[i], false)) continue;
      const doc = await collect(schemaProblems, async () => {
        const d = fromSchemaFile(file);
        await checkSchema(d);
        return d;
      });
      if (doc) await send(doc, schemaKeys[i], misses, false);
    }
    while (queue.length > 0) await flush(queue.shift() as InFlight);

    // A page that failed leaves out every page's object (extractAll reports before returning any).
    const pagesFailed = readProblems.length + finishProblems.length > 0;
    const problems = [...inputProblems(), ...uniqueNames((pagesFailed ? done.filter((d) => !d.fromPage) : done).map((d) => d.doc))];
    if (problems.length > 0) throw new CodegenError(problems);
    if (done.length === 0) {
      throw new CodegenError([{ file: '(inputs)', at: '', rule: 'inputs', message: 'nothing to generate: give at least one page or schema' }]);
    }
    // The checks across objects (names, shared definitions), then the first object's own, then the first emitter failure.
    const plans = await planOutputs(
      done.map((d) => d.doc),
      resolved,
    );
    if (planFailure) throw planFailure;
    if (emitFailure) throw emitFailure.error;
    for (const file of await (await emitterFor(0)).shared({ plans, objects: summaries })) await sink.file(file);
  } finally {
    if (emitter) await (await emitter).close();
  }
}

/** No OpenAPI files: nothing to match, no payloads. */
const NO_API: ApiEvidence = { operations: [], payloads: undefined };

function uniqueNames(docs: SchemaDocument[]): Problem[] {
  const problems: Problem[] = [];
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
  return problems;
}
