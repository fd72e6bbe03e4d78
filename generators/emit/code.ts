/**
 * The code emitter: canonical schemas → types (json2ts), self-contained validators (AJV standalone) and
 * the files that hold them, for target `package` (ESM + CJS + .d.ts/.d.cts + schemas + package.json) or
 * `ts` (TypeScript sources). Every file is rendered through a template from a model built here.
 */
import type { Renderer } from '../templates.js';
import { CodegenError, type GeneratedFile, type JsonSchema, type Problem, type ResolvedOptions, type SchemaDocument } from '../types.js';
import { compareText } from '../format.js';
import { jsString } from '../escape.js';
import { emitTypes } from './types.js';
import { checkSupported } from '../schema/supported.js';
import { mapSchema, pointerToken, refTokenKey, walkSchema } from '../schema/walk.js';
import { buildValidators, FORMAT_FUNCTIONS, SET_ENUM_MIN, type ObjectValidators, type RuntimeNeeds } from './validators.js';
import { loadRuntime, runtimeCode } from './runtime.js';
import { defTypeName, isTypeName } from '../rules/names.js';
import { applyNestedNames, nameRegistry, planNestedNames, type NestedNames } from './naming.js';

/** Names every generated module may declare besides the objects' own; an object or definition must not take them. */
const RESERVED_NAMES = new Set(['ValidationError', 'ValidationIssue', 'RawIssue', 'CompiledValidator', 'SafeParseResult', 'StandardSchemaV1']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
    'implements interface package private protected public await any boolean number string symbol never unknown object undefined')
    .split(' '),
);
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

interface SharedDef {
  /** The type name (`defTypeName` of the key). */
  name: string;
  schema: JsonSchema;
  source: string;
}

interface ObjectModel {
  doc: SchemaDocument;
  types: string;
  defImports: string[];
  validators?: ObjectValidators;
}

/** What the shared files need of an object once its own files are out: its names and its validators' run-time needs. */
export interface ObjectSummary {
  name: string;
  slug: string;
  source: string;
  needs?: RuntimeNeeds;
}

/**
 * Everything decided across all objects before any object's code is emitted: names checked, shared
 * definitions collected, and which of them are shared enum Sets the validators look up. Plain data (it
 * is sent to the worker threads that emit the objects).
 */
export interface CodePlan {
  options: ResolvedOptions;
  wantTypes: boolean;
  wantValidators: boolean;
  defs: Map<string, SharedDef>;
  sharedEnums: Set<string>;
  /** The names of each object's nested objects (by slug), and of the shared definitions' (see naming.ts). */
  nested: Record<string, NestedNames>;
}

/** All code files at once: plan, then every object, then the shared files (index.ts streams the same steps). */
export async function emitCode(docs: SchemaDocument[], options: ResolvedOptions, renderer: Renderer): Promise<GeneratedFile[]> {
  const plan = planCode(docs, options);
  if (!plan) return [];
  const files: GeneratedFile[] = [];
  const summaries: ObjectSummary[] = [];
  for (const doc of docs) {
    const done = await emitObjectCode(plan, doc, renderer);
    files.push(...done.files);
    const summary = { name: doc.name, slug: doc.slug, source: doc.source };
    summaries.push(done.needs ? { ...summary, needs: done.needs } : summary);
  }
  files.push(...(await emitSharedCode(plan, summaries, renderer)));
  return files;
}

/** Check the objects together and plan the shared module; undefined when neither types nor validators are wanted. */
export function planCode(docs: readonly SchemaDocument[], options: ResolvedOptions): CodePlan | undefined {
  const wantTypes = options.only.includes('types');
  const wantValidators = options.only.includes('validators');
  if (!wantTypes && !wantValidators) return undefined;
  checkNames(docs);
  for (const doc of docs) checkSupported(doc.schema, doc.source);
  const defs = collectDefs(docs);
  const sharedEnums = new Set(
    [...defs].filter(([, d]) => isStringEnum(d.schema.enum) && (d.schema.enum?.length ?? 0) >= SET_ENUM_MIN).map(([key]) => key),
  );
  return { options, wantTypes, wantValidators, defs, sharedEnums, nested: nestedNamesOf(docs, defs) };
}

