/**
 * Stage 3, schema: FieldTree (+ the page's reviewed overrides) → SchemaDocument, the canonical JSON
 * Schema (draft 2020-12). Every convention is a named rule in rules/; this file applies them in order and
 * collects every problem of the page before failing.
 */
import { loadCountries } from './assets.js';
import { conforms, isPlainObject as isRecord } from './conforms.js';
import { constraints, numericBounds, type Constraints } from './rules/constraints.js';
import { STOP, applyFieldRules, type FieldRule } from './rules/field-rule.js';
import { enumRule, type EnumRule } from './rules/enums.js';
import { exampleValue, splitExample, type ExampleType } from './rules/examples.js';
import { kebabCase, nameWords, objectWords, typeName, words } from './rules/names.js';
import { requiredness } from './rules/required.js';
import { saysNullable } from './rules/nullable.js';
import { KNOWN_TYPE_WORDS, typeWord, type ItemKind, type Kind, type TypeWord } from './rules/type-words.js';
import { DOCS_BASE } from './rules/links.js';
import { RECONCILE_RULES, makeNullable, reconcileField } from './reconcile/reconcile.js';
import { CodegenError, type FieldTree, type JsonSchema, type Problem, type RawField, type SchemaDocument, type Segment } from './types.js';

export const SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';
const COUNTRY_REF = '#/$defs/CountryCode';
const COUNTRY_PAGE = `${DOCS_BASE}country-reference`;

/** The reviewed facts a page does not state, in `<page>.overrides.json` next to the page. */
export interface Overrides {
  /** Replaces the object name taken from the page title. */
  title?: string;
  /** By field path (`amount.currency`; array items' fields as `metadata.key`). */
  fields?: Record<string, FieldOverride>;
}

export interface FieldOverride {
  /** Wins over the page and over the evidence, both ways. */
  required?: boolean;
  /** Wins over the page's type word and prose. */
  nullable?: boolean;
  /** Reconciliation rules (`nullable`, `bounds`, …) not to apply to this field. */
  refuse?: string[];
  /**
   * The name of the field's object type (of its items, for an array of objects) in the generated code, instead of
   * the one the naming rule gives (`PaymentCustomerPayerBillingAddress`). Fields given one name must have one
   * shape: `billing_address` and `shipping_address` → `Address`, one type.
   */
  typeName?: string;
}

interface Context {
  file: string;
  problems: Problem[];
  usesCountry: boolean;
  /** What local references in a field schema point at, for checking examples. */
  root: JsonSchema;
  overrides: Map<string, FieldOverride>;
  /** The overrides file (for problems in it). */
  overridesFile: string;
  /** The `typeName` overrides so far: the first field given each name, and its shape. */
  typeNames: Map<string, { path: string; shape: string }>;
  /** Line of each field on the page, by field path. */
  lines: Map<string, number>;
}

/** The page's schema with what the later stages need from the page: field lines and the overrides. */
export interface PageSchema {
  doc: SchemaDocument;
  lines: Map<string, number>;
  overrides: Overrides;
  overridesPath: string;
}

export function toSchema(tree: FieldTree, overridesFile?: { path: string; text: string }): SchemaDocument {
  const page = pageSchema(tree, overridesFile);
  const problems = unusedOverrides(page);
  if (problems.length > 0) throw new CodegenError(problems);
  return page.doc;
}

/** The page's own schema (its examples reconciled), before any API evidence. */
export function pageSchema(tree: FieldTree, overridesFile?: { path: string; text: string }): PageSchema {
  const problems: Problem[] = [];
  const overrides = readOverrides(overridesFile, problems);
  const ctx: Context = {
    file: tree.page.path,
    problems,
    usesCountry: false,
    root: { $defs: { CountryCode: countryCodeSchema() } },
    overrides: new Map(Object.entries(overrides.fields ?? {})),
    overridesFile: overridesFile?.path ?? tree.page.path,
    typeNames: new Map(),
    lines: new Map(),
  };
  const parts = overrides.title ? words(overrides.title) : objectWords(tree.page.title, tree.page.path);
  const name = typeName(parts);
  const slug = kebabCase(parts);
  if (!name) {
    problems.push({ file: ctx.file, at: 'front matter', rule: 'object-names', message: 'the page has no title to name the object; add `title: The … Object` to its front matter' });
  }
  const object = objectSchema(tree.fields, '', ctx);
  if (problems.length > 0) throw new CodegenError(problems);
  const schema: JsonSchema = {
    $schema: SCHEMA_DIALECT,
    $id: `urn:yuno-codegen:${slug}`,
    title: name,
    description: tree.description,
    ...object,
  };
  if (ctx.usesCountry) schema.$defs = { CountryCode: countryCodeSchema() };
  return {
    doc: { slug, name, source: tree.page.path, schema: canonicalOrder(schema) },
    lines: ctx.lines,
    overrides,
    overridesPath: overridesFile?.path ?? ctx.file,
  };
}

