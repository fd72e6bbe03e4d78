/**
 * The extraction half of the pipeline:
 *
 *   read page → parse markup → page schema → match API examples → reconcile → meta-schema check
 *
 * Separate from index.ts so `yuno-codegen extract` and `report` load no emitter.
 */
import { read } from './page/read.js';
import { parse } from './page/parse.js';
import { canonicalOrder, pageSchema, unusedOverrides, type PageSchema } from './schema.js';
import { checkSchema } from './metaschema.js';
import { readOpenApi, type ApiSource } from './openapi/read.js';
import { matchObjects, type ObjectMatch, type Sample } from './reconcile/match.js';
import { reconcile, type ReconcileRule } from './reconcile/reconcile.js';
import { CodegenError, type PageSource, type Problem, type SchemaDocument } from './types.js';

export type { ApiSource } from './openapi/read.js';

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
  for (const page of pages) {
    try {
      pageSchemas.push(pageSchema(await parse(read(page)), page.overrides));
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      problems.push(...error.problems);
      pageSchemas.push(undefined);
    }
  }
  let operations: Awaited<ReturnType<typeof readOpenApi>> = [];
  if (openapi.length > 0) {
    try {
      operations = await readOpenApi(openapi);
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  const ok = pageSchemas as PageSchema[];
  const matches = matchObjects(ok.map((p) => p.doc), operations);
  const apiPayloads = operations.flatMap((op) => op.examples.map((e) => ({ value: e.value, where: e.label })));
  const docs: SchemaDocument[] = [];
  for (const [i, page] of ok.entries()) {
    const doc = reconciled(page, matches[i]!, openapi.length > 0 ? apiPayloads : undefined);
    const unused = unusedOverrides({ ...page, doc });
    if (unused.length > 0) {
      problems.push(...unused);
      continue;
    }
    try {
      await checkSchema(doc, { extracted: true });
      docs.push(doc);
    } catch (error) {
      if (!(error instanceof CodegenError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return docs;
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
