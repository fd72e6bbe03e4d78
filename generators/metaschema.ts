/**
 * Every schema is checked before anything is generated from it or written: against the draft 2020-12
 * meta-schema with AJV in strict mode, then for keywords AJV's strict mode would reject.
 *
 * Extracted schemas use only the keywords schema.ts writes, so a walk over their keys is the strict
 * check (compiling a 780-field page costs AJV ~300 ms). Hand-written schemas that stay in that subset get
 * the same walk; any other is compiled by AJV in strict mode, which also rejects unknown keywords and
 * formats and misplaced keywords, with AJV's own message.
 */
import type { Ajv2020 as AjvType } from 'ajv/dist/2020.js';
import { AJV_OPTIONS } from './ajv-options.js';
import { loadPrecompiled } from './assets.js';
import { checkSupported } from './schema/supported.js';
import { walkSchema } from './schema/walk.js';
import { CodegenError, YUNO_KEYWORDS, type JsonSchema, type Problem, type SchemaDocument } from './types.js';

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

/** The keywords an extracted schema may hold, by where they appear. */
const SCHEMA_KEYWORDS = new Set([
  '$schema', '$id', '$ref', '$defs', 'title', 'description', 'type', 'format', 'enum', 'const', 'anyOf',
  'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf', 'minProperties', 'minItems', 'maxItems', 'items', 'properties', 'required',
  'examples', ...YUNO_KEYWORDS,
]);
const FORMATS = new Set(['date-time', 'date']);

interface MetaCheck {
  (schema: unknown): boolean;
  errors?: { instancePath: string; message?: string }[] | null;
}
let metaCheck: Promise<MetaCheck> | undefined;

/** The meta-schema check: precompiled at build time (scripts/precompile.mjs), or compiled here from source. */
function loadMetaCheck(): Promise<MetaCheck> {
  metaCheck ??= loadPrecompiled<MetaCheck>('metaschema-2020-12.cjs').then(
    async (built) => {
      if (built) return built;
      const a = await strictAjv();
      const check: MetaCheck = (schema) => {
        const ok = a.validateSchema(schema as object) as boolean;
        check.errors = a.errors as MetaCheck['errors'];
        return ok;
      };
      return check;
    },
  );
  return metaCheck;
}

export async function checkSchema(doc: SchemaDocument, options: { extracted?: boolean } = {}): Promise<void> {
  // First, iteratively: the meta-schema check and the emitters recurse once per level.
  checkNesting(doc);
  const meta = await loadMetaCheck();
  const problems: Problem[] = [];
  if (!meta(doc.schema)) {
    for (const e of meta.errors ?? []) {
      problems.push({
        file: doc.source,
        at: e.instancePath || '/',
        rule: 'meta-schema',
        message: `${e.message ?? 'is invalid'} (JSON Schema 2020-12 meta-schema); fix the schema at this pointer`,
      });
    }
    throw new CodegenError(problems);
  }
  checkAnnotations(doc.schema, (pointer, message) => problems.push({ file: doc.source, at: pointer, rule: 'annotations', message }));
  if (problems.length > 0) throw new CodegenError(problems);
  walkKeywords(doc.schema, '', (pointer, message) => problems.push({ file: doc.source, at: pointer || '/', rule: 'strict-schema', message }));
  if (options.extracted && problems.length > 0) throw new CodegenError(problems);
  if (!options.extracted) {
    // What the emitters cannot build (dynamic references, $ref chains deeper than AJV's stack), refused
    // here so that no emitter, docs included, starts on such a schema.
    checkSupported(doc.schema, doc.source);
  }
  // A hand-written schema in the extracted keywords' subset needs no compile either; others are judged by AJV.
  if (problems.length === 0) return;
  try {
    const a = await strictAjv();
    a.compile({ ...doc.schema, $id: undefined });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new CodegenError([
      { file: doc.source, at: '/', rule: 'strict-schema', message: `AJV strict mode rejects the schema: ${message}; remove or fix that keyword` },
    ]);
  }
}

