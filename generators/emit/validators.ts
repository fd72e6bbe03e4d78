/**
 * Validators: self-contained code for each object, in two flavours, each in a loose and a strict (unknown keys
 * rejected) variant:
 *   - fast: stops at the first problem, no messages; used by `is…` and as the first check of `assert…`/`parse…`;
 *     written by our own emitter (fast.ts);
 *   - full: every problem (keyword, params, path; the shared module words the message), AJV's `allErrors` list in
 *     AJV's order; run only after the fast one said no; written by our own emitter (full.ts), one set of
 *     functions for both variants (the strict checks behind a `closed$` switch) when the schema never closes an
 *     object itself and has no `oneOf`, else one per variant.
 * A schema using a keyword outside those emitters' table keeps AJV's standalone code for that flavour (draft
 * 2020-12), made self-contained: AJV's own run-time `require`s are replaced by the helpers in our shared module,
 * which the code reaches as `runtime.*`; AJV and those passes are loaded only then.
 * What each variant checks is validatedSchemas': the default one accepts any value of an open enum's
 * type (`x-openEnum`), the strict one only the listed values. `multipleOf` is exact on decimals (the
 * shared `isMultipleOf`, see useExactMultipleOf).
 * Each validator is its own pure expression, so a bundler drops the ones an app does not call.
 */
import type { CodeKeywordDefinition, KeywordCxt, Options } from 'ajv';
import { AJV_OPTIONS } from '../ajv-options.js';
import { CodegenError, YUNO_KEYWORDS, type JsonSchema } from '../types.js';
import { isMultipleOf, isPlainObject as isObject } from '../conforms.js';
import { protoAsPattern } from './proto-keys.js';
import { ANNOTATIONS, localTarget, mapSchema, refTokenKey, resolvePointer, walkSchema } from '../schema/walk.js';
import { IN_PLACE_LISTS, IN_PLACE_ONE, inPlaceChildren, plainRef, schemaUses, strictChildren, type StrictPosition } from '../schema/positions.js';
import type { AjvTree } from './ajv-output.js';
import { fastPieces } from './fast.js';
import { OPEN_ENUM_KEYWORD, fullCode, type FullOutput } from './full.js';

/** What the validator code of one object needs from the shared module. */
export interface RuntimeNeeds {
  formats: Set<string>;
  usesEqual: boolean;
  /** The code calls the shared exact decimal `isMultipleOf` (our `multipleOf`). */
  usesMultipleOf: boolean;
  /** Keywords the error-collecting code can report: the shared module words a message for each. */
  keywords: Set<string>;
}

export interface ObjectValidators {
  /** Module-neutral JS: defines `fast`, `fastStrict`, `full`, `fullStrict` (and maybe `fastEither`); reads helpers from `runtime`. */
  code: string;
  needs: RuntimeNeeds;
  /** `full` is `fullStrict`: drop its unknown-key errors for the loose variant. */
  looseFromStrict: boolean;
}

/** Enums with this many values or more are checked with a Set (AJV would scan them with a deep-equal call each). */
export const SET_ENUM_MIN = 9;

/** The formats our shared module implements, with the name of its function there. */
export const FORMAT_FUNCTIONS: Record<string, string> = { date: 'isDate', 'date-time': 'isDateTime' };

const ENUM_KEYWORD = 'x-yuno-codegen-enum';
const LENGTH_KEYWORD = 'x-yuno-codegen-length';

type AjvModule = typeof import('ajv/dist/2020.js');
type AjvClass = AjvModule['default'];
type Standalone = typeof import('ajv/dist/standalone/index.js').default;

interface AjvTools {
  /** Draft 2020-12 as `ajv.compile` of the reference uses it (Ajv2020). */
  Ajv2020: AjvClass;
  /** Draft 2020-12 without unevaluated* and $dynamicRef support: same answers for schemas that use neither, less code. */
  AjvLean: AjvClass;
  standalone: Standalone;
  _: AjvModule['_'];
  str: AjvModule['str'];
  stringify: AjvModule['stringify'];
  /** Our syntax-tree passes over AJV's output (ajv-output.ts, js-ast.ts): loaded with AJV, as only its code needs them. */
  output: typeof import('./ajv-output.js');
  cleanValidatorCode: (typeof import('./js-ast.js'))['cleanValidatorCode'];
}

let ajvLoaded: Promise<AjvTools> | undefined;

/** A CommonJS module's export through `import()`: Node puts `module.exports` on `default`. */
function cjs<T>(mod: unknown, name = 'default'): T {
  const m = mod as Record<string, unknown>;
  const moduleExports = (m['default'] ?? m) as Record<string, unknown>;
  return (moduleExports[name] ?? m[name]) as T;
}