/**
 * The names of each object's nested objects (by slug), as the types and validators declare them; the docs show
 * them too. Names are unique across the run: every object's module is re-exported by the index.
 */
export function nestedNamesOf(docs: readonly SchemaDocument[], defs = collectDefs(docs)): Record<string, NestedNames> {
  // An object's plan is made for it alone by the code and the docs outputs each: the names are worked out once.
  const one = docs.length === 1 ? (docs[0] as SchemaDocument) : undefined;
  const known = one === undefined ? undefined : namesOfOne.get(one);
  if (known !== undefined) return known;
  const names = planAllNestedNames(docs, defs);
  if (one !== undefined) namesOfOne.set(one, names);
  return names;
}

/** The nested names of a document planned alone, while it is alive (see nestedNamesOf). */
const namesOfOne = new WeakMap<SchemaDocument, Record<string, NestedNames>>();

function planAllNestedNames(docs: readonly SchemaDocument[], defs: Map<string, SharedDef>): Record<string, NestedNames> {
  const claimFor = nameRegistry([...RESERVED_NAMES, ...docs.map((d) => d.name), ...defs.keys(), ...[...defs.values()].map((d) => d.name)]);
  const nested: Record<string, NestedNames> = {};
  for (const doc of docs) nested[doc.slug] = withinStackSync(doc.source, () => planNestedNames(doc.schema, doc.name, claimFor));
  return nested;
}

/** One object's own files (its module in every format, its schema), rendered now so nothing of it needs to be kept. */
export async function emitObjectCode(
  plan: CodePlan,
  doc: SchemaDocument,
  renderer: Renderer,
): Promise<{ files: GeneratedFile[]; needs?: RuntimeNeeds }> {
  const object: ObjectModel = await withinStack(doc.source, async () => {
    const names = plan.nested[doc.slug] ?? {};
    const named = applyNestedNames(doc.schema, doc.name, names);
    // The object's own named types; those of the shared definitions' nested objects are declared in the shared module.
    const shared = new Set(Object.entries(names).filter(([pointer]) => pointer.startsWith('/$defs/')).map(([, name]) => name));
    const own = named.added.filter((def) => !shared.has(def));
    return {
      doc,
      types: await emitTypes(named.schema, doc.name, doc.source, own),
      defImports: usedDefs(doc.schema),
      ...(plan.wantValidators ? { validators: await buildValidators(named.schema, plan.sharedEnums, doc.source) } : {}),
    };
  });
  const files: GeneratedFile[] = [];
  const add = (path: string, contents: string): void => void files.push({ path, contents });
  if (plan.options.target === 'ts') {
    const fmt = { esm: true, cjs: false, ts: true, ext: 'js' };
    add(`${doc.slug}.ts`, renderer.render('object.ts.hbs', objectModel(object, fmt)));
    if (object.validators) {
      // Typed for a strict compile (no @ts-nocheck): the code's parameters and open variables as `any`.
      // The syntax-tree tools (acorn, astring) load only for this target.
      const { annotateForTypeScript } = await import('./js-ast.js');
      const { code, usesRuntime } = annotateForTypeScript(object.validators.code);
      const typed = { ...object, validators: { ...object.validators, code } };
      add(`${doc.slug}.validate.ts`, renderer.render('object.validate.ts.hbs', objectModel(typed, { ...fmt, usesRuntime })));
    }
  } else {
    for (const { fmt, dts } of PACKAGE_FORMATS) {
      add(`${doc.slug}.${dts}`, renderer.render('object.d.ts.hbs', objectModel(object, fmt)));
      if (plan.wantValidators) add(`${doc.slug}.${fmt.ext}`, renderer.render('object.js.hbs', objectModel(object, fmt)));
    }
    add(`schemas/${doc.slug}.schema.json`, `${JSON.stringify(publishedSchema(doc.schema), null, 2)}\n`);
  }
  return object.validators ? { files, needs: object.validators.needs } : { files };
}

/**
 * The schema the package ships for its users' own validators: the canonical schema without our `x-`
 * annotations (open enums, enum meanings, digit counts, reconciliation records), which AJV's default strict
 * mode refuses as unknown keywords. They stay in the canonical schema yuno-codegen reads.
 */
export function publishedSchema(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) => Object.fromEntries(Object.entries(node).filter(([key]) => !key.startsWith('x-'))) as JsonSchema);
}

