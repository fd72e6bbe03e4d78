/** The validators' interfaces to the ecosystem: safeParse and Standard Schema v1. */
import { ValidationError, errorsOf, escapePointer, issuesOf, parseJson, passes, type CompiledValidator, type RawIssue, type ValidationIssue } from './validation.js';

/** What `safeParse…` returns: the valid value, or every problem (as a ValidationError would list them). */
export type SafeParseResult<T> = { success: true; data: T } | { success: false; issues: ValidationIssue[] };

/**
 * The Standard Schema v1 interface (https://standardschema.dev), as the validators implement it: a library
 * that accepts any Standard Schema (tRPC, Hono, TanStack Form, …) reads `~standard`, and
 * `StandardSchemaV1.InferOutput` of the spec's own package gives the object's type.
 */
export interface StandardSchemaV1<Input = unknown, Output = Input> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => { readonly value: Output; readonly issues?: undefined } | { readonly issues: ReadonlyArray<{ readonly message: string; readonly path?: ReadonlyArray<PropertyKey> | undefined }> };
    readonly types?: { readonly input: Input; readonly output: Output } | undefined;
  };
}

/** `parse…` that never throws: `{ success: true, data }` or `{ success: false, issues }`, bad JSON included. */
export function safeParse<T>(json: string, check: (value: unknown) => boolean, validate: CompiledValidator, allowUnknownKeys: boolean): SafeParseResult<T> {
  try {
    const value = parseJson(json);
    if (passes(check, value)) return { success: true, data: value as T };
    return { success: false, issues: issuesOf(errorsOf(validate, value, allowUnknownKeys), value) };
  } catch (error) {
    // Bad JSON, a value nested too deeply for the call stack: one problem each.
    if (error instanceof ValidationError) return { success: false, issues: error.errors };
    // Anything else a getter or a proxy in the value threw: reported, not thrown.
    return { success: false, issues: [{ path: '', message: `could not be checked (${String(error)})`, keyword: 'exception' }] };
  }
}

/** The keys from the value down to where a JSON pointer leads: array indexes as numbers, property names as strings. */
function segmentsOf(value: unknown, pointer: string): (string | number)[] {
  const segments: (string | number)[] = [];
  let node: unknown = value;
  if (pointer === '') return segments;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    segments.push(Array.isArray(node) ? Number(key) : key);
    node = node !== null && typeof node === 'object' ? (node as { [key: string]: unknown })[key] : undefined;
  }
  return segments;
}

/** Where an error is: the value it is about, or for a missing or unknown key that key (as issuesOf reports it). */
function pointerOf(error: RawIssue): string {
  const key = error.keyword === 'required' ? error.params['missingProperty'] : error.keyword === 'additionalProperties' ? error.params['additionalProperty'] : undefined;
  return key === undefined ? error.instancePath : `${error.instancePath}/${escapePointer(String(key))}`;
}

/** A validator as a Standard Schema v1: `~standard.validate` gives `{ value }` or `{ issues }` with our messages and paths as key lists. */
export function standardSchema<T>(check: (value: unknown) => boolean, validate: CompiledValidator, allowUnknownKeys: boolean): StandardSchemaV1<T> {
  return {
    '~standard': {
      version: 1,
      vendor: 'yuno-codegen',
      validate(value: unknown) {
        if (passes(check, value)) return { value: value as T };
        let errors: RawIssue[];
        try {
          errors = errorsOf(validate, value, allowUnknownKeys);
        } catch (error) {
          // A value nested too deeply for the call stack: the one `depth` problem, at the value itself.
          if (error instanceof ValidationError) return { issues: error.errors.map((issue) => ({ message: issue.message, path: [] })) };
          throw error;
        }
        const issues = issuesOf(errors, value);
        return { issues: issues.map((issue, i) => ({ message: issue.message, path: segmentsOf(value, pointerOf(errors[i] as RawIssue)) })) };
      },
    },
  };
}