/** AJV is heavy: load it on first use only. */
export function loadAjv(): Promise<AjvTools> {
  ajvLoaded ??= (async () => {
    const [mod, core, standaloneMod, coreVocabulary, validation, applicator, format, metadata, next, output, jsAst] = await Promise.all([
      import('ajv/dist/2020.js'),
      import('ajv/dist/core.js'),
      import('ajv/dist/standalone/index.js'),
      import('ajv/dist/vocabularies/core/index.js'),
      import('ajv/dist/vocabularies/validation/index.js'),
      import('ajv/dist/vocabularies/applicator/index.js'),
      import('ajv/dist/vocabularies/format/index.js'),
      import('ajv/dist/vocabularies/metadata.js'),
      import('ajv/dist/vocabularies/next.js'),
      import('./ajv-output.js'),
      import('./js-ast.js'),
    ]);
    const Ajv2020 = cjs<AjvClass>(mod);
    const Core = cjs<AjvClass>(core);
    type Vocabulary = Parameters<InstanceType<AjvClass>['addVocabulary']>[0];
    const vocabularies: Vocabulary[] = [
      cjs<Vocabulary>(coreVocabulary),
      cjs<Vocabulary>(validation),
      cjs<(draft2020: boolean) => Vocabulary>(applicator)(true),
      cjs<Vocabulary>(format),
      cjs<Vocabulary>(metadata, 'metadataVocabulary'),
      cjs<Vocabulary>(metadata, 'contentVocabulary'),
      cjs<Vocabulary>(next),
    ];
    // Ajv2020's vocabularies minus `dynamic` and `unevaluated`, and without its options that make every
    // function track evaluated properties and carry dynamic anchors. No meta-schemas: nothing is validated
    // against them here (metaschema.ts checked the schema before).
    class AjvLean extends Core {
      constructor(opts: Options = {}) {
        super({ ...opts, next: true, unevaluated: false, dynamicRef: false, meta: false });
      }
      override _addVocabularies(): void {
        super._addVocabularies();
        for (const v of vocabularies) this.addVocabulary(v);
      }
    }
    return {
      Ajv2020,
      AjvLean: AjvLean as unknown as AjvClass,
      standalone: cjs<Standalone>(standaloneMod),
      _: mod._,
      str: mod.str,
      stringify: mod.stringify,
      output,
      cleanValidatorCode: jsAst.cleanValidatorCode,
    };
  })();
  return ajvLoaded;
}