/** The files every object's module imports or that list all objects: shared module, index, package.json. */
export async function emitSharedCode(plan: CodePlan, objects: ObjectSummary[], renderer: Renderer): Promise<GeneratedFile[]> {
  const { defs, options, wantValidators } = plan;
  const defTypes: string[] = [];
  for (const [key, def] of defs) {
    const at = `/$defs/${pointerToken(key)}/`;
    const names = Object.values(plan.nested).find((n) => Object.keys(n).some((p) => p.startsWith(at))) ?? {};
    // The definition as the root of a schema of its own, so its nested objects are named as in the objects.
    const named = applyNestedNames({ $defs: { [key]: def.schema } }, def.name, names);
    const { $defs: _own, ...schema } = named.schema.$defs?.[key] ?? def.schema;
    defTypes.push(await withinStack(def.source, () => emitTypes({ ...schema, $defs: named.schema.$defs } as JsonSchema, def.name, def.source, named.added)));
  }
  const sharedBanner = banner(objects.length === 1 ? (objects[0]?.source ?? '') : `${objects.length} schemas`);
  const shared = sharedModel(objects, defs, plan.sharedEnums, defTypes.join('\n'), wantValidators, sharedBanner);
  const runtime = wantValidators ? runtimeCode(await loadRuntime(), shared.helpers, shared.keywords) : undefined;
  const files: GeneratedFile[] = [];
  const add = (path: string, contents: string): void => void files.push({ path, contents });
  if (options.target === 'ts') {
    const fmt = { esm: true, cjs: false, ts: true, ext: 'js' };
    add('shared.ts', renderer.render('shared.ts.hbs', { ...shared, ...fmt, runtime: runtime?.ts ?? '' }));
    add('index.ts', renderer.render('index.ts.hbs', indexModel(objects, shared, wantValidators, fmt)));
    return files;
  }
  for (const { fmt, dts } of PACKAGE_FORMATS) {
    add(`shared.${dts}`, renderer.render('shared.d.ts.hbs', { ...shared, ...fmt, runtime: runtime?.dts ?? '' }));
    add(`index.${dts}`, renderer.render('index.d.ts.hbs', indexModel(objects, shared, wantValidators, fmt)));
    if (!wantValidators) continue;
    const code = fmt.cjs ? runtime?.cjs : runtime?.esm;
    add(`shared.${fmt.ext}`, renderer.render('shared.js.hbs', { ...shared, ...fmt, runtime: code ?? '', runtimeExports: runtime?.exports ?? [] }));
    add(`index.${fmt.ext}`, renderer.render('index.js.hbs', indexModel(objects, shared, wantValidators, fmt)));
  }
  const entries = ['index', 'shared', ...objects.map((o) => o.slug)];
  add(
    'package.json',
    renderer.render('package.json.hbs', {
      name: options.packageName,
      version: options.packageVersion,
      validators: wantValidators,
      docs: options.only.includes('docs'),
      fixtures: options.only.includes('fixtures'),
      changelog: options.changelog !== undefined,
      entries: entries.map((slug, i) => ({ slug, subpath: i === 0 ? '.' : `./${slug}`, last: i === entries.length - 1 })),
    }),
  );
  if (options.changelog !== undefined) add('CHANGELOG.md', options.changelog);
  return files;
}

/** The package's two module formats: ESM (`.js` + `.d.ts`) and CommonJS (`.cjs` + `.d.cts`). */
export const PACKAGE_FORMATS = [
  { fmt: { esm: true, cjs: false, ts: false, ext: 'js' }, dts: 'd.ts' },
  { fmt: { esm: false, cjs: true, ts: false, ext: 'cjs' }, dts: 'd.cts' },
] as const;

/**
 * json-schema-to-typescript and AJV's compiler recurse once per nesting level and per `$ref` link; what
 * checkSupported does not foresee must still end as one clear problem, not a crash.
 */
async function withinStack<T>(where: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw tooDeep(where, error);
  }
}

function withinStackSync<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw tooDeep(where, error);
  }
}

/** A RangeError (stack overflow) as the one "too deeply nested" problem; any other error as it is. */
function tooDeep(where: string, error: unknown): unknown {
  if (!(error instanceof RangeError)) return error;
  return new CodegenError([
    {
      file: where,
      at: '',
      rule: 'limits',
      message: `the schema is too deeply nested or its $ref chains too long to generate code from (${error.message}); flatten it or split it into shorter definitions`,
    },
  ]);
}

