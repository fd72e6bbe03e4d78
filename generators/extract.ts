/**
 * The extraction half of the pipeline:
 *
 *   read page → parse markup → page schema → match API examples → reconcile → meta-schema check
 *
 * Separate from index.ts so `yuno-codegen extract` and `report` load no emitter. The steps are exported
 * one by one for generateEach, which reconciles and emits each page as soon as matching allows: at once
 * without OpenAPI files, after every page schema is read with them (matching weighs every page).
 */
import { read } from './page/read.js';
import { parse } from './page/parse.js';
import { canonicalOrder, pageSchema, unusedOverrides, type PageSchema } from './schema.js';
import { checkSchema } from './metaschema.js';
import { readOpenApi, type ApiOperation, type ApiSource } from './openapi/read.js';
import { matchObjects, type ObjectMatch, type Sample } from './reconcile/match.js';
import { reconcile, type ReconcileRule } from './reconcile/reconcile.js';
import { CodegenError, type PageSource, type Problem, type SchemaDocument } from './types.js';

export type { ApiSource } from './openapi/read.js';
export type { PageSchema } from './schema.js';
export type { ObjectMatch } from './reconcile/match.js';

/** Extract one doc page into its canonical schema (its own examples are its only evidence). */
export async function extract(page: PageSource): Promise<SchemaDocument> {
  const [doc] = await extractAll([page]);
  return doc!;
}

/**
 * Extract pages and reconcile each with the 2xx examples of the operations (in `openapi`) that return
 * it. Throws one CodegenError listing every problem of every input.
 */
export async function extractAll(pages: PageSource[], openapi: ApiSource[] = []): Promise<SchemaDocument[]> {
  const problems: Problem[] = [];
  const pageSchemas: (PageSchema | undefined)[] = [];
  for (const page of pages) pageSchemas.push(await collect(problems, () => readPageSchema(page)));
  const api = await collect(problems, () => readApi(openapi));
  if (problems.length > 0 || !api) throw new CodegenError(problems);
  const ok = pageSchemas as PageSchema[];
  const matches = matchPages(ok, api);
  const docs: SchemaDocument[] = [];
  for (const [i, page] of ok.entries()) {
    const doc = await collect(problems, () => finishPage(page, matches[i]!, api));
    if (doc) docs.push(doc);
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return docs;
}

/** `fn`'s value, or undefined with its problems added to `problems` (other errors are thrown). */
export async function collect<T>(problems: Problem[], fn: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

/** A page read and parsed into its page schema (no evidence yet). */
export async function readPageSchema(page: PageSource): Promise<PageSchema> {
  return pageSchema(await parse(read(page)), page.overrides);
}

/** The evidence the OpenAPI files give a run; `payloads` is undefined when there are no OpenAPI files. */
export interface ApiEvidence {
  operations: ApiOperation[];
  /** Every 2xx payload the API sends, of any object. */
  payloads: Sample[] | undefined;
}

export async function readApi(openapi: ApiSource[]): Promise<ApiEvidence> {
  if (openapi.length === 0) return { operations: [], payloads: undefined };
  const operations = await readOpenApi(openapi);
  return { operations, payloads: operations.flatMap((op) => op.examples.map((e) => ({ value: e.value, where: e.label }))) };
}

/** Which operations return each page's object. Matching weighs every page, so it needs all of them. */
export function matchPages(pages: PageSchema[], api: ApiEvidence): ObjectMatch[] {
  return matchObjects(
    pages.map((p) => p.doc),
    api.operations,
  );
}

/** A page schema reconciled with its evidence and checked: the page's canonical schema. */
export async function finishPage(page: PageSchema, match: ObjectMatch, api: ApiEvidence): Promise<SchemaDocument> {
  const doc = reconciled(page, match, api.payloads);
  const unused = unusedOverrides({ ...page, doc });
  if (unused.length > 0) throw new CodegenError(unused);
  await checkSchema(doc, { extracted: true });
  return doc;
}

function reconciled(page: PageSchema, match: ObjectMatch, apiPayloads: Sample[] | undefined): SchemaDocument {
  const fields = page.overrides.fields ?? {};
  const override = (path: string) => (Object.prototype.hasOwnProperty.call(fields, path) ? fields[path] : undefined);
  const result = reconcile(page.doc.schema, match.samples, {
    refused: (path: string, rule: ReconcileRule) => override(path)?.refuse?.includes(rule) ?? false,
    requiredSetBy: (path: string) => override(path)?.required !== undefined,
    lineOf: (path: string) => page.lines.get(path),
    root: page.doc.schema,
    ...(apiPayloads ? { apiPayloads } : {}),
  });
  const doc: SchemaDocument = { ...page.doc, schema: canonicalOrder(result.schema) };
  if (apiPayloads) {
    doc.evidence = { operations: match.operations, examples: match.samples.length, placeholders: result.placeholders, payloads: match.samples.map((s) => ({ where: s.where, value: s.value })) };
  }
  return doc;
}