/** Keywords that only Ajv2020's full set of options and vocabularies handles. */
const DYNAMIC_KEYWORDS = ['unevaluatedProperties', 'unevaluatedItems', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor'];

/** The AJV options the generated code is compiled with; tests compile the reference the same way. */
export function ajvOptions(): Options {
  return {
    ...AJV_OPTIONS,
    strict: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    validateSchema: false,
    logger: false,
    // Every definition (each named nested object, see naming.ts) is compiled once as its own function:
    // no function grows past what V8 optimises, and a change to one field changes one function.
    inlineRefs: false,
    keywords: [...YUNO_KEYWORDS],
  };
}

/**
 * Build the validator code for one object. `sharedEnums` names the $defs whose enum lives as a Set in the
 * shared module (by def name); their `$ref`s become lookups there.
 */
export async function buildValidators(
  schema: JsonSchema,
  sharedEnums: ReadonlySet<string>,
  where: string,
): Promise<ObjectValidators> {
  schema = protoAsPattern(schema);
  const rootName = typeof schema.title === 'string' && /^[A-Za-z_$][\w$]*$/.test(schema.title) ? schema.title : 'Root';
  const needs: RuntimeNeeds = { formats: new Set(), usesEqual: false, usesMultipleOf: false, keywords: new Set() };
  checkIds(schema, where);
  // Without remote refs the root id only names the function in a comment; dropping it keeps doc-ish text out.
  const source = hasRemoteRef(schema) ? schema : withoutRootId(schema);
  const { loose, strict } = validatedSchemas(source);
  const open = mentionsOpenEnum(schema);
  const neverCloses = !mentionsKeyword(schema, ['additionalProperties', 'unevaluatedProperties']);
  // The strict schema with its open enums' lists behind the `closed$` switch (see gatedOpenEnums), when they can be.
  const gated = open ? gatedOpenEnums(source) : strict;
  // When the schema itself never closes an object, the loose error list is the strict one's (open enums
  // switched off) without the unknown-key errors: one error-collecting validator instead of two.
  const looseFromStrict = neverCloses && gated !== undefined;
  const defs = schema.$defs ?? {};
  // Our own emitters first (fast.ts, full.ts); AJV, loaded only then, builds what they do not.
  const own = fastPieces({ schemas: { loose, strict }, rootName, sharedEnums, defs });
  if (own?.usesMultipleOf === true) needs.usesMultipleOf = true;
  const ownFull = (base: JsonSchema, gatedFull = false): FullOutput | undefined => {
    const out = fullCode({ schema: base, rootName, sharedEnums, defs, gated: gatedFull });
    if (out === undefined) return undefined;
    if (out.usesMultipleOf) needs.usesMultipleOf = true;
    for (const keyword of out.keywords) needs.keywords.add(keyword);
    return out;
  };
  // The error-collecting flavour from our own emitter (full.ts): one set for both variants when the schema never
  // closes an object itself and has no `oneOf` (the strict schema adds closed copies of its branches): the strict
  // schema with its unknown-key checks and open enums' lists behind the `closed$` switch, so the loose run
  // collects exactly the loose schema's errors. Else one set per variant.
  const ownEither = looseFromStrict && !mentionsKeyword(schema, ['oneOf']) ? ownFull(gated as JsonSchema, true) : undefined;
  const ownPair = ownEither === undefined ? { loose: ownFull(loose), strict: ownFull(strict) } : undefined;
  const ownSeparate = ownPair?.loose !== undefined && ownPair.strict !== undefined;
  // Else AJV's, as before our emitter: see below.
  const ajvFull = ownEither === undefined && !ownSeparate;
  const eitherFull = ajvFull && looseFromStrict && open && gated !== undefined;
  const needsAjv = own === undefined || ajvFull;
  const tools = needsAjv ? await loadAjv() : undefined;
  const Ajv = mentionsKeyword(schema, DYNAMIC_KEYWORDS) ? tools?.Ajv2020 : tools?.AjvLean;
  const wide = widestObject(schema) > WIDE_OBJECT;
  const compile = (name: string, base: JsonSchema, fast: boolean): AjvTree => {
    const { standalone, _, str, stringify, output } = tools as AjvTools;
    const { ajvTree, selfContained, nullPrototypeLookups, dropErrorDetails, compactErrors, renameFunctions } = output;
    const AjvClass = Ajv as AjvClass;
    // One AJV instance per validator: its standalone code then holds only what this validator uses.
    const ajv = new AjvClass({
      ...ajvOptions(),
      // Fail-fast code nests one block per property, and V8 cannot parse a function nested thousands deep
      // (an object of 3,000 flat fields failed as "too deeply nested"): wide objects check every property.
      allErrors: !fast || wide,
      // The shared module words the messages from keyword and params; literals here would repeat them.
      messages: false,
      // AJV's optimizer pass re-counts names over the whole code tree at every level: it doubles the compile
      // time (payment object: ~900 -> ~450 ms) for ~1% less minified+gzipped code and no measurable speed.
      code: { source: true, lines: true, optimize: false, formats: _`runtime.formats` },
    });
    // Only the names matter here: the code calls `runtime.formats[name]`, never these stand-ins.
    for (const format of Object.keys(FORMAT_FUNCTIONS)) ajv.addFormat(format, () => true);
    ajv.addKeyword(enumKeyword(_, stringify));
    ajv.addKeyword(openEnumKeyword(_, stringify));
    useExactMultipleOf(ajv, _, str);
    if (fast) ajv.addKeyword(lengthKeyword(_));
    try {
      ajv.addSchema(withFastKeywords(base, sharedEnums, fast, schema), name);
      ajv.getSchema(name);
    } catch (error) {
      // Too deep for AJV's recursive compiler: code.ts turns it into the one "too deeply nested" problem.
      if (error instanceof RangeError) throw error;
      throw new CodegenError([
        {
          file: where,
          at: '',
          rule: 'validators',
          message: `cannot build a validator: ${error instanceof Error ? error.message : String(error)}; use only JSON Schema draft 2020-12 keywords and the formats ${Object.keys(FORMAT_FUNCTIONS).join(', ')}`,
        },
      ]);
    }
    // Parsed once; every later step works on the syntax tree (ajv-output.ts, then js-ast.ts's cleanup).
    const code = standalone(ajv, { [name]: name });
    const tree = ajvTree(code);
    const uses = selfContained(tree, where);
    nullPrototypeLookups(tree);
    if (uses.usesEqual) needs.usesEqual = true;
    if (uses.usesMultipleOf) needs.usesMultipleOf = true;
    if (fast) dropErrorDetails(tree);
    else compactErrors(tree, needs.keywords);
    renameFunctions(tree, functionNames(ajv, name, rootName));
    return tree;
  };
  const clean = (tree: AjvTree, fast: boolean, keep: string): string => (tools as AjvTools).cleanValidatorCode(tree.program, { fast, keep: [keep] });
  // Pure, so a bundler drops every validator an app never calls (`is…` alone needs only `fast`).
  const pure = (name: string, code: string): string => `const ${name} = /*#__PURE__*/ (function () {\n${code}\nreturn ${name};\n})();`;
  /** An error-collecting validator `name` (true when valid, else its `errors` set): ours, or AJV's when ours is undefined. */
  const fullPiece = (name: string, out: FullOutput | undefined, base: JsonSchema): string =>
    out === undefined
      ? pure(name, clean(compile(name, base, false), false, name))
      : pure(name, `${out.code}\nfunction ${name}(data) {\n  return (${name}.errors = collect$(data)) === null;\n}`);
  /** The one error-collecting function of both variants, `collect$` of `code`, its checks behind `closed$`; returns the errors (null when valid). */
  const fullEitherPieces = (code: string): string[] => [
    `const fullEither = /*#__PURE__*/ (function () {\nlet closed$ = false;\n${code}\n` +
      // Restored on the way out: a getter in the data may call another validator of this module.
      'return function (data, closed) {\nconst outer = closed$;\nclosed$ = closed;\ntry {\nreturn collect$(data);\n} finally {\nclosed$ = outer;\n}\n};\n})();',
    'const full = (data) => (full.errors = fullEither(data, false)) === null;',
    'const fullStrict = (data) => (fullStrict.errors = fullEither(data, true)) === null;',
  ];
  const pieces: string[] = [];
  // The fast flavour, loose and strict, when our own emitter did not build it: AJV's, in one compile when the
  // strict one's unknown-key loops can be put behind a run-time switch (see closedLoops), and its open enums
  // too (see gatedOpenEnums), else two.
  const either =
    own === undefined && looseFromStrict && gated !== undefined && !mentionsKeyword(schema, ['patternProperties', 'propertyNames'])
      ? closedLoops(compile('fastEither', gated, true), tools as AjvTools)
      : undefined;
  if (own !== undefined) {
    pieces.push(...own.pieces);
  } else if (either !== undefined) {
    pieces.push(
      `const fastEither = /*#__PURE__*/ (function () {\nlet closed$ = false;\n${either}\n` +
        // Restored on the way out: a getter in the data may call another validator of this module.
        'return function (data, closed) {\nconst outer = closed$;\nclosed$ = closed;\ntry {\nreturn fastEither(data);\n} finally {\nclosed$ = outer;\n}\n};\n})();',
      'const fast = (data) => fastEither(data, false);',
      'const fastStrict = (data) => fastEither(data, true);',
    );
  } else {
    pieces.push(pure('fast', clean(compile('fast', loose, true), true, 'fast')), pure('fastStrict', clean(compile('fastStrict', strict, true), true, 'fastStrict')));
  }
  if (ownEither !== undefined) {
    pieces.push(...fullEitherPieces(ownEither.code));
  } else if (ownSeparate) {
    pieces.push(fullPiece('full', ownPair?.loose, loose), fullPiece('fullStrict', ownPair?.strict, strict));
  } else if (eitherFull) {
    // AJV's, one function for both with its open enums behind `closed$` as in fastEither.
    pieces.push(...fullEitherPieces(`${clean(compile('fullEither', gated as JsonSchema, false), false, 'fullEither')}\nconst collect$ = (data) => (fullEither(data) ? null : fullEither.errors);`));
  } else {
    if (!looseFromStrict) pieces.push(fullPiece('full', undefined, loose));
    pieces.push(fullPiece('fullStrict', undefined, strict));
    if (looseFromStrict) pieces.push('const full = fullStrict;');
  }
  collectFormats(schema, needs.formats);
  // Only AJV's error list of both variants is the strict one's: the loose one drops its unknown-key errors.
  return { code: pieces.join('\n'), needs, looseFromStrict: ajvFull && looseFromStrict };
}

/** What AJV keeps of a compiled schema: its function's name and, on the root, the definitions it compiled. */
interface CompiledEnv {
  validateName?: unknown;
  refs?: Record<string, unknown>;
}

/**
 * Stable names for AJV's functions: `validate` + the definition's name (`validatePaymentCustomerPayer`), the
 * root's `validate` + the object's name, instead of AJV's `validate12`, which counts in compile order (one new
 * field would renumber every function after it). Read from AJV's record of what it compiled: the root
 * schema's `refs`, each reference's compiled schema with its function name.
 */
function functionNames(ajv: InstanceType<AjvClass>, key: string, rootName: string): Map<string, string> {
  const names = new Map<string, string>();
  const root = (ajv as unknown as { schemas: Record<string, CompiledEnv | undefined> }).schemas[key];
  if (root === undefined) return names;
  const taken = new Set<string>();
  const give = (env: unknown, wanted: string): void => {
    const from = String((env as CompiledEnv | undefined)?.validateName ?? '');
    if (!/^validate\d+$/.test(from) || names.has(from) || taken.has(wanted)) return;
    names.set(from, wanted);
    taken.add(wanted);
  };
  give(root, `validate${rootName}`);
  for (const [ref, env] of Object.entries(root.refs ?? {})) {
    const def = /#\/\$defs\/([^/]+)$/.exec(ref)?.[1];
    if (def === undefined) continue;
    const name = refTokenKey(def);
    if (/^[A-Za-z_$][\w$]*$/.test(name)) give(env, `validate${name.charAt(0).toUpperCase()}${name.slice(1)}`);
  }
  return names;
}

/** The schema without its root `$id` and `$schema`. */
function withoutRootId(schema: JsonSchema): JsonSchema {
  const { $id: _id, $schema: _schema, ...rest } = schema;
  return rest;
}

/** An open enum: `x-openEnum: true` beside an `enum` list. */
export function isOpenEnum(node: Record<string, unknown>): boolean {
  return node['x-openEnum'] === true && Array.isArray(node['enum']);
}

function mentionsOpenEnum(schema: unknown): boolean {
  let found = false;
  walkSchema(schema, (node) => {
    if (isOpenEnum(node)) found = true;
  });
  return found;
}

/**
 * The schemas the two validators check (the differential tests compile the same ones with `ajv.compile`):
 * - `loose`, for `is…`/`assert…`/`parse…`: every open enum (`x-openEnum: true`) loses its `enum`, so any
 *   value of its `type` passes (the list is the documented one, not a promise: Yuno sends others);
 * - `strict`, for the `…Strict` variants: open enums keep their `enum` (only the listed values pass), and
 *   objects are closed (deriveStrict).
 * Enums without `x-openEnum` stay closed in both. Annotations (ours included) are dropped from both: they
 * never change validity.
 */
export function validatedSchemas(schema: JsonSchema): { loose: JsonSchema; strict: JsonSchema } {
  return { loose: stripAnnotations(openEnumsOpened(schema)), strict: deriveStrict(stripAnnotations(schema)) };
}

/** Every open enum's `enum` dropped: the schema the default validators check. */
export function openEnumsOpened(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) => {
    if (!isOpenEnum(node)) return node;
    const { enum: _values, ...rest } = node;
    return rest;
  });
}