function banner(source: string): string {
  return `@generated by yuno-codegen from ${source} — do not edit`;
}

/** Everything both targets render for the shared module, minus the module format tags and the run-time code. */
interface SharedModel {
  banner: string;
  validators: boolean;
  types: string;
  formats: { name: string; fn: string }[];
  /** The run-time helpers the validators call besides those every module has (emit/runtime.ts). */
  helpers: string[];
  /** The keywords the error-collecting validators can report: the shared `messageOf` words a message for each. */
  keywords: Set<string>;
  /** `values` is JS code: an array, or with `packed` > 0 a string for the shared `unpack` (head length). */
  sharedEnums: { name: string; values: string; packed: number }[];
  publicTypes: string[];
}

function sharedModel(
  objects: ObjectSummary[],
  defs: Map<string, SharedDef>,
  sharedEnums: Set<string>,
  types: string,
  validators: boolean,
  sharedBanner: string,
): SharedModel {
  const formats = new Set<string>();
  const keywords = new Set<string>();
  let usesEqual = false;
  let usesMultipleOf = false;
  for (const o of objects) {
    for (const f of o.needs?.formats ?? []) formats.add(f);
    for (const k of o.needs?.keywords ?? []) keywords.add(k);
    usesEqual ||= o.needs?.usesEqual ?? false;
    usesMultipleOf ||= o.needs?.usesMultipleOf ?? false;
  }
  const formatList = [...formats].sort(compareText).map((name) => ({ name, fn: FORMAT_FUNCTIONS[name] ?? '' }));
  const enumLists = validators
    ? [...sharedEnums].map((name) => compactList(name, (defs.get(name)?.schema.enum ?? []) as string[]))
    : [];
  const usesUnpack = enumLists.some((e) => e.packed > 0);
  const helpers = [
    ...formatList.map((f) => f.fn),
    ...(usesEqual ? ['deepEqual'] : []),
    ...(usesMultipleOf ? ['isMultipleOf'] : []),
    ...(usesUnpack ? ['unpack'] : []),
  ];
  return {
    banner: sharedBanner,
    validators,
    types,
    formats: formatList,
    helpers,
    keywords,
    sharedEnums: enumLists,
    publicTypes: [...defs.values()].map((d) => d.name).sort(compareText),
  };
}

function objectModel(o: ObjectModel, extras: Record<string, unknown>): Record<string, unknown> {
  return {
    banner: banner(o.doc.source),
    name: o.doc.name,
    slug: o.doc.slug,
    types: o.types,
    defImports: o.defImports,
    validators: o.validators !== undefined,
    validatorCode: o.validators?.code ?? '',
    looseFromStrict: o.validators?.looseFromStrict ?? false,
    ...extras,
  };
}

function indexModel(objects: ObjectSummary[], shared: SharedModel, validators: boolean, fmt: object): object {
  return {
    ...fmt,
    banner: shared.banner,
    validators,
    publicTypes: shared.publicTypes,
    objects: objects.map((o) => ({ name: o.name, slug: o.slug })),
  };
}