/** An override naming a field the final schema does not have is an error: a renamed field must not lose it silently. */
export function unusedOverrides(page: PageSchema): Problem[] {
  const paths = new Set<string>();
  const walk = (s: JsonSchema | undefined, prefix: string): void => {
    if (!s) return;
    for (const [key, child] of Object.entries(s.properties ?? {})) {
      const path = prefix ? `${prefix}.${key}` : key;
      paths.add(path);
      walk(child, path);
    }
    walk(isRecord(s.items) ? (s.items as JsonSchema) : undefined, prefix);
    for (const branch of Array.isArray(s.anyOf) ? (s.anyOf as JsonSchema[]) : []) walk(branch, prefix);
  };
  walk(page.doc.schema, '');
  // A field the API sends that the overrides keep out (refuse "api-field") is rightly absent.
  return Object.entries(page.overrides.fields ?? {})
    .filter(([path, o]) => !paths.has(path) && !(o.refuse ?? []).includes('api-field'))
    .map(([path]) => path)
    .map((path) => ({
      file: page.overridesPath,
      at: `/fields/${path}`,
      rule: 'overrides',
      message: `the overrides name field "${path}", which the page does not have; remove it or fix the path`,
    }));
}

/** The shared definition every two-letter country field references, from Yuno's Country reference. */
export function countryCodeSchema(): JsonSchema {
  const countries = loadCountries();
  return {
    title: 'CountryCode',
    description: `ISO 3166-1 alpha-2 country code, as listed in Yuno's [Country reference](${COUNTRY_PAGE}).`,
    type: 'string',
    enum: countries.map((c) => c.code),
    'x-enumDescriptions': Object.fromEntries(countries.map((c) => [c.code, c.name])),
  };
}

function objectSchema(fields: RawField[], path: string, ctx: Context): JsonSchema {
  // No prototype: a field named `__proto__` must become a property, not replace the prototype.
  const properties: Record<string, JsonSchema> = Object.create(null) as Record<string, JsonSchema>;
  const required: string[] = [];
  const lines = new Map<string, number>();
  for (const field of fields) {
    const req = requiredness(field, field.segments[0]?.text ?? '');
    const fieldPath = path ? `${path}.${req.name}` : req.name;
    if (!req.name) {
      ctx.problems.push({ file: ctx.file, at: `line ${field.line}`, rule: 'field-names', message: 'a field has an empty name; write its name in <code>…</code>' });
      continue;
    }
    const earlier = lines.get(req.name);
    const override = ctx.overrides.get(fieldPath);
    if (!ctx.lines.has(fieldPath)) ctx.lines.set(fieldPath, field.line);
    const schema = fieldSchema(field, fieldPath, override?.nullable, ctx);
    // A field repeated word for word (the payment page lists `metadata` twice) is one field.
    if (earlier !== undefined && schema && JSON.stringify(schema) === JSON.stringify(properties[req.name])) continue;
    if (earlier !== undefined) {
      ctx.problems.push({
        file: ctx.file,
        at: `${fieldPath}, line ${field.line}`,
        rule: 'field-names',
        message: `duplicate field "${req.name}" (also on line ${earlier}); remove or rename one of them`,
      });
      continue;
    }
    lines.set(req.name, field.line);
    if (!schema) continue;
    if (override?.typeName !== undefined) nameObjectType(schema, override.typeName, fieldPath, ctx);
    properties[req.name] = schema;
    if (override?.required ?? req.required) required.push(req.name);
  }
  const out: JsonSchema = { type: 'object', properties };
  if (required.length > 0) out.required = required;
  return out;
}

/**
 * The `typeName` override: the field's object (or its items' object) gets the name as its `title`, which the
 * naming stage uses for its type (emit/naming.ts); fields given one name with different shapes are an error.
 */