/**
 * The strict schema with each open enum's `enum` turned into a check only the strict flavour runs (behind
 * the `closed$` switch of the one fast function both flavours share; see openEnumKeyword): with the switch
 * off the keyword checks nothing, which is the loose schema, with it on the `enum` is checked. Only for
 * lists of JSON scalars (a Set lookup has `enum`'s answers there); undefined otherwise, and both flavours
 * are compiled on their own.
 */
function gatedOpenEnums(schema: JsonSchema): JsonSchema | undefined {
  let gateable = true;
  const gated = mapSchema(schema, (node) => {
    if (!isOpenEnum(node)) return node;
    const { enum: values, ...rest } = node;
    if (!(values as unknown[]).every((v) => v === null || typeof v !== 'object')) gateable = false;
    return { ...rest, [OPEN_ENUM_KEYWORD]: values };
  });
  return gateable ? deriveStrict(stripAnnotations(gated)) : undefined;
}

/** An open enum's list, checked only when the strict flavour of the shared fast function runs (`closed$`). */
function openEnumKeyword(_: CodegenTag, stringify: AjvModule['stringify']): CodeKeywordDefinition {
  return {
    keyword: OPEN_ENUM_KEYWORD,
    schemaType: 'array',
    // Where AJV checks `enum`, so errors come in its order; reported as `enum` (compactErrors).
    before: 'enum',
    error: { message: 'must be equal to one of the allowed values' },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const values = schema as unknown[];
      const set = gen.scopeValue('obj', { ref: new Set(values), code: _`new Set(${stringify(values)})` });
      cxt.fail(_`closed$ && !${set}.has(${data})`);
    },
  };
}

