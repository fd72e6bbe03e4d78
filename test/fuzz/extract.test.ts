/**
 * Extractor fuzzing: random mutations of the real corpus pages (both ReadMe formats and Mintlify) must
 * never crash the extractor. Each mutated page gives either a schema that passes the 2020-12 meta-schema
 * or a CodegenError whose problems name the file, a rule and a message. fast-check runs with a fixed
 * seed, so a failure reproduces and comes shrunk to a short list of mutations; set FUZZ_RUNS to run more.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../../generators/extract.js';
import { CodegenError, YUNO_KEYWORDS } from '../../generators/types.js';
import { corpusPages, mutate, mutation, type Mutation } from './mutate.js';

const RUNS = Number(process.env['FUZZ_RUNS'] ?? 0);
const SEED = Number(process.env['FUZZ_SEED'] ?? 20_240_611);

const metaSchema = new Ajv2020({ strict: false });
metaSchema.addVocabulary([...YUNO_KEYWORDS]);

/** What the extractor must do with any input: a valid schema or a clean error. Returns which. */
export async function extractOrCleanError(path: string, bytes: Uint8Array): Promise<'schema' | 'error'> {
  try {
    const doc = await extract({ path, bytes });
    if (!metaSchema.validateSchema(doc.schema)) {
      throw new Error(`schema fails the 2020-12 meta-schema: ${metaSchema.errorsText(metaSchema.errors)}`);
    }
    return 'schema';
  } catch (error) {
    if (!(error instanceof CodegenError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    for (const p of error.problems) {
      expect(p.file).toBe(path);
      expect(typeof p.at).toBe('string');
      expect(p.rule).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(p.message.length).toBeGreaterThan(10);
      expect(p.message).not.toMatch(/\bundefined\b|\[object |\bNaN\b/);
    }
    return 'error';
  }
}

const pages = corpusPages();
/** Pages under 30 kB get most runs: the 230 kB payment page alone takes a tenth of a second to extract. */
const small = pages.filter((p) => p.text.length < 30_000);
const large = pages.filter((p) => p.text.length >= 30_000);

function relative(path: string): string {
  return path.slice(path.indexOf('yuno-pages'));
}

async function fuzz(set: typeof pages, runs: number, maxMutations: number): Promise<Record<string, number>> {
  const seen: Record<string, number> = { schema: 0, error: 0 };
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: set.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: maxMutations }), async (i, mutations: Mutation[]) => {
      const page = set[i]!;
      const outcome = await extractOrCleanError(relative(page.path), mutate(page.text, mutations));
      seen[outcome] = (seen[outcome] ?? 0) + 1;
    }),
    { seed: SEED, numRuns: runs, endOnFailure: false },
  );
  return seen;
}

describe('extractor fuzzing on mutated corpus pages', () => {
  it(`small pages (${small.length}): mutated pages give a valid schema or a clean CodegenError`, async () => {
    const seen = await fuzz(small, RUNS || 1200, 4);
    if (process.env["FUZZ_RUNS"]) console.log(seen);
    // Both outcomes occur: the mutations neither always break the page nor never do.
    expect(seen['schema']).toBeGreaterThan(0);
    expect(seen['error']).toBeGreaterThan(0);
  });

  it(`large pages (${large.length}): mutated pages give a valid schema or a clean CodegenError`, async () => {
    const seen = await fuzz(large, Math.ceil((RUNS || 1200) / 30), 3);
    expect((seen['schema'] ?? 0) + (seen['error'] ?? 0)).toBeGreaterThan(0);
  });
});