function nameObjectType(schema: JsonSchema, name: string, path: string, ctx: Context): void {
  const target = isRecord(schema.properties) ? schema : isRecord(schema.items) && isRecord((schema.items as JsonSchema).properties) ? (schema.items as JsonSchema) : undefined;
  if (target === undefined) {
    ctx.problems.push({ file: ctx.overridesFile, at: `/fields/${path}/typeName`, rule: 'overrides', message: `"typeName" names an object type, and field "${path}" has no fields of its own on the page; remove it` });
    return;
  }
  target.title = name;
  const shape = JSON.stringify(target, (key, value: unknown) => (key === 'description' || key === 'examples' || key.startsWith('x-') ? undefined : value));
  const first = ctx.typeNames.get(name);
  if (first === undefined) ctx.typeNames.set(name, { path, shape });
  else if (first.shape !== shape) {
    ctx.problems.push({
      file: ctx.overridesFile,
      at: `/fields/${path}/typeName`,
      rule: 'overrides',
      message: `"typeName" gives "${name}" to "${first.path}" and "${path}", whose fields differ on the page; one type needs one shape: give them different names`,
    });
  }
}

/** One field on its way to its schema, as the field rules read and fill it. */
interface FieldState {
  field: RawField;
  path: string;
  ctx: Context;
  /** From the overrides file: wins over the type word and the prose. */
  forceNullable: boolean | undefined;
  /** The description pieces without the example, their text, and the description (Markdown) so far. */
  pieces: Segment[];
  text: string;
  description: string;
  /** The example as written (`Example: …`), if any. */
  example: string | undefined;
  word: TypeWord;
  kind: Kind;
  limits: Constraints;
  nullable: boolean;
  schema: JsonSchema;
  exampleType: ExampleType;
}