/** The fast function serving both variants, cleaned; undefined when its key loops cannot be gated (see gateClosedLoops). */
function closedLoops(tree: AjvTree, tools: AjvTools): string | undefined {
  return tools.output.gateClosedLoops(tree) ? tools.cleanValidatorCode(tree.program, { fast: true, keep: ['fastEither'] }) : undefined;
}

/** Properties past which an object's fail-fast checks are written one after another instead of nested. */
const WIDE_OBJECT = 400;

/** The most properties any object of the schema lists. */
function widestObject(schema: JsonSchema): number {
  let most = 0;
  walkSchema(schema, (node) => {
    if (isObject(node.properties)) most = Math.max(most, Object.keys(node.properties).length);
  });
  return most;
}

function mentionsKeyword(schema: unknown, keywords: string[]): boolean {
  let found = false;
  walkSchema(schema, (node) => {
    if (keywords.some((k) => Object.hasOwn(node, k))) found = true;
  });
  return found;
}

function hasRemoteRef(schema: unknown): boolean {
  let found = false;
  walkSchema(schema, (node) => {
    for (const key of ['$ref', '$dynamicRef']) {
      const ref = node[key];
      if (typeof ref === 'string' && !ref.startsWith('#')) found = true;
    }
  });
  return found;
}

/** AJV prints `$id` into a comment of the generated code: refuse ids that could end that comment. */
function checkIds(schema: unknown, where: string): void {
  walkSchema(schema, (node, pointer) => {
    const id = node['$id'];
    if (typeof id === 'string' && /\*\/|[\r\n\u2028\u2029]/.test(id)) {
      throw new CodegenError([
        { file: where, at: `${pointer}/$id`, rule: 'validators', message: `$id ${JSON.stringify(id)} contains "*/" or a line break; use a plain URI` },
      ]);
    }
  });
}

function collectFormats(schema: unknown, into: Set<string>): void {
  walkSchema(schema, (node) => {
    const format = node['format'];
    if (typeof format === 'string' && Object.hasOwn(FORMAT_FUNCTIONS, format)) into.add(format);
  });
}

/** Annotations never change validity; dropping them keeps doc text out of the code (and its size down). */
export function stripAnnotations(schema: JsonSchema): JsonSchema {
  return mapSchema(schema, (node) => {
    const out: JsonSchema = {};
    for (const [key, value] of Object.entries(node)) {
      if (ANNOTATIONS.has(key) || YUNO_KEYWORDS.includes(key as (typeof YUNO_KEYWORDS)[number])) continue;
      out[key] = value;
    }
    return out;
  });
}

/**
 * The strict variant: an object may hold only the keys its schema declares, and the strict check never
 * accepts what the loose one rejects.
 * - A schema in a value position (the root, a property, an item, …) that lists `properties` and says nothing
 *   about other keys gets `additionalProperties: false`. Keys its in-place subschemas declare (`allOf`/`anyOf`/
 *   `oneOf` branches, `then`/`else`, `dependentSchemas`, a `$ref` beside `properties`; by name or by pattern)
 *   are added to its `properties` as `true` first: known, and still checked where they are declared, whether
 *   or not that branch passed. The branches themselves stay open: closing each would reject the keys of the
 *   others. (`unevaluatedProperties: false` would count only the branches that passed, but AJV 8 loses
 *   evaluated keys with `dependentSchemas` and with a failing `if`, and rejects valid objects.)
 * - Closing anything inside `not`, `if` or `contains` would change what it tests, so nothing there is. The
 *   same holds for the branches of a `oneOf`, whose answer depends on how many pass: they stay as they are,
 *   and their closed copies go into an `anyOf` beside them (`allOf: [{ anyOf: closed }]`), so the one
 *   branch that passed must also pass closed.
 * - Free-form objects (no `properties` anywhere in place), and objects where a branch allows other keys
 *   (`additionalProperties` other than false), stay open. A definition is closed where it is defined when
 *   every reference to it is a plain `{ "$ref": … }` describing a value; otherwise each such reference is
 *   closed instead, with the definition's keys.
 * - A schema a `$ref` reaches from a condition is a condition wherever it sits; one reached in place is not
 *   closed at its top. When a condition's reference cannot be followed (not a local JSON pointer, a
 *   `$dynamicRef`, or nested `$id`/`$anchor` scopes), nothing is closed: strict is the loose schema.
 * - A property declared as an object in several in-place places (`address` in `properties` and in an `allOf`
 *   branch) is closed once, by the schema that closes the value, with the keys of all its declarations.
 *   Known gaps (strict then rejects such a property using keys of several places): not when one of the
 *   places is a `$ref`'d definition (closed where it is defined, with its own keys), nor when the object
 *   itself is not closed (it sets `additionalProperties`, or a branch leaves other keys open), nor below
 *   that property's first level.
 * - A schema used in a condition and elsewhere (a definition a `oneOf` branch refers to, say) stays as it is,
 *   and its other uses refer to a closed copy of it added to `$defs` (`strictCopy1`, …).
 */
