/**
 * Issue 14: the fast validators our own emitter writes (emit/fast.ts) against `ajv.compile` of the schema each
 * checks (validatedSchemas: `is…` the loose one, `is…Strict` the strict one; multipleOf by the exact-decimal
 * oracle), for every corpus object, Mintlify and ReadMe pages, alone and reconciled with Yuno's OpenAPI files:
 * the real payloads (the fixtures' examples), seeded arbitrary values and one-rule-invalid values (the fixtures'
 * generators), and each of those changed the ways a schema-blind caller might (an unknown key, a key set to
 * undefined, a non-plain prototype, a property only inherited, a wrong type at the root).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { protoAsPattern } from '../../generators/emit/proto-keys.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { fastUnsupported } from '../../generators/emit/fast.js';
import type { GenerateOptions, SchemaDocument } from '../../generators/index.js';
import { exactReference } from './exact-decimal.js';
import { corpusOpenApi, corpusPages, generateGroup, type Group } from './fixtures-corpus.js';

const VALUES = 1000;

type Check = (value: unknown) => boolean;

/** The ways a value gets changed: each keeps or breaks validity as the reference says. */
function variants(value: unknown): unknown[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [value, { value }];
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const first = keys[0];
  class Other {}
  const out: unknown[] = [
    value,
    { ...object, unknown_key_added: 1 },
    Object.assign(Object.create(Other.prototype) as object, object),
    Object.assign(Object.create(null) as object, object),
    [object],
    JSON.stringify(object),
  ];
  if (first !== undefined) {
    const { [first]: moved, ...rest } = object;
    out.push({ ...object, [first]: undefined }, Object.assign(Object.create({ [first]: moved }) as object, rest), rest);
  }
  return out;
}

function run(title: string, options: () => GenerateOptions, prefix: string): void {
  describe(title, () => {
    let group: Group;
    beforeAll(async () => {
      group = await generateGroup(options(), prefix);
    }, 180_000);

    it('every object is built by our emitter (no keyword it does not support)', () => {
      const unsupported = group.schemas.map((doc: SchemaDocument) => {
        // As buildValidators hands it over: without the root's $id and $schema (no remote references here).
        const { $id: _id, $schema: _schema, ...schema } = doc.schema;
        const { loose, strict } = validatedSchemas(protoAsPattern(schema));
        return [doc.name, fastUnsupported(loose) ?? fastUnsupported(strict) ?? null];
      });
      expect(unsupported).toEqual(group.schemas.map((doc) => [doc.name, null]));
    });

    it(`is… and is…Strict answer as ajv.compile on the payloads, ${VALUES} arbitrary and ${VALUES} invalid values per object, and their variants`, () => {
      const failed: unknown[] = [];
      for (const doc of group.schemas) {
        const { loose, strict } = validatedSchemas(protoAsPattern(doc.schema));
        const want: [string, Check][] = [
          [`is${doc.name}`, exactReference(loose)],
          [`is${doc.name}Strict`, exactReference(strict)],
        ];
        const compare = (value: unknown, label: string): void => {
          for (const [name, reference] of want) {
            const expected = reference(value);
            if (group.api[name](value) !== expected && failed.length < 10) failed.push({ name, label, expected, value });
          }
        };
        const examples = group.fixtures[`examplesOf${doc.name}`]() as { source: string; value: unknown }[];
        for (const example of examples) for (const v of variants(example.value)) compare(v, example.source);
        for (let seed = 0; seed < VALUES; seed++) {
          for (const v of variants(group.fixtures[`arbitrary${doc.name}`](seed))) compare(v, `arbitrary ${seed}`);
          compare((group.fixtures[`invalid${doc.name}`](seed) as { value: unknown }).value, `invalid ${seed}`);
        }
      }
      expect(failed).toEqual([]);
    }, 600_000);
  });
}

run('Mintlify pages', () => ({ pages: corpusPages('mintlify') }), 'fast-mintlify');
run("Mintlify pages with Yuno's OpenAPI files", () => ({ pages: corpusPages('mintlify'), openapi: corpusOpenApi() }), 'fast-mintlify-openapi');
run('ReadMe pages', () => ({ pages: corpusPages('readme') }), 'fast-readme');
run("ReadMe pages with Yuno's OpenAPI files", () => ({ pages: corpusPages('readme'), openapi: corpusOpenApi() }), 'fast-readme-openapi');
