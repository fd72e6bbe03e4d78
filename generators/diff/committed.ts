/**
 * The changes `diff`, `pull` and `generate --bump` classify: each page's committed canonical schema (the
 * `<slug>.schema.json` beside it) against the schema extracted now from the page (reconciled with the
 * OpenAPI files, as `generate` does). Reads the disk, never the network.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { displayPath, type Plan } from '../config.js';
import { readInputs } from '../fastpath.js';
import { CodegenError, type JsonSchema, type SchemaDocument } from '../types.js';
import { classify, type Change } from './classify.js';

export interface ObjectChanges {
  object: string;
  /** The page, as shown to the user. */
  page: string;
  /** The committed schema compared with, as shown; undefined when the page has none (writeSchemas off). */
  schema?: string;
  /** The page's schema had not been committed yet: everything is new. */
  isNew: boolean;
  changes: Change[];
}

/** Classify every page of the plan against its committed canonical schema. */
export async function committedChanges(plan: Plan): Promise<ObjectChanges[]> {
  const inputs = readInputs(plan);
  const { extractAll } = await import('../extract.js');
  let docs: SchemaDocument[];
  try {
    docs = await extractAll(inputs.pages, inputs.openapi);
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    const names = new Map(plan.pages.map((p) => [p.rel, displayPath(p.abs, plan.cwd)]));
    throw new CodegenError(error.problems.map((p) => ({ ...p, file: names.get(p.file) ?? p.file })));
  }
  const out: ObjectChanges[] = [];
  for (const page of plan.pages) {
    const doc = docs.find((d) => d.source === page.rel);
    if (!doc) continue;
    const shownPage = displayPath(page.abs, plan.cwd);
    if (!page.besideSchema) {
      out.push({ object: doc.name, page: shownPage, isNew: true, changes: classify(undefined, doc) });
      continue;
    }
    const path = join(dirname(page.abs), `${doc.slug}.schema.json`);
    const shown = displayPath(path, plan.cwd);
    let before: JsonSchema | undefined;
    try {
      before = JSON.parse(readFileSync(path, 'utf8')) as JsonSchema;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new CodegenError([{ file: shown, at: '', rule: 'diff', message: 'the committed schema is not readable JSON; restore it from git, or delete it to treat the object as new' }]);
      }
    }
    const changes = classify(before ? { name: typeof before.title === 'string' ? before.title : doc.name, schema: before } : undefined, doc);
    out.push({ object: doc.name, page: shownPage, schema: shown, isNew: before === undefined, changes });
  }
  return out;
}