export function deriveStrict(schema: JsonSchema): JsonSchema {
  const { uses, untracked } = schemaUses(schema);
  // A condition refers to something this walk cannot locate: closing any schema could change its answer.
  if (untracked) return schema;
  /** The open definition a plain or sibling `$ref` of this schema points to, if any. */
  const openTarget = (node: Record<string, unknown>): unknown => {
    const target = localTarget(node['$ref']);
    return target !== undefined && (uses.get(target) ?? 'value') !== 'value' ? resolvePointer(schema, target) : undefined;
  };
  /** The in-place subschemas of `node` and the open definitions they refer to, all the way down (not `node`). */
  const membersOf = (node: Record<string, unknown>): Record<string, unknown>[] => {
    const members: Record<string, unknown>[] = [];
    const seen = new Set<unknown>([node]);
    const stack = [openTarget(node), ...inPlaceChildren(node)];
    while (stack.length > 0) {
      const member = stack.pop();
      if (!isObject(member) || seen.has(member)) continue;
      seen.add(member);
      members.push(member);
      stack.push(openTarget(member), ...inPlaceChildren(member));
    }
    return members;
  };
  /**
   * What schemas that describe one value declare: property names and patterns, and whether one of them
   * leaves other keys open (`additionalProperties` or `unevaluatedProperties` other than false: a map).
   */
  const declaredBy = (family: Record<string, unknown>[]): { names: Set<string>; patterns: Set<string>; open: boolean } => {
    const found = { names: new Set<string>(), patterns: new Set<string>(), open: false };
    for (const member of family) {
      if (isObject(member['properties'])) for (const name of Object.keys(member['properties'])) found.names.add(name);
      if (isObject(member['patternProperties'])) for (const pattern of Object.keys(member['patternProperties'])) found.patterns.add(pattern);
      for (const key of ['additionalProperties', 'unevaluatedProperties']) if (member[key] !== undefined && member[key] !== false) found.open = true;
    }
    return found;
  };
  /** A schema, the definitions its `$ref`s lead to whatever their use, and their in-place subschemas, all the way down. */
  const declaredThrough = (node: Record<string, unknown>): Record<string, unknown>[] => {
    const found: Record<string, unknown>[] = [];
    const seen = new Set<unknown>();
    const stack: unknown[] = [node];
    while (stack.length > 0) {
      const member = stack.pop();
      if (!isObject(member) || seen.has(member)) continue;
      seen.add(member);
      found.push(member);
      const target = localTarget(member['$ref']);
      stack.push(target === undefined ? undefined : resolvePointer(schema, target), ...inPlaceChildren(member));
    }
    return found;
  };
  const NONE: ReadonlySet<string> = new Set();
  /**
   * `shared`: the property names this schema's value declares in more than one place (given to its in-place
   * subschemas): their schemas are not closed where they are declared but once, with the keys of all, by
   * the schema that closes the value.
   */
  const visit = (node: unknown, position: StrictPosition, pointer: string, shared: ReadonlySet<string> = NONE): unknown => {
    if (!isObject(node)) return node;
    // A schema some `$ref` reaches from a condition or in place is that, wherever it sits.
    const used = uses.get(pointer);
    if (used === 'condition') position = 'condition';
    else if (used === 'inPlace' && position === 'value') position = 'inPlace';
    const out: JsonSchema = { ...node };
    const target = localTarget(node['$ref']);
    if (position !== 'condition' && target !== undefined && uses.get(target) === 'condition') {
      // The schema this refers to stays as it is for the condition that uses it; this use gets a closed copy.
      out['$ref'] = `#${closedCopy(target, position === 'value' && plainRef(node) ? 'value' : 'inPlace')}`;
    }
    const members = position === 'value' ? membersOf(node) : [];
    const family = [node, ...members];
    const closes = position === 'value' && node['additionalProperties'] === undefined && node['unevaluatedProperties'] === undefined && !declaredBy(members).open;
    if (closes && members.length > 0) {
      const counts = new Map<string, number>();
      for (const member of family) {
        const properties = member['properties'];
        if (isObject(properties)) for (const name of Object.keys(properties)) if (isObject(properties[name])) counts.set(name, (counts.get(name) ?? 0) + 1);
      }
      shared = new Set([...counts].filter(([, n]) => n > 1).map(([name]) => name));
    }
    const inPlaceKey = (key: string): boolean => IN_PLACE_LISTS.includes(key) || IN_PLACE_ONE.includes(key) || key === 'dependentSchemas' || key === 'dependencies';
    for (const child of strictChildren(node, position, pointer)) {
      const demoted = child.key === 'properties' && child.position === 'value' && shared.has(String(child.sub));
      const visited = visit(child.node, demoted ? 'inPlace' : child.position, child.pointer, inPlaceKey(child.key) ? shared : NONE);
      if (child.sub === undefined) out[child.key] = visited;
      else {
        // Copied once per keyword, then filled in: the input schema is never changed.
        if (out[child.key] === node[child.key]) out[child.key] = Array.isArray(node[child.key]) ? [...(node[child.key] as unknown[])] : { ...(node[child.key] as object) };
        (out[child.key] as Record<string | number, unknown>)[child.sub] = visited;
      }
    }
    const branches = node['oneOf'];
    if (position !== 'condition' && Array.isArray(branches)) {
      const closed = branches.map((branch: unknown, i) => visit(branch, 'inPlace', `${pointer}/oneOf/${i}`, shared));
      if (JSON.stringify(closed) !== JSON.stringify(branches)) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), { anyOf: closed }];
    }
    if (!closes) return out;
    const inPlace = declaredBy(members);
    if (inPlace.names.size > 0 || inPlace.patterns.size > 0) {
      // Keys declared in place are known here too (each is still checked where it is declared).
      const properties = { ...(isObject(out.properties) ? out.properties : {}) } as Record<string, unknown>;
      for (const name of inPlace.names) if (!Object.hasOwn(properties, name)) properties[name] = true;
      // A property declared in several places: closed here once, with the keys its schemas declare together,
      // in an `allOf` entry of its own (a `$ref` to this schema's property still reaches it unchanged).
      const closures: JsonSchema[] = [];
      for (const name of shared) {
        const declared = family.map((member) => (member['properties'] as Record<string, unknown> | undefined)?.[name]).filter(isObject);
        // What each declaration says of the value, through any `$ref` (a named nested object is a definition
        // used as a value: its keys are still this property's).
        const keys = declaredBy(declared.flatMap(declaredThrough));
        if (keys.open || (keys.names.size === 0 && keys.patterns.size === 0)) continue;
        const closure: JsonSchema = { properties: Object.fromEntries([...keys.names].map((key) => [key, true])) as unknown as JsonSchema['properties'], additionalProperties: false };
        if (keys.patterns.size > 0) closure['patternProperties'] = Object.fromEntries([...keys.patterns].map((pattern) => [pattern, true]));
        closures.push({ properties: { [name]: closure } as JsonSchema['properties'] });
      }
      if (closures.length > 0) out.allOf = [...(Array.isArray(out.allOf) ? out.allOf : []), ...closures];
      const patterns = { ...(isObject(out['patternProperties']) ? out['patternProperties'] : {}) } as Record<string, unknown>;
      for (const pattern of inPlace.patterns) if (!Object.hasOwn(patterns, pattern)) patterns[pattern] = true;
      out.properties = properties as JsonSchema['properties'];
      if (Object.keys(patterns).length > 0) out['patternProperties'] = patterns;
    }
    if (out.properties !== undefined) out.additionalProperties = false;
    return out;
  };
  /** Closed copies of schemas used in conditions, for their other uses: by target and position, as `$defs` entries. */
  const copies = new Map<string, { name: string; body: unknown }>();
  const taken = new Set(Object.keys(isObject(schema.$defs) ? schema.$defs : {}));
  const closedCopy = (target: string, position: StrictPosition): string => {
    const key = `${position} ${target}`;
    let copy = copies.get(key);
    if (copy === undefined) {
      let n = copies.size + 1;
      while (taken.has(`strictCopy${n}`)) n++;
      copy = { name: `strictCopy${n}`, body: true };
      taken.add(copy.name);
      // Registered before the walk: a recursive definition then refers to its own copy.
      copies.set(key, copy);
      copy.body = visit(resolvePointer(schema, target), position, `/$defs/${copy.name}`);
    }
    return `/$defs/${copy.name}`;
  };
  const out = visit(schema, 'value', '') as JsonSchema;
  if (copies.size > 0) out.$defs = { ...(out.$defs ?? {}), ...Object.fromEntries([...copies.values()].map((c) => [c.name, c.body])) } as JsonSchema['$defs'];
  return out;
}

