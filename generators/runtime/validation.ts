/**
 * The run-time helpers every generated validator module imports from the shared module: the error type, the
 * issue list a person can act on, JSON parsing. Real TypeScript: the build compiles it (emit/runtime.ts) into the
 * shared module's forms, ESM, CommonJS, TypeScript and declarations, keeping only what a run's validators use.
 * A declaration marked `@internal` is exported here for the other runtime files only.
 */

/** One problem found by a validator: where (`a.b[0]`, empty for the value itself), what, and the JSON Schema keyword. */
export interface ValidationIssue {
  path: string;
  message: string;
  keyword: string;
}

/** An error object as the generated validators record it. */
export interface RawIssue {
  instancePath: string;
  keyword: string;
  params: { [name: string]: unknown };
}

/** A generated validator: true when the value is valid; on false, `errors` says why. */
export interface CompiledValidator {
  (value: unknown): boolean;
  errors?: RawIssue[] | null;
}

// Marks every ValidationError, whichever copy of this module made it: the ESM and the CommonJS build (or two
// installs) each have their own class, and `instanceof` must hold across them.
const BRAND = Symbol.for('yuno-codegen.ValidationError');

/**
 * Thrown by `assert…` and `parse…`: `errors` lists every problem, `message` one line per problem.
 * `error instanceof ValidationError` holds for an error of either build of this package.
 */
export class ValidationError extends Error {
  readonly errors: ValidationIssue[];

  constructor(errors: ValidationIssue[]) {
    super(errors.map((e) => `${e.path === '' ? '(root)' : e.path}: ${e.message}`).join('\n'));
    this.name = 'ValidationError';
    this.errors = errors;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Recognise the brand, not the prototype chain; a subclass of this keeps the usual test. */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== ValidationError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [key: symbol]: unknown })[BRAND] === true;
  }
}