/** Shared definitions by name, across all objects; the same name must mean the same schema everywhere. */
function collectDefs(docs: readonly SchemaDocument[]): Map<string, SharedDef> {
  const defs = new Map<string, SharedDef>();
  const problems: Problem[] = [];
  // An object module declares its name's Standard Schemas (`PaymentSchema`, `PaymentStrictSchema`) beside the types it imports.
  const objectNames = new Set(docs.flatMap((d) => [d.name, `${d.name}Schema`, `${d.name}StrictSchema`]));
  const typeNames = new Map<string, string>();
  for (const doc of docs) {
    for (const [name, schema] of Object.entries(doc.schema.$defs ?? {})) {
      const type = defTypeName(name);
      const sameType = typeNames.get(type);
      if (sameType !== undefined && sameType !== name) {
        problems.push({
          file: doc.source,
          at: `/$defs/${pointerToken(name)}`,
          rule: 'names',
          message: `definitions ${JSON.stringify(sameType)} and ${JSON.stringify(name)} would both be the type ${JSON.stringify(type)}; rename one`,
        });
        continue;
      }
      if (!isIdentifier(name) || RESERVED_NAMES.has(type) || objectNames.has(type)) {
        problems.push({
          file: doc.source,
          at: `/$defs/${pointerToken(name)}`,
          rule: 'names',
          message: `definition name ${JSON.stringify(name)} cannot be a type name here; use a PascalCase name not used by an object or by ${[...RESERVED_NAMES].join(', ')}`,
        });
        continue;
      }
      typeNames.set(type, name);
      const seen = defs.get(name);
      if (seen && JSON.stringify(seen.schema) !== JSON.stringify(schema)) {
        problems.push({
          file: doc.source,
          at: `/$defs/${pointerToken(name)}`,
          rule: 'shared-defs',
          message: `definition "${name}" differs from the one in ${seen.source}; shared definitions must be identical (rename one)`,
        });
      } else if (!seen) defs.set(name, { name: type, schema, source: doc.source });
    }
  }
  if (problems.length > 0) throw new CodegenError(problems);
  return new Map([...defs.entries()].sort((a, b) => compareText(a[0], b[0])));
}

function checkNames(docs: readonly SchemaDocument[]): void {
  const problems: Problem[] = [];
  const slugs = new Map<string, string>();
  for (const doc of docs) {
    if (!isTypeName(doc.name) || RESERVED_NAMES.has(doc.name)) {
      problems.push({
        file: doc.source,
        at: '/title',
        rule: 'names',
        message: `object name ${JSON.stringify(doc.name)} is not usable as a type name; give the object a PascalCase title (letters and digits)`,
      });
    }
    if (!SLUG.test(doc.slug) || doc.slug === 'index' || doc.slug === 'shared' || doc.slug === 'package') {
      problems.push({
        file: doc.source,
        at: '/title',
        rule: 'names',
        message: `file name ${JSON.stringify(doc.slug)} is not usable; it must be kebab-case letters and digits and not index, shared or package`,
      });
    }
    const other = slugs.get(doc.slug);
    if (other !== undefined) {
      problems.push({ file: doc.source, at: '/title', rule: 'names', message: `file name "${doc.slug}" is also used by ${other}; rename one object` });
    }
    slugs.set(doc.slug, doc.source);
  }
  if (problems.length > 0) throw new CodegenError(problems);
}

function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name) && !RESERVED_WORDS.has(name);
}

function isStringEnum(values: unknown): values is string[] {
  return Array.isArray(values) && values.every((v) => typeof v === 'string');
}

/** The shared definitions an object's properties refer to (its types import them from the shared module). */
function usedDefs(schema: JsonSchema): string[] {
  const found = new Set<string>();
  const { $defs: _defs, ...rest } = schema;
  // By subschema position: a property named `enum` or `default` holds a schema, an enum value never does.
  walkSchema(rest, (node) => {
    const match = typeof node['$ref'] === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(node['$ref']) : null;
    if (match?.[1] !== undefined) found.add(defTypeName(refTokenKey(match[1])));
  });
  return [...found].sort(compareText);
}

/**
 * A long string list in fewer bytes: codes of one length in printable ASCII (country, currency codes) as
 * groups sharing all but the last character (`"ADE"` is AD and AE), which also gzips to half; anything
 * else as one string split on a separator no value contains, about half the bytes of an array literal.
 */
function compactList(name: string, values: string[]): { name: string; values: string; packed: number } {
  const size = values[0]?.length ?? 0;
  if (size >= 2 && values.every((v) => v.length === size && /^[\x21-\x7e]+$/.test(v)) && new Set(values).size === values.length) {
    const groups = new Map<string, string>();
    for (const v of [...values].sort(compareText)) groups.set(v.slice(0, -1), (groups.get(v.slice(0, -1)) ?? '') + v.slice(-1));
    const packed = [...groups].map(([head, lasts]) => head + lasts).join(' ');
    if (packed.length < values.join(' ').length) return { name, values: jsString(packed), packed: size - 1 };
  }
  const separator = [' ', ',', '|', '\u0001'].find((c) => values.every((v) => !v.includes(c)));
  return {
    name,
    values: separator === undefined ? jsString(values) : `${jsString(values.join(separator))}.split(${jsString(separator)})`,
    packed: 0,
  };
}