/**
 * Swap standard keywords for our faster equivalents: string enums above SET_ENUM_MIN values become a Set
 * lookup (both flavours), and in the fast flavour minLength/maxLength share one length count.
 */
function withFastKeywords(schema: JsonSchema, sharedEnums: ReadonlySet<string>, fast: boolean, original: JsonSchema): JsonSchema {
  const defs = original.$defs ?? {};
  return mapSchema(schema, (node) => {
    let out = node;
    const values = out.enum;
    if (Array.isArray(values) && values.length >= SET_ENUM_MIN && values.every((v) => typeof v === 'string')) {
      const { enum: _dropped, ...rest } = out;
      const shared = [...sharedEnums].find((name) => defs[name] !== undefined && sameList(defs[name]?.enum, values));
      out = { ...rest, [ENUM_KEYWORD]: shared !== undefined ? { shared } : { values } };
    }
    if (fast && (out.minLength !== undefined || out.maxLength !== undefined)) {
      const { minLength, maxLength, ...rest } = out;
      out = { ...rest, [LENGTH_KEYWORD]: { min: minLength ?? 0, max: maxLength ?? null } };
    }
    return fast ? emptyOrLength(out) : out;
  });
}

/**
 * The reconciled "bounded string, or "" for absent (or null)" field: `anyOf: [{ type: string|[string, null],
 * minLength, maxLength }, { const: "" }, { type: "null" }?]`, as one string check whose length count lets
 * "" pass (the same answers; the fast flavour reports no errors, so it need not say which branch failed).
 * Any other `anyOf` is left as it is.
 */