/** The rules that make a field's schema, in order (rules/field-rule.ts). */
const FIELD_RULES: readonly FieldRule<FieldState>[] = [
  {
    name: 'type-words',
    apply: (s, report) => {
      const word = typeWord(s.field.typeWord);
      if (!word) {
        report(
          s.field.typeWord
            ? `unknown type word "${s.field.typeWord}"; use one of ${KNOWN_TYPE_WORDS.join(', ')}`
            : 'the field has no type word; add one after the name, e.g. <small>string</small>',
        );
        return STOP;
      }
      s.word = word;
      s.kind = word.type;
    },
  },
  {
    name: 'constraints',
    apply: (s, report) => {
      const limits = constraints(s.text);
      for (const message of limits.problems) report(message);
      s.limits = limits.value;
    },
  },
  {
    // A decimal MAX/MIN on a field whose bounds count characters or items (`string`, MAX 999.99) is no count: the
    // page documents a number as a string, as Yuno's pages do. The bound stays in the description and bounds
    // nothing (a whole page refused for it would be worse, and a length of 999 would be a guess).
    name: 'lengths',
    apply: (s) => {
      const { kind, limits } = s;
      if (kind.kind !== 'string' && kind.kind !== 'enum' && kind.kind !== 'array') return;
      const whole = (n: number | undefined): number | undefined => (n !== undefined && Number.isInteger(n) ? n : undefined);
      s.limits = { ...limits, max: whole(limits.max), min: whole(limits.min) };
    },
  },
  {
    name: 'strings',
    apply: (s) => {
      const { kind, limits: { max, min } } = s;
      if (kind.kind !== 'string' && kind.kind !== 'enum') return;
      // Two letters: `MAX 2` (and no other MIN), or an explicit ISO 3166-1 "alpha-2".
      const twoLetters = (max === 2 && (min === undefined || min === 2)) || (max === undefined && min === undefined && /alpha[\s-]?2/i.test(s.text));
      const rule = enumRule(s.field, s.pieces, twoLetters);
      s.exampleType = 'string';
      if (rule.kind === 'country') {
        s.ctx.usesCountry = true;
        s.schema = { $ref: COUNTRY_REF };
        return;
      }
      s.schema = { type: 'string' };
      if (kind.kind === 'string' && kind.format) s.schema.format = kind.format;
      const note = applyEnum(s.schema, rule, kind.kind === 'enum', s.text);
      if (note) s.description = appendSentence(s.description, note);
      const values = rule.kind === 'values' ? rule.values : [];
      // Lengths the listed values break are not applied: the list is the stronger statement.
      const fits = values.every((v) => (min === undefined || codePoints(v) >= min) && (max === undefined || codePoints(v) <= max));
      if (fits) {
        if (min !== undefined) s.schema.minLength = min;
        if (max !== undefined) s.schema.maxLength = max;
      }
    },
  },
  {
    name: 'numbers',
    apply: (s) => {
      const { kind, limits: { max, min, multipleOf }, example } = s;
      if (kind.kind !== 'integer' && kind.kind !== 'number') return;
      s.schema = { type: kind.kind };
      s.exampleType = kind.kind;
      if (multipleOf !== undefined) s.schema.multipleOf = multipleOf;
      if (numericBounds(s.text, max, min, example === undefined ? undefined : exampleValue(example, kind.kind, false)?.value) === 'values') {
        if (max !== undefined) s.schema.maximum = max;
        if (min !== undefined) s.schema.minimum = min;
      } else {
        // Digit counts: documentation only.
        if (max !== undefined) s.schema['x-maxDigits'] = max;
        if (min !== undefined) s.schema['x-minDigits'] = min;
      }
    },
  },
  {
    name: 'booleans',
    apply: (s) => {
      if (s.kind.kind !== 'boolean') return;
      s.schema = { type: 'boolean' };
      s.exampleType = 'boolean';
    },
  },
  {
    name: 'objects',
    apply: (s) => {
      if (s.kind.kind !== 'object') return;
      s.schema = objectSchema(s.field.children, s.path, s.ctx);
      s.exampleType = 'object';
    },
  },
  {
    name: 'arrays',
    apply: (s) => {
      const { kind, limits: { max, min } } = s;
      if (kind.kind !== 'array') return;
      s.schema = { type: 'array', items: arrayItems(s.field, kind.of, kind.format, s.pieces, s.path, s.ctx) };
      if (min !== undefined) s.schema.minItems = min;
      if (max !== undefined) s.schema.maxItems = max;
      s.exampleType = 'array';
    },
  },
  {
    name: 'structure',
    apply: (s, report) => {
      if (s.kind.kind === 'object' || s.kind.kind === 'array' || s.field.children.length === 0) return;
      report(`a ${s.field.typeWord} field has nested fields; make it an object or move the nested fields out`);
      return STOP;
    },
  },
  {
    name: 'nullable',
    apply: (s) => {
      s.nullable = s.forceNullable ?? (s.word.nullable || saysNullable(s.text));
      if (s.nullable) s.schema = makeNullable(s.schema);
    },
  },
  {
    name: 'descriptions',
    apply: (s) => {
      if (s.description) s.schema.description = s.description;
    },
  },
  {
    name: 'examples',
    apply: (s) => {
      const { example, field, path, ctx } = s;
      if (example === undefined) return;
      const parsed = exampleValue(example, s.exampleType, s.nullable);
      if (parsed && !conforms(parsed.value, s.schema, ctx.root)) {
        // The page's own example is evidence too: a bound or format it breaks is widened, and recorded.
        const refuse = new Set(ctx.overrides.get(path)?.refuse ?? []);
        s.schema = reconcileField(s.schema, [{ value: parsed.value, where: `${ctx.file} line ${field.line} (the page's example)` }], path, {
          refused: (p, rule) => p === path && refuse.has(rule),
          lineOf: () => field.line,
        });
      }
      if (parsed && conforms(parsed.value, s.schema, ctx.root)) s.schema.examples = [parsed.value];
    },
  },
];

function fieldSchema(field: RawField, path: string, forceNullable: boolean | undefined, ctx: Context): JsonSchema | undefined {
  const { description: pieces, example } = splitExample(field.segments);
  const state: FieldState = {
    field,
    path,
    ctx,
    forceNullable,
    pieces,
    text: pieces.map((p) => p.text).join(' '),
    description: pieces.map((p) => p.markdown).join(' '),
    example,
    // Set by the rules: the type word first; the schema by the rule of the field's kind.
    word: { type: { kind: 'string' }, nullable: false },
    kind: { kind: 'string' },
    limits: {},
    nullable: false,
    schema: {},
    exampleType: 'string',
  };
  const at = `${path}, line ${field.line}`;
  const done = applyFieldRules(FIELD_RULES, state, (rule, message) => void ctx.problems.push({ file: ctx.file, at, rule, message }));
  return done ? state.schema : undefined;
}