function walkKeywords(schema: JsonSchema, pointer: string, report: (pointer: string, message: string) => void): void {
  for (const key of Object.keys(schema)) {
    if (!SCHEMA_KEYWORDS.has(key)) report(`${pointer}/${key}`, `unknown keyword "${key}" (strict mode); remove it`);
  }
  if (schema.format !== undefined && !FORMATS.has(schema.format)) report(`${pointer}/format`, `unknown format "${schema.format}" (strict mode)`);
  const escape = (k: string): string => k.replace(/~/g, '~0').replace(/\//g, '~1');
  for (const [k, v] of Object.entries(schema.properties ?? {})) walkKeywords(v, `${pointer}/properties/${escape(k)}`, report);
  for (const [k, v] of Object.entries(schema.$defs ?? {})) walkKeywords(v, `${pointer}/$defs/${escape(k)}`, report);
  if (schema.items) walkKeywords(schema.items, `${pointer}/items`, report);
  for (const v of (schema.anyOf as JsonSchema[] | undefined) ?? []) walkKeywords(v, `${pointer}/anyOf`, report);
}

/** The fields of one `x-reconciled` entry (types.ts `Reconciliation`) and what each must hold. */
const RECONCILIATION_FIELDS: Record<string, [(value: unknown) => boolean, string]> = {
  rule: [(v) => typeof v === 'string' && v !== '', 'a non-empty string (the rule\'s name)'],
  page: [(v) => typeof v === 'string', 'a string (what the page states)'],
  api: [(v) => typeof v === 'string', 'a string (what the evidence shows)'],
  result: [(v) => typeof v === 'string', 'a string (what the schema says now)'],
  count: [(v) => Number.isSafeInteger(v) && (v as number) >= 0, 'a whole number of examples, 0 or more'],
  evidence: [(v) => Array.isArray(v) && v.every((e) => typeof e === 'string'), 'a list of strings'],
};

/**
 * Our annotation keywords hold what the emitters expect (AJV, with them registered as a vocabulary, takes
 * any value): `x-openEnum` a boolean, and when true beside an `enum` list and a `type` (the default
 * validators accept any value of that type, the types add it to the listed values); `x-notOnPage` a
 * boolean; `x-reconciled` a list of `Reconciliation` records, each with exactly its six fields.
 */
export function checkAnnotations(schema: JsonSchema, report: (pointer: string, message: string) => void): void {
  walkSchema(schema, (node, pointer) => {
    const at = (key: string): string => `${pointer}/${key}`;
    const open = node['x-openEnum'];
    if (open !== undefined) {
      if (typeof open !== 'boolean') report(at('x-openEnum'), `"x-openEnum" must be true or false (got ${JSON.stringify(open)})`);
      else if (open && !(Array.isArray(node['enum']) && node['enum'].length > 0)) {
        report(at('x-openEnum'), '"x-openEnum": true needs an "enum" list beside it (the documented values)');
      } else if (open && node['type'] === undefined) {
        report(at('x-openEnum'), '"x-openEnum": true needs a "type" beside it: the default validators accept any value of that type');
      }
    }
    const notOnPage = node['x-notOnPage'];
    if (notOnPage !== undefined && typeof notOnPage !== 'boolean') {
      report(at('x-notOnPage'), `"x-notOnPage" must be true or false (got ${JSON.stringify(notOnPage)})`);
    }
    const reconciled = node['x-reconciled'];
    if (reconciled === undefined) return;
    if (!Array.isArray(reconciled)) {
      report(at('x-reconciled'), '"x-reconciled" must be a list of reconciliations ({ rule, page, api, result, count, evidence })');
      return;
    }
    reconciled.forEach((entry: unknown, i) => {
      const where = `${at('x-reconciled')}/${i}`;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        report(where, 'a reconciliation must be an object { rule, page, api, result, count, evidence }');
        return;
      }
      const record = entry as Record<string, unknown>;
      for (const [field, [holds, what]] of Object.entries(RECONCILIATION_FIELDS)) {
        if (!Object.hasOwn(record, field)) report(where, `a reconciliation needs "${field}": ${what}`);
        else if (!holds(record[field])) report(`${where}/${field}`, `"${field}" must be ${what} (got ${JSON.stringify(record[field])})`);
      }
      for (const key of Object.keys(record)) {
        if (!Object.hasOwn(RECONCILIATION_FIELDS, key)) report(`${where}/${key}`, `unknown field "${key}" in a reconciliation; its fields are ${Object.keys(RECONCILIATION_FIELDS).join(', ')}`);
      }
    });
  });
}

/** Subschemas nested deeper than this are refused: the emitters walk schemas recursively. */
export const MAX_SCHEMA_DEPTH = 200;

const NESTING_KEYWORDS = new Set([
  'properties', 'items', 'prefixItems', 'additionalProperties', 'patternProperties', '$defs', 'definitions',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'dependentSchemas',
  'unevaluatedItems', 'unevaluatedProperties',
]);

function checkNesting(doc: SchemaDocument): void {
  let deepest = { depth: 0, pointer: '' };
  walkSchema(doc.schema, (_node, pointer) => {
    // A level is one step through a keyword that holds subschemas (a property called "items" counts too: harmless).
    const depth = pointer.split('/').filter((token) => NESTING_KEYWORDS.has(token)).length;
    if (depth > deepest.depth) deepest = { depth, pointer };
  });
  if (deepest.depth > MAX_SCHEMA_DEPTH) {
    throw new CodegenError([
      {
        file: doc.source,
        at: deepest.pointer,
        rule: 'limits',
        message: `subschemas are nested ${deepest.depth} levels deep here, more than ${MAX_SCHEMA_DEPTH}; move nested objects into "$defs" and refer to them`,
      },
    ]);
  }
}