function emptyOrLength(node: JsonSchema): JsonSchema {
  const options = node.anyOf;
  if (!Array.isArray(options) || options.length < 2 || options.length > 3) return node;
  const [bounded, empty, nothing] = options as JsonSchema[];
  if (!isObject(bounded) || !isObject(empty) || Object.keys(empty).length !== 1 || empty.const !== '') return node;
  if (nothing !== undefined && !(isObject(nothing) && Object.keys(nothing).length === 1 && nothing.type === 'null')) return node;
  // Its branches were rewritten first (mapSchema works bottom-up): lengths are already one count.
  if (!Object.keys(bounded).every((k) => k === 'type' || k === LENGTH_KEYWORD)) return node;
  const bounds = bounded[LENGTH_KEYWORD] as { min: number; max: number | null } | undefined;
  if (bounds === undefined) return node;
  const types = typeof bounded.type === 'string' ? [bounded.type] : Array.isArray(bounded.type) ? bounded.type : [];
  if (!types.includes('string') || !types.every((t) => t === 'string' || t === 'null')) return node;
  const { anyOf: _options, ...rest } = node;
  const type = nothing !== undefined && !types.includes('null') ? [...types, 'null'] : types;
  return {
    ...rest,
    type: (type.length === 1 ? type[0] : type) as JsonSchema['type'],
    [LENGTH_KEYWORD]: { ...bounds, empty: true },
  };
}

function sameList(a: unknown, b: unknown[]): boolean {
  return Array.isArray(a) && a.length === b.length && a.every((v, i) => v === b[i]);
}

type CodegenTag = AjvModule['_'];

/** A string enum as a Set lookup: same answers as `enum` when every allowed value is a string. */
function enumKeyword(_: CodegenTag, stringify: AjvModule['stringify']): CodeKeywordDefinition {
  return {
    keyword: ENUM_KEYWORD,
    schemaType: 'object',
    // Where AJV checks `enum`, so errors come in its order.
    before: 'enum',
    error: { message: 'must be equal to one of the allowed values' },
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const spec = schema as { shared?: string; values?: string[] };
      const set =
        spec.shared !== undefined
          ? gen.scopeValue('obj', { key: `shared:${spec.shared}`, ref: spec.shared, code: _`runtime.sharedEnums[${spec.shared}]` })
          // `stringify`, not a bare interpolation: AJV's `_` joins an array with commas into one string.
          : gen.scopeValue('obj', { ref: new Set(spec.values), code: _`new Set(${stringify(spec.values ?? [])})` });
      // Every value in the set is a string, so a value of any other type is simply not found.
      cxt.fail(_`!${set}.has(${data})`);
    },
  };
}

/**
 * `multipleOf`, exact on decimals: AJV's own keyword divides in floating point (1000.18 / 0.0001 is
 * 10001799.999999998, so it rejects 2,720 of the 10,001 amounts 1000.00 … 1100.00), with or without its
 * `multipleOfPrecision` tolerance (which also accepts 1e308 as a multiple of 0.123456789). Replaced here by
 * the same keyword (name, data type, error params) whose code calls the shared exact decimal check
 * (`runtime.isMultipleOf`; `isMultipleOf` of conforms.ts when AJV runs it itself).
 */
export function useExactMultipleOf(ajv: InstanceType<AjvClass>, _: CodegenTag, str: AjvModule['str']): void {
  ajv.removeKeyword('multipleOf');
  ajv.addKeyword({
    keyword: 'multipleOf',
    type: 'number',
    schemaType: 'number',
    // Where AJV's own sat among the number keywords (before `format`), so errors come in its order.
    before: 'format',
    error: {
      message: ({ schemaCode }) => str`must be multiple of ${schemaCode}`,
      params: ({ schemaCode }) => _`{multipleOf: ${schemaCode}}`,
    },
    code(cxt: KeywordCxt) {
      const { gen, data, schemaCode } = cxt;
      const check = gen.scopeValue('func', { ref: isMultipleOf, code: _`runtime.isMultipleOf` });
      cxt.fail(_`!${check}(${data}, ${schemaCode})`);
    },
  });
}

/** minLength and maxLength with a single code-point count (the fast flavour reports no messages). */
function lengthKeyword(_: CodegenTag): CodeKeywordDefinition {
  return {
    keyword: LENGTH_KEYWORD,
    type: 'string',
    schemaType: 'object',
    code(cxt: KeywordCxt) {
      const { gen, data, schema } = cxt;
      const { min, max, empty } = schema as { min: number; max: number | null; empty?: boolean };
      const count = gen.scopeValue('func', { ref: countCodePoints, code: _`runtime.codePointLength` });
      const length = gen.const('length', _`${count}(${data})`);
      const outside =
        max === null ? _`${length} < ${min}`
        : min === max ? _`${length} !== ${min}`
        : min === 0 ? _`${length} > ${max}`
        : _`${length} < ${min} || ${length} > ${max}`;
      // `empty`: "" passes whatever the bounds (see emptyOrLength).
      cxt.fail(empty === true && min > 0 ? _`${length} !== 0 && (${outside})` : outside);
    },
  };
}

/** Only referenced so AJV has a value for the scope entry; the generated code uses the shared helper. */
function countCodePoints(text: string): number {
  return Array.from(text).length;
}