function arrayItems(field: RawField, of: ItemKind, format: 'date-time' | 'date' | undefined, pieces: RawField['segments'], path: string, ctx: Context): JsonSchema {
  if (of === 'object') {
    // "array of objects" whose single child is a pseudo field like `metadata object` holding the item's fields.
    const only = field.children.length === 1 ? field.children[0]! : undefined;
    const pseudo = only && typeWord(only.typeWord)?.type.kind === 'object' && /\s/.test(only.name.trim());
    if (only && pseudo) {
      const item = objectSchema(only.children, path, ctx);
      const itemDescription = splitExample(only.segments).description.map((s) => s.markdown).join(' ');
      if (itemDescription) item.description = itemDescription;
      return item;
    }
    return objectSchema(field.children, path, ctx);
  }
  // "Array of strings" whose single nested field describes the item (`payments` → `id*`, MAX 64; MIN 36).
  const only = field.children.length === 1 ? field.children[0]! : undefined;
  const onlyKind = only ? typeWord(only.typeWord)?.type.kind : undefined;
  const sameKind = onlyKind === of || (of === 'enum' && onlyKind === 'string') || (of === 'string' && onlyKind === 'enum');
  if (only && sameKind) {
    const item = fieldSchema(only, `${path}[]`, undefined, ctx);
    if (item) return item;
  }
  if (field.children.length > 0) {
    ctx.problems.push({
      file: ctx.file,
      at: `${path}, line ${field.line}`,
      rule: 'structure',
      message: `an array of ${of}s has ${field.children.length} nested fields; give it one nested field describing the item, or make it an array of objects`,
    });
  }
  // An array of enums, or of strings whose values the page lists ("Possible values: `CARD`, `PIX`"): the items' enum.
  if (of === 'enum' || (of === 'string' && !format)) {
    const rule = enumRule(field, pieces, false);
    const items: JsonSchema = { type: 'string' };
    const note = applyEnum(items, rule, of === 'enum', pieces.map((p) => p.text).join(' '));
    if (note && (of === 'enum' || rule.kind !== 'none')) items.description = note;
    return items;
  }
  return format ? { type: of, format } : { type: of };
}

/** Put the enum rule's values on a string schema; the sentence for the description when it gives none. */
function applyEnum(schema: JsonSchema, rule: EnumRule, declaredEnum: boolean, text: string): string | undefined {
  switch (rule.kind) {
    case 'values':
      schema.enum = rule.values;
      if (!isExternalStandard(text)) schema['x-openEnum'] = true;
      if (Object.keys(rule.meanings).length > 0) schema['x-enumDescriptions'] = rule.meanings;
      return undefined;
    case 'reference':
      return `The values are listed in [${rule.text || 'the linked reference'}](${rule.href}); they are not checked here.`;
    default:
      return declaredEnum ? 'The page lists no values for this enum, so any string is accepted.' : undefined;
  }
}

/**
 * Rule "open enums": a list of values Yuno defines (statuses, types, reasons) is what the page knows
 * today, and Yuno adds values as its products grow, so the list is open: the default validators accept
 * other strings and the strict ones only the listed values. A list from an external standard (ISO
 * 4217 currencies, ISO 3166 countries, ISO 639 languages) is closed in both.
 */
export function isExternalStandard(text: string): boolean {
  return /\bISO[\s-]*(?:4217|3166|639)\b/i.test(text);
}

