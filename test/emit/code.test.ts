import { publishedSchema } from '../../generators/emit/code.js';
import { describe, expect, it, beforeAll } from 'vitest';
import { customerSession, emit, file, fixture, loadPackage, type Api } from './code-helpers.js';
import { CodegenError } from '../../generators/types.js';

const valid = {
  customer_session: 'fe50d39a-5a1c-11ed-9b6a-0242ac120002',
  customer_id: '3956053c-5a1d-11ed-9b6a-0242ac120002',
  country: 'CO',
  callback_url: 'www.your-url.com',
  created_at: '2022-05-09T20:46:54.786342Z',
};

function thrown(fn: () => unknown): { name: string; message: string; errors: unknown } {
  try {
    fn();
  } catch (error) {
    const e = error as { name: string; message: string; errors: unknown };
    return { name: e.name, message: e.message, errors: e.errors };
  }
  throw new Error('expected a throw');
}

describe('emitted API (package target, ESM and CJS)', () => {
  let esm: Api;
  let cjs: Api;
  beforeAll(async () => {
    ({ esm, cjs } = await loadPackage([customerSession(), fixture('order')], 'api'));
  });

  it('exports the same names from both builds', () => {
    const names = [
      'CustomerSessionSchema', 'CustomerSessionStrictSchema', 'OrderSchema', 'OrderStrictSchema',
      'ValidationError',
      'assertCustomerSession', 'assertCustomerSessionStrict', 'assertOrder', 'assertOrderStrict',
      'isCustomerSession', 'isCustomerSessionStrict', 'isOrder', 'isOrderStrict',
      'parseCustomerSession', 'parseCustomerSessionStrict', 'parseOrder', 'parseOrderStrict',
      'safeParseCustomerSession', 'safeParseCustomerSessionStrict', 'safeParseOrder', 'safeParseOrderStrict',
    ];
    expect(Object.keys(esm).sort()).toEqual(names);
    expect(Object.keys(cjs).sort()).toEqual(names);
  });

  for (const flavour of ['esm', 'cjs'] as const) {
    it(`${flavour}: is/assert/parse on valid and invalid objects`, () => {
      const api = flavour === 'esm' ? esm : cjs;
      expect(api.isCustomerSession(valid)).toBe(true);
      expect(api.isCustomerSession({ ...valid, checkout_id: 'x' })).toBe(true);
      expect(api.isCustomerSessionStrict({ ...valid, checkout_id: 'x' })).toBe(false);
      expect(api.isCustomerSessionStrict(valid)).toBe(true);
      expect(api.isCustomerSession({ ...valid, country: 'XX' })).toBe(false);
      expect(api.isCustomerSession(null)).toBe(false);
      expect(api.isCustomerSession([])).toBe(false);
      expect(api.assertCustomerSession(valid)).toBeUndefined();
      expect(api.parseCustomerSession(JSON.stringify(valid))).toEqual(valid);
      const e = thrown(() => api.assertCustomerSession({ ...valid, created_at: '2022-02-30T20:46:54.786342Z' }));
      expect(e.name).toBe('ValidationError');
      expect(e.message).toBe('created_at: must match format "date-time" (got "2022-02-30T20:46:54.…")');
      expect(e.errors).toEqual([
        { path: 'created_at', message: 'must match format "date-time" (got "2022-02-30T20:46:54.…")', keyword: 'format' },
      ]);
    });
  }

  it('ValidationError is an Error subclass exported from the root', () => {
    const e = new esm.ValidationError([{ path: 'a', message: 'is required', keyword: 'required' }]);
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('a: is required');
    let caught: unknown;
    try {
      esm.assertCustomerSession({});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(esm.ValidationError);
  });

  it('lists every problem with paths, keywords and values', () => {
    expect(thrown(() => esm.assertCustomerSession({ country: 5 })).errors).toEqual([
      { path: 'customer_session', message: 'is required', keyword: 'required' },
      { path: 'customer_id', message: 'is required', keyword: 'required' },
      { path: 'callback_url', message: 'is required', keyword: 'required' },
      { path: 'created_at', message: 'is required', keyword: 'required' },
      { path: 'country', message: 'must be string (got 5)', keyword: 'type' },
      { path: 'country', message: 'must be one of the allowed values (got 5)', keyword: 'enum' },
    ]);
    expect(thrown(() => esm.assertCustomerSession(null)).message).toBe('(root): must be object (got null)');
    expect(thrown(() => esm.assertCustomerSession({ ...valid, country: 'XX', extra: 1 })).message).toBe(
      'country: must be one of the allowed values (got "XX")',
    );
    expect(thrown(() => esm.assertCustomerSessionStrict({ ...valid, extra: 1 })).errors).toEqual([
      { path: 'extra', message: 'is not a known property (strict validators reject unknown keys)', keyword: 'additionalProperties' },
    ]);
  });

  it('paths index arrays and quote odd keys at every level', () => {
    const order = { id: 'x', country: 'CO', status: 'PAID', amount: { value: 1.005, currency: 'EUR' }, items: [{ sku: '' }, { sku: 'a', gift: 'y' }] };
    expect(thrown(() => esm.assertOrder(order)).message).toBe(
      'amount.value: must be multiple of 0.01 (got 1.005)\nitems[0].sku: must NOT have fewer than 1 characters (got "")\nitems[1].gift: must be boolean (got "y")',
    );
    const extra = { id: 'x', country: 'CO', status: 'PAID', amount: { value: 1, currency: 'EUR', x: 1 }, items: [{ sku: 'a', 'odd key': 1 }] };
    expect(esm.isOrder(extra)).toBe(true);
    expect(thrown(() => esm.assertOrderStrict(extra)).message).toBe(
      'amount.x: is not a known property (strict validators reject unknown keys)\nitems[0]["odd key"]: is not a known property (strict validators reject unknown keys)',
    );
  });

  it('parse: bad JSON and non-strings throw a clear ValidationError', () => {
    const bad = thrown(() => esm.parseCustomerSession('{"a":'));
    expect(bad.name).toBe('ValidationError');
    expect(bad.message).toBe('(root): is not valid JSON: Unexpected end of JSON input');
    expect(bad.errors).toEqual([{ path: '', message: 'is not valid JSON: Unexpected end of JSON input', keyword: 'json' }]);
    expect(thrown(() => esm.parseCustomerSession(42)).message).toBe('(root): must be a JSON text (got number)');
    expect(thrown(() => cjs.parseCustomerSessionStrict(JSON.stringify({ ...valid, extra: true }))).message).toBe(
      'extra: is not a known property (strict validators reject unknown keys)',
    );
    expect(thrown(() => esm.parseCustomerSession('null')).message).toBe('(root): must be object (got null)');
  });
});

describe('ValidationError across the ESM and the CommonJS build (issue 12)', () => {
  let esm: Api;
  let cjs: Api;
  beforeAll(async () => {
    ({ esm, cjs } = await loadPackage([customerSession()], 'brand'));
  });
  const caught = (fn: () => unknown): unknown => {
    try {
      fn();
    } catch (error) {
      return error;
    }
    throw new Error('expected a throw');
  };

  it('an error either build throws is an instance of either build\'s class', () => {
    expect(esm.ValidationError).not.toBe(cjs.ValidationError);
    for (const [label, api] of [['esm', esm], ['cjs', cjs]] as const) {
      for (const error of [caught(() => api.assertCustomerSession({})), caught(() => api.parseCustomerSession('{')), new api.ValidationError([])]) {
        expect(error instanceof esm.ValidationError, label).toBe(true);
        expect(error instanceof cjs.ValidationError, label).toBe(true);
        expect(error instanceof Error, label).toBe(true);
      }
    }
  });

  it('nothing else is one: the brand is Symbol.for("yuno-codegen.ValidationError"), not the name or the shape', () => {
    const lookalike = Object.assign(new Error('x'), { name: 'ValidationError', errors: [] });
    for (const value of [lookalike, new Error('x'), { errors: [] }, Object.create(null), null, undefined, 'ValidationError', 0]) {
      expect(value instanceof esm.ValidationError).toBe(false);
      expect(value instanceof cjs.ValidationError).toBe(false);
    }
    expect({ [Symbol.for('yuno-codegen.ValidationError')]: true } instanceof esm.ValidationError).toBe(true);
  });

  it('the brand is not enumerable: the error prints and serialises as before', () => {
    const e = new esm.ValidationError([{ path: 'a', message: 'is required', keyword: 'required' }]);
    expect(Object.keys(e)).toEqual(['name', 'errors']);
    expect(JSON.stringify(e)).toBe('{"name":"ValidationError","errors":[{"path":"a","message":"is required","keyword":"required"}]}');
    expect(Object.getOwnPropertyDescriptor(e, Symbol.for('yuno-codegen.ValidationError'))).toEqual({ value: true, writable: false, enumerable: false, configurable: false });
  });

  it('a subclass keeps the usual instanceof', () => {
    class Mine extends (esm.ValidationError as new (errors: unknown[]) => Error) {}
    const mine = new Mine([]);
    expect(mine instanceof Mine).toBe(true);
    expect(mine instanceof esm.ValidationError).toBe(true);
    expect(mine instanceof cjs.ValidationError).toBe(true);
    expect(new esm.ValidationError([]) instanceof Mine).toBe(false);
    expect(caught(() => cjs.assertCustomerSession({})) instanceof Mine).toBe(false);
  });
});

describe('emitted files', () => {
  it('package target: ESM, CJS, both declaration flavours, schemas and package.json', async () => {
    const files = await emit([customerSession()]);
    expect(files.map((f) => f.path)).toEqual([
      'customer-session.cjs', 'customer-session.d.cts', 'customer-session.d.ts', 'customer-session.js',
      'index.cjs', 'index.d.cts', 'index.d.ts', 'index.js', 'package.json',
      'schemas/customer-session.schema.json', 'shared.cjs', 'shared.d.cts', 'shared.d.ts', 'shared.js',
    ]);
    const pkg = JSON.parse(file(files, 'package.json'));
    expect(pkg.name).toBe('yuno-types');
    expect(pkg.version).toBe('1.2.3');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.dependencies).toBeUndefined();
    expect(pkg.exports['.']).toEqual({
      import: { types: './index.d.ts', default: './index.js' },
      require: { types: './index.d.cts', default: './index.cjs' },
    });
    expect(pkg.exports['./customer-session'].require.types).toBe('./customer-session.d.cts');
    // The canonical schema without its x- annotations (published-schema.test.ts: AJV's strict mode refuses them).
    expect(file(files, 'schemas/customer-session.schema.json')).toBe(`${JSON.stringify(publishedSchema(customerSession().schema), null, 2)}\n`);
    expect(file(files, 'customer-session.js').split('\n')[0]).toBe(
      '// @generated by yuno-codegen from schema/the-customer-session-object.md — do not edit',
    );
    for (const f of files.filter((x) => /\.(c?js)$/.test(x.path))) {
      expect(f.contents).not.toMatch(/\brequire\(["'](?!\.\/)/);
      expect(f.contents).not.toMatch(/from ["'](?!\.\/)/);
    }
  });

  it('declares CountryCode once, in shared, even for several objects', async () => {
    const files = await emit([customerSession(), fixture('order')]);
    const declarations = files.filter((f) => f.path.endsWith('.d.ts') && f.contents.includes('export type CountryCode'));
    expect(declarations.map((f) => f.path)).toEqual(['shared.d.ts']);
    expect(file(files, 'order.d.ts')).toContain("import type { CountryCode } from './shared.js';");
    expect(file(files, 'order.d.cts')).toContain("import type { CountryCode } from './shared.cjs';");
    expect(file(files, 'shared.d.ts').split('\n')[0]).toBe('// @generated by yuno-codegen from 2 schemas — do not edit');
  });

  it('types: no index signature, JSDoc with constraints, enums as unions', async () => {
    const dts = file(await emit([customerSession(), fixture('order')]), 'customer-session.d.ts');
    expect(dts).not.toContain('[k: string]');
    expect(dts).toContain(
      [
        '  /**',
        '   * Customer Session creation date and time (MAX 27; MIN 27; [ISO 8601](https://en.wikipedia.org/wiki/ISO_8601)).',
        '   *',
        '   * @minLength 27',
        '   * @maxLength 27',
        '   * @format date-time',
        '   * @example "2022-05-09T20:46:54.786342Z"',
        '   */',
        '  created_at: string',
      ].join('\n'),
    );
    const order = file(await emit([customerSession(), fixture('order')]), 'order.d.ts');
    expect(order).toContain('  status: ("PENDING" | "PAID" | "FAILED")');
    expect(order).toContain('   * - "PAID": Paid in full');
    expect(order).toContain('  note?: (string | null)');
    expect(order).toContain('   * At most 9 digits (as documented).');
    // Nested objects and array items are named types of their own (naming.ts).
    expect(order).toContain('  amount: OrderAmount\n');
    expect(order).toContain('  items: [OrderItems, ...(OrderItems)[]]\n');
    expect(order).toContain('/**\n * The amount.\n */\nexport interface OrderAmount {\n');
    expect(order).toContain('export interface OrderItems {\n');
  });

  it('ts target: TypeScript sources only', async () => {
    const files = await emit([customerSession()], { target: 'ts' });
    expect(files.map((f) => f.path)).toEqual(['customer-session.ts', 'customer-session.validate.ts', 'index.ts', 'shared.ts']);
    // Checked by a strict compile as it is (test/emit/typecheck.test.ts): no @ts-nocheck.
    expect(file(files, 'customer-session.validate.ts')).not.toContain('@ts-nocheck');
  });

  it('only types: declarations without any JavaScript', async () => {
    const files = await emit([customerSession()], { only: ['types'] });
    expect(files.some((f) => /\.c?js$/.test(f.path))).toBe(false);
    expect(file(files, 'customer-session.d.ts')).not.toContain('isCustomerSession');
    expect(JSON.parse(file(files, 'package.json')).exports['.']).toEqual({ import: { types: './index.d.ts' }, require: { types: './index.d.cts' } });
    const ts = await emit([customerSession()], { only: ['types'], target: 'ts' });
    expect(ts.map((f) => f.path)).toEqual(['customer-session.ts', 'index.ts', 'shared.ts']);
    expect(file(ts, 'index.ts')).not.toContain('ValidationError');
  });

  it('only validators: the validators with the declarations their signatures need', async () => {
    const files = await emit([customerSession()], { only: ['validators'] });
    expect(file(files, 'customer-session.d.ts')).toContain('export declare function isCustomerSession(value: unknown): value is CustomerSession;');
    expect(files.some((f) => f.path === 'customer-session.js')).toBe(true);
  });

  it('only docs: no code', async () => {
    expect(await emit([customerSession()], { only: ['docs'] })).toEqual([]);
  });

  it('is deterministic and leaves the input unchanged', async () => {
    const docs = [customerSession(), fixture('order'), fixture('hostile')];
    const before = JSON.stringify(docs);
    const a = await emit(docs);
    const b = await emit(docs);
    expect(b).toEqual(a);
    expect(JSON.stringify(docs)).toBe(before);
    expect((await emit(docs, { target: 'ts' }))).toEqual(await emit(docs, { target: 'ts' }));
  });

  it('rejects names it cannot turn into code, and conflicting shared definitions', async () => {
    const doc = { ...customerSession(), name: 'class' };
    await expect(emit([doc])).rejects.toThrow(CodegenError);
    await expect(emit([doc])).rejects.toThrow(
      'schema/the-customer-session-object.md (/title): object name "class" is not usable as a type name; give the object a PascalCase title (letters and digits)',
    );
    const other = fixture('order');
    other.schema.$defs = { CountryCode: { type: 'string', enum: ['AR'] } };
    await expect(emit([customerSession(), other])).rejects.toThrow(
      'test/fixtures/code/order.json (/$defs/CountryCode): definition "CountryCode" differs from the one in schema/the-customer-session-object.md; shared definitions must be identical (rename one)',
    );
    const fmt = { ...customerSession(), schema: { ...customerSession().schema, properties: { a: { type: 'string', format: 'email' } } } };
    await expect(emit([fmt])).rejects.toThrow(/cannot build a validator: unknown format "email"/);
  });
});