/** String length in code points, as JSON Schema counts it (an unpaired surrogate counts as one). */
export function codePointLength(text: string): number {
  const end = text.length - 1;
  let length = text.length;
  for (let i = 0; i < end; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (unit >= 0xd800 && unit <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      length--;
      i++;
    }
  }
  return length;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Where a JSON pointer leads: `a.b[0]["odd key"]` (array indexes told from keys by the value) and the value there. */
function locate(value: unknown, pointer: string): { path: string; node: unknown } {
  let path = '';
  let node: unknown = value;
  if (pointer !== '') {
    for (const raw of pointer.slice(1).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      if (Array.isArray(node)) path += `[${key}]`;
      else if (IDENTIFIER.test(key)) path += path === '' ? key : `.${key}`;
      else path += `[${JSON.stringify(key)}]`;
      node = node !== null && typeof node === 'object' ? (node as { [key: string]: unknown })[key] : undefined;
    }
  }
  return { path, node };
}

/** A short, printable picture of a value: strings quoted and cut after 20 code points. */
function preview(value: unknown): string {
  if (typeof value === 'string') {
    // Only the head is read: 21 code points take at most 42 UTF-16 units, whatever the string's length.
    const points = Array.from(value.slice(0, 42));
    return points.length > 20 ? `${JSON.stringify(points.slice(0, 20).join('')).slice(0, -1)}…"` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return 'an array';
  if (value === null || typeof value !== 'object') return String(value);
  return 'an object';
}

/** @internal A JSON pointer token: `~` and `/` escaped. */
export function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** AJV's message for an error, from its keyword and params (the validators carry no message texts). */
function messageOf(keyword: string, params: { [name: string]: unknown }): string {
  switch (keyword) {
    case 'type':
      return `must be ${params['type']}`;
    case 'format':
      return `must match format "${params['format']}"`;
    case 'minLength':
    case 'maxLength':
      return `must NOT have ${keyword === 'maxLength' ? 'more' : 'fewer'} than ${params['limit']} characters`;
    case 'minItems':
    case 'maxItems':
      return `must NOT have ${keyword === 'maxItems' ? 'more' : 'fewer'} than ${params['limit']} items`;
    case 'minProperties':
    case 'maxProperties':
      return `must NOT have ${keyword === 'maxProperties' ? 'more' : 'fewer'} than ${params['limit']} properties`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `must be ${params['comparison']} ${params['limit']}`;
    case 'multipleOf':
      return `must be multiple of ${params['multipleOf']}`;
    case 'pattern':
      return `must match pattern "${params['pattern']}"`;
    case 'const':
      return 'must be equal to constant';
    case 'uniqueItems':
      return `must NOT have duplicate items (items ## ${params['j']} and ${params['i']} are identical)`;
    case 'dependentRequired':
      return `must have ${params['depsCount'] === 1 ? 'property' : 'properties'} ${params['deps']} when property ${params['property']} is present`;
    case 'anyOf':
      return 'must match a schema in anyOf';
    case 'oneOf':
      return 'must match exactly one schema in oneOf';
    case 'not':
      return 'must NOT be valid';
    case 'if':
      return `must match "${params['failingKeyword']}" schema`;
    case 'contains':
      return params['maxContains'] === undefined
        ? `must contain at least ${params['minContains']} valid item(s)`
        : `must contain at least ${params['minContains']} and no more than ${params['maxContains']} valid item(s)`;
    case 'propertyNames':
      return 'property name must be valid';
    case 'items':
    case 'unevaluatedItems':
      return `must NOT have more than ${params['limit']} items`;
    case 'unevaluatedProperties':
      return 'must NOT have unevaluated properties';
    case 'false schema':
      return 'boolean schema is false';
    default:
      return `must pass "${keyword}" keyword validation`;
  }
}

/** The validator's raw errors as issues a person can act on. */
export function issuesOf(errors: RawIssue[], value: unknown): ValidationIssue[] {
  return errors.map((error) => {
    const keyword = error.keyword;
    const params = error.params;
    if (keyword === 'required') {
      const pointer = `${error.instancePath}/${escapePointer(String(params['missingProperty']))}`;
      return { path: locate(value, pointer).path, message: 'is required', keyword };
    }
    if (keyword === 'additionalProperties') {
      const pointer = `${error.instancePath}/${escapePointer(String(params['additionalProperty']))}`;
      return { path: locate(value, pointer).path, message: 'is not a known property (strict validators reject unknown keys)', keyword };
    }
    const { path, node } = locate(value, error.instancePath);
    const message = keyword === 'enum' ? 'must be one of the allowed values' : messageOf(keyword, params);
    return { path, message: `${message} (got ${preview(node)})`, keyword };
  });
}

/** Append one error to a validator's list (null until the first), as AJV's generated code does inline. */
export function pushError(list: RawIssue[] | null, error: RawIssue): RawIssue[] {
  if (list === null) return [error];
  list.push(error);
  return list;
}

/**
 * @internal The errors the error-collecting validator finds in a value the fast one rejected. A loose check may
 * reuse the strict validator: `allowUnknownKeys` then drops its unknown-key errors. A value nested deeper than
 * the call stack allows is one `depth` problem, thrown as a ValidationError.
 */
export function errorsOf(validate: CompiledValidator, value: unknown, allowUnknownKeys: boolean): RawIssue[] {
  try {
    validate(value);
  } catch (error) {
    if (!isStackOverflow(error)) throw error;
    throw new ValidationError([{ path: '', message: 'is nested too deeply to be checked (the validator ran out of call stack)', keyword: 'depth' }]);
  }
  const errors = validate.errors ?? [];
  return allowUnknownKeys ? errors.filter((e) => e.keyword !== 'additionalProperties') : errors;
}

/** Run the error-collecting validator on a value the fast one rejected, and throw what it found (see errorsOf). */
export function fail(validate: CompiledValidator, value: unknown, allowUnknownKeys: boolean): never {
  throw new ValidationError(issuesOf(errorsOf(validate, value, allowUnknownKeys), value));
}

/** What `is…` answers when its validator threw: a value nested deeper than the call stack allows is not valid. */
export function notValidWhenTooDeep(error: unknown): false {
  if (isStackOverflow(error)) return false;
  throw error;
}

/** @internal The fast check's answer, false for a value nested deeper than the call stack allows (as `is…`). */
export function passes(check: (value: unknown) => boolean, value: unknown): boolean {
  try {
    return check(value);
  } catch (error) {
    return notValidWhenTooDeep(error);
  }
}

/** The error an engine throws when the call stack runs out (V8, JavaScriptCore: RangeError; SpiderMonkey: InternalError). */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError || (error instanceof Error && error.name === 'InternalError');
}

/** `JSON.parse` that reports bad input as a ValidationError, keeping the parser's error as `cause`. */
export function parseJson(json: string): unknown {
  if (typeof json !== 'string') {
    throw new ValidationError([{ path: '', message: `must be a JSON text (got ${json === null ? 'null' : typeof json})`, keyword: 'json' }]);
  }
  try {
    return JSON.parse(json);
  } catch (cause) {
    const error = new ValidationError([{ path: '', message: 'is not valid JSON: ' + (cause instanceof Error ? cause.message : String(cause)), keyword: 'json' }]);
    throw Object.assign(error, { cause });
  }
}
