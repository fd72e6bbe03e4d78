/**
 * Issue 17: the schemas the generated package ships (`schemas/<object>.schema.json`) compile with AJV in its
 * default strict mode (they failed on `x-enumDescriptions`, an unknown keyword), and mean what the canonical
 * schema means to a validator.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { customerSession, emit, fixture, repoRoot } from './code-helpers.js';
import type { SchemaDocument } from '../../generators/types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const strictAjv = (): Ajv2020 => addFormats(new Ajv2020());

const annotated: SchemaDocument = {
  slug: 'annotated',
  name: 'Annotated',
  source: 'annotated.schema.json',
  schema: {
    title: 'Annotated',
    type: 'object',
    properties: {
      'x-custom': { type: 'string', 'x-notOnPage': true },
      status: { type: 'string', enum: ['A', 'B'], 'x-openEnum': true, 'x-enumDescriptions': { A: 'first' } },
      ref: { $ref: '#/$defs/Thing' },
    },
    $defs: { Thing: { type: 'integer', 'x-maxDigits': 3 } },
  } as never,
};

describe('the shipped schemas', () => {
  it('compile under AJV\'s default strict mode and keep property names that start with x-', async () => {
    const docs = [customerSession(), fixture('order'), annotated];
    const files = await emit(docs);
    for (const doc of docs) {
      const shipped = JSON.parse(files.find((f) => f.path === `schemas/${doc.slug}.schema.json`)?.contents ?? '{}');
      expect(() => strictAjv().compile(doc.schema), `${doc.slug}: the canonical schema has x- annotations`).toThrow(/strict mode: unknown keyword: "x-/);
      const validate = strictAjv().compile(shipped);
      expect(JSON.stringify(shipped)).not.toMatch(/"x-(?!custom)/);
      if (doc === annotated) {
        expect(Object.keys(shipped.properties)).toEqual(['x-custom', 'status', 'ref']);
        expect(validate({ 'x-custom': 'y', status: 'A', ref: 12 })).toBe(true);
        expect(validate({ 'x-custom': 1 })).toBe(false);
      }
    }
    const payload = JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'code', 'order.json'), 'utf8')).examples?.[0];
    if (payload !== undefined) expect(strictAjv().compile(JSON.parse(files.find((f) => f.path === 'schemas/order.schema.json')!.contents))(payload)).toBe(true);
  });
});
