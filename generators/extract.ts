/**
 * The extraction half of the pipeline: read page → parse markup → canonical schema → meta-schema check.
 * Separate from index.ts so `yuno-codegen extract` loads no emitter.
 */
import { read } from './page/read.js';
import { parse } from './page/parse.js';
import { toSchema } from './schema.js';
import { checkSchema } from './metaschema.js';
import type { PageSource, SchemaDocument } from './types.js';

/** Extract one doc page into its canonical schema. Throws CodegenError listing every problem. */
export async function extract(page: PageSource): Promise<SchemaDocument> {
  const doc = toSchema(await parse(read(page)), page.overrides);
  await checkSchema(doc, { extracted: true });
  return doc;
}
