/**
 * The syntax-tree passes over AJV's standalone output (emit/ajv-output.ts), on code shaped as AJV writes it:
 * each result is run, so what is asserted is what the code does (its answers, what it records, what it needs
 * from the shared module), plus the one problem a leftover CommonJS name gives.
 */
import { generate } from 'astring';
import { describe, expect, it } from 'vitest';
import { ajvTree, compactErrors, dropErrorDetails, gateClosedLoops, renameFunctions, selfContained, type AjvTree } from '../../generators/emit/ajv-output.js';
import { CodegenError } from '../../generators/types.js';

/** The program's code run as a function body with `runtime` in scope; returns what `result` names. */
function run(tree: AjvTree, result: string, runtime: Record<string, unknown> = {}): unknown {
  return new Function('runtime', `${generate(tree.program as never)}\nreturn ${result};`)(runtime);
}

describe('selfContained', () => {
  it("maps AJV's run-time modules to the shared helpers, says which it needs, and turns the export into a constant", () => {
    const code = [
      '"use strict";exports.check = validate10;',
      'const func0 = require("ajv/dist/runtime/ucs2length").default;',
      'const func1 = require("ajv/dist/runtime/equal").default;',
      'function validate10(data){ return func0(data.s) === 2 && func1(data.a, [1]) && runtime.isMultipleOf(data.n, 0.5); }',
    ].join('\n');
    const program = ajvTree(code);
    expect(selfContained(program, 'p.md')).toEqual({ usesEqual: true, usesMultipleOf: true });
    const runtime = { codePointLength: (s: string) => Array.from(s).length, deepEqual: (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b), isMultipleOf: (n: number, d: number) => n % d === 0 };
    const check = run(program, 'check', runtime) as (data: unknown) => boolean;
    expect(check({ s: '😀😀', a: [1], n: 1.5 })).toBe(true);
    expect(check({ s: 'ab', a: [2], n: 1.5 })).toBe(false);
  });

  it('refuses a run-time module we do not provide: one problem naming the file and the code', () => {
    const code = '"use strict";exports.check = validate10;\nconst func0 = require("ajv/dist/runtime/uri").default;\nfunction validate10(data){ return func0(data); }';
    let caught: unknown;
    try {
      selfContained(ajvTree(code), 'pages/p.md');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CodegenError);
    expect((caught as CodegenError).problems).toEqual([
      {
        file: 'pages/p.md',
        at: '',
        rule: 'validators',
        message: 'the validator needs a run-time module we do not provide (require("ajv/dist/runtime/uri").default;); remove the keyword that needs it',
      },
    ]);
  });

  it('leaves a property of the data named like a CommonJS name alone', () => {
    const code = '"use strict";exports.check = validate10;\nfunction validate10(data){ return data.require === data.exports && data.module !== 1; }';
    const program = ajvTree(code);
    expect(selfContained(program, 'p.md')).toEqual({ usesEqual: false, usesMultipleOf: false });
    expect((run(program, 'check') as (d: unknown) => boolean)({ module: 2 })).toBe(true);
  });
});

describe('dropErrorDetails and renameFunctions (fast flavour)', () => {
  const code = [
    'function validate11(data){ if (typeof data !== "string") { validate11.errors = [{instancePath:"",schemaPath:"#/type",keyword:"type",params:{type:"string"}}]; return false; } validate11.errors = null; return true; }',
    'function validate10(data){ let vErrors = null; if (!validate11(data.a)) { vErrors = validate11.errors; validate10.errors = vErrors; return false; } validate10.errors = null; return true; }',
  ].join('\n');

  it('a function whose errors a caller reads records the shared placeholder; the others record nothing', () => {
    const program = ajvTree(code);
    dropErrorDetails(program);
    renameFunctions(program, new Map([['validate10', 'validateRoot'], ['validate11', 'validateRootA']]));
    const [root, inner, placeholder] = run(program, '[validateRoot, validateRootA, failed$]') as [(d: unknown) => boolean & { errors?: unknown }, { errors?: unknown }, unknown];
    expect(root({ a: 1 })).toBe(false);
    // validateRoot's errors are never read: it records none; validateRootA's are read by validateRoot.
    expect((root as unknown as { errors?: unknown }).errors).toBeUndefined();
    expect(inner.errors).toBe(placeholder);
    expect(placeholder).toEqual([{}]);
    expect(root({ a: 'x' })).toBe(true);
  });
});

describe('compactErrors (full flavour)', () => {
  it('each error becomes one pushError call without its schemaPath; our enum keywords report as enum; keywords recorded', () => {
    const code = [
      'function validate10(data){ let vErrors = null; let errors = 0;',
      'if (data !== 1) { const err0 = {instancePath:"",schemaPath:"#/x-yuno-codegen-enum",keyword:"x-yuno-codegen-enum",params:{}};',
      'if(vErrors === null){vErrors = [err0];} else {vErrors.push(err0);} errors++; }',
      'if (typeof data !== "string") { const err1 = {instancePath:"",schemaPath:"#/type",keyword:"type",params:{type:"string"}};',
      'if(vErrors === null){vErrors = [err1];} else {vErrors.push(err1);} errors++; }',
      'validate10.errors = vErrors; return errors === 0; }',
    ].join('\n');
    const program = ajvTree(code);
    const keywords = new Set<string>();
    compactErrors(program, keywords);
    expect([...keywords].sort()).toEqual(['enum', 'type']);
    const pushed: unknown[] = [];
    const pushError = (list: unknown[] | null, error: unknown) => {
      pushed.push(error);
      return [...(list ?? []), error];
    };
    const validate = run(program, 'validate10', { pushError }) as ((d: unknown) => boolean) & { errors: unknown };
    expect(validate(2)).toBe(false);
    expect(validate.errors).toEqual([
      { instancePath: '', keyword: 'enum', params: {} },
      { instancePath: '', keyword: 'type', params: { type: 'string' } },
    ]);
    expect(pushed).toHaveLength(2);
  });
});

describe('gateClosedLoops', () => {
  const loop = 'for (const key0 of Object.keys(data)) { if (!(key0 === "a")) { return false; break; } }';

  it("puts a fast function's unknown-key loops behind closed$", () => {
    const program = ajvTree(`let closed$ = false;\nfunction validate10(data){ ${loop} return true; }`);
    expect(gateClosedLoops(program)).toBe(true);
    const [validate, setClosed] = run(program, '[validate10, (v) => { closed$ = v; }]') as [(d: unknown) => boolean, (v: boolean) => void];
    expect(validate({ b: 1 })).toBe(true);
    setClosed(true);
    expect(validate({ b: 1 })).toBe(false);
    expect(validate({ a: 1 })).toBe(true);
  });

  it('leaves the code alone when any key loop has another shape', () => {
    const other = 'for (const key1 in data) { if (key1 === "b") { errors++; } }';
    const program = ajvTree(`function validate10(data){ let errors = 0; ${loop} ${other} return errors === 0; }`);
    const before = generate(program.program as never);
    expect(gateClosedLoops(program)).toBe(false);
    expect(generate(program.program as never)).toBe(before);
  });
});
