/**
 * Every schema, extracted or hand-written, is checked before anything is generated from it: against
 * the draft 2020-12 meta-schema, then compiled by AJV in strict mode (unknown keywords and formats fail).
 */
import type { Ajv2020 as AjvType } from 'ajv/dist/2020.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { CodegenError, YUNO_KEYWORDS, type Problem, type SchemaDocument } from './types.js';

let ajv: AjvType | undefined;

async function strictAjv(): Promise<AjvType> {
  if (ajv) return ajv;
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = (await import('ajv-formats')) as unknown as { default: (a: AjvType) => AjvType };
  const instance = new Ajv2020({ ...AJV_OPTIONS, allErrors: true, validateFormats: true });
  addFormats(instance);
  instance.addVocabulary([...YUNO_KEYWORDS]);
  ajv = instance;
  return instance;
}

export async function checkSchema(doc: SchemaDocument): Promise<void> {
  const a = await strictAjv();
  const problems: Problem[] = [];
  if (!a.validateSchema(doc.schema)) {
    for (const e of a.errors ?? []) {
      problems.push({
        file: doc.source,
        at: e.instancePath || '/',
        rule: 'meta-schema',
        message: `${e.message ?? 'is invalid'} (JSON Schema 2020-12 meta-schema); fix the schema at this pointer`,
      });
    }
    throw new CodegenError(problems);
  }
  try {
    a.removeSchema(doc.schema.$id ?? '');
    a.compile({ ...doc.schema, $id: undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CodegenError([
      { file: doc.source, at: '/', rule: 'strict-schema', message: `AJV strict mode rejects the schema: ${message}; remove or fix that keyword` },
    ]);
  }
}