function appendSentence(description: string, sentence: string): string {
  return description ? `${description} ${sentence}` : sentence;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function readOverrides(file: { path: string; text: string } | undefined, problems: Problem[]): Overrides {
  if (!file) return {};
  const fail = (at: string, message: string): Overrides => {
    problems.push({ file: file.path, at, rule: 'overrides', message });
    return {};
  };
  let data: unknown;
  try {
    data = JSON.parse(file.text);
  } catch (error) {
    return fail('', `not valid JSON (${error instanceof Error ? error.message : String(error)}); fix the overrides file`);
  }
  if (!isRecord(data)) return fail('', 'must be a JSON object like {"fields": {"name": {"required": true}}}');
  for (const key of Object.keys(data)) {
    if (!['$schema', 'title', 'fields'].includes(key)) fail(`/${key}`, `unknown key "${key}"; the keys are "title" and "fields"`);
  }
  if (data.title !== undefined && (typeof data.title !== 'string' || words(data.title).length === 0)) {
    fail('/title', `"title" must be a string with letters or digits, such as "The Payment Object" (got ${JSON.stringify(data.title)})`);
    delete data.title;
  }
  if (data.fields !== undefined && !isRecord(data.fields)) return fail('/fields', '"fields" must be an object keyed by field path');
  for (const [path, value] of Object.entries((data.fields as Record<string, unknown>) ?? {})) {
    if (!isRecord(value)) {
      fail(`/fields/${path}`, 'must be an object like {"required": true}');
      continue;
    }
    for (const [k, v] of Object.entries(value)) {
      if (k === 'refuse') {
        const rules = Object.keys(RECONCILE_RULES);
        if (!Array.isArray(v)) fail(`/fields/${path}/refuse`, `"refuse" must be a list of reconciliation rules: ${rules.join(', ')}`);
        else v.forEach((rule, i) => {
          if (!rules.includes(rule as string)) fail(`/fields/${path}/refuse/${i}`, `unknown reconciliation rule ${JSON.stringify(rule)}; the rules are ${rules.join(', ')}`);
        });
      } else if (k === 'typeName') {
        if (typeof v !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(v)) fail(`/fields/${path}/typeName`, `"typeName" must be a type name in PascalCase, such as "Address" (got ${JSON.stringify(v)})`);
      } else if (!['required', 'nullable'].includes(k)) fail(`/fields/${path}/${k}`, `unknown key "${k}"; a field override has "required", "nullable", "refuse" and "typeName"`);
      else if (typeof v !== 'boolean') fail(`/fields/${path}/${k}`, `"${k}" must be true or false`);
    }
  }
  return data as Overrides;
}

/** Fixed key order, so a schema serialises to the same bytes whatever order it was built in. */
const KEY_ORDER = [
  '$schema', '$id', '$ref', 'title', 'description', 'type', 'format', 'enum', 'const', 'anyOf',
  'minLength', 'maxLength', 'minimum', 'maximum', 'multipleOf', 'minItems', 'maxItems', 'items',
  'properties', 'required', 'minProperties', 'additionalProperties', 'examples', 'x-enumDescriptions', 'x-openEnum', 'x-maxDigits', 'x-minDigits', 'x-notOnPage', 'x-reconciled', '$defs',
];

export function canonicalOrder(schema: JsonSchema): JsonSchema {
  const rank = (k: string): number => {
    const i = KEY_ORDER.indexOf(k);
    return i < 0 ? KEY_ORDER.length : i;
  };
  const out: JsonSchema = {};
  for (const key of Object.keys(schema).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))) {
    const value = schema[key];
    if (value === undefined) continue;
    if ((key === 'properties' || key === '$defs') && isRecord(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonicalOrder(v as JsonSchema)]));
    } else if (key === 'items' && isRecord(value)) {
      out[key] = canonicalOrder(value as JsonSchema);
    } else if (key === 'anyOf' && Array.isArray(value)) {
      out[key] = value.map((v) => canonicalOrder(v as JsonSchema));
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** A schema file given with `--schema`: a canonical schema, or a hand-written draft 2020-12 object schema. */
export function fromSchemaFile(file: { path: string; text: string }): SchemaDocument {
  const fail = (at: string, message: string): never => {
    throw new CodegenError([{ file: file.path, at, rule: 'schema-file', message }]);
  };
  let schema: unknown;
  try {
    schema = JSON.parse(file.text.replace(/^\uFEFF/, ''));
  } catch (error) {
    return fail('', `not valid JSON (${error instanceof Error ? error.message : String(error)}); fix the JSON`);
  }
  if (!isRecord(schema)) return fail('', 'a schema file must hold a JSON object');
  const title = typeof schema.title === 'string' ? schema.title : '';
  if (/[\\/]|\.\./.test(title)) {
    return fail('/title', `title "${title}" contains a path; it names the generated files, so use letters, digits and spaces`);
  }
  const parts = title ? words(title) : words(file.path.replace(/^.*[\\/]/, '').split('.')[0] ?? '');
  if (parts.length === 0) return fail('/title', 'the schema has no usable "title"; add one such as "CustomerSession"');
  // A title that is an identifier keeps its case (`OAuth2Token`); any other gives its words capitalised.
  const name = typeName(title && /^[A-Za-z_][A-Za-z0-9_]*$/.test(title) ? nameWords(title) : parts);
  const slug = kebabCase(words(name.replace(/([a-z0-9])([A-Z])/g, '$1 $2')));
  return { slug, name, source: file.path, schema: schema as JsonSchema };
}
