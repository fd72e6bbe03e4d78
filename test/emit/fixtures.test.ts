/**
 * The fixtures output: typed examples, arbitrary valid values and values that break exactly one rule, in
 * the package (ESM and CommonJS), the same for the same seed everywhere. The corpus at 10,000 values per
 * object is in test/emit/fixtures-corpus-*.test.ts, the ts target compiled by tsc in fixtures-ts.test.ts (slow).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, CodegenError, type GeneratedFile, type JsonSchema, type SchemaDocument } from '../../generators/index.js';
import { exampleObject } from '../../generators/emit/docs-model.js';
import { validatedSchemas } from '../../generators/emit/validators.js';
import { sessionPayload, sessionSpec } from '../reconcile/helpers.js';
import { customerSession, fixture, repoRoot, tempDir, writeFiles, type Api } from './code-helpers.js';
import { exactAjv } from './exact-decimal.js';
import { pointerOf, type AjvError } from './fixtures-corpus.js';

const ONLY = ['types', 'validators', 'fixtures'] as const;

function schemaInput(doc: SchemaDocument): { path: string; text: string } {
  return { path: doc.source, text: JSON.stringify(doc.schema) };
}

async function emitted(docs: SchemaDocument[], target: 'package' | 'ts' = 'package'): Promise<GeneratedFile[]> {
  return (await generate({ schemas: docs.map(schemaInput), only: [...ONLY], target })).files;
}

interface Loaded {
  api: Api;
  fixtures: Api;
}

let esm: Loaded;
let cjs: Loaded;
let files: GeneratedFile[];
const docs = [customerSession(), fixture('order')];

beforeAll(async () => {
  files = await emitted(docs);
  const dir = tempDir('fixtures');
  writeFiles(dir, files);
  esm = {
    api: (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api,
    fixtures: (await import(pathToFileURL(join(dir, 'fixtures', 'index.js')).href)) as Api,
  };
  const require = createRequire(join(dir, 'index.cjs'));
  cjs = { api: require(join(dir, 'index.cjs')) as Api, fixtures: require(join(dir, 'fixtures', 'index.cjs')) as Api };
});

/** `ajv.compile` of the schema the `…Strict` validator checks (open lists closed, objects closed), `multipleOf` exact. */
function strictReference(schema: JsonSchema): { validate: (value: unknown) => boolean; errors: () => AjvError[] } {
  const validate = exactAjv({ allErrors: true }).compile(validatedSchemas(schema).strict);
  return { validate: (value) => validate(value) === true, errors: () => (validate.errors ?? []) as never };
}

describe('package layout', () => {
  it('puts the fixtures in fixtures/ behind their own subpath export, not in the main entry', () => {
    const pkg = JSON.parse(files.find((f) => f.path === 'package.json')?.contents ?? '{}') as { exports: Record<string, unknown>; files: string[] };
    expect(pkg.exports['./fixtures']).toEqual({
      import: { types: './fixtures/index.d.ts', default: './fixtures/index.js' },
      require: { types: './fixtures/index.d.cts', default: './fixtures/index.cjs' },
    });
    expect(pkg.files).toContain('fixtures');
    expect(files.map((f) => f.path).filter((p) => p.startsWith('fixtures/'))).toEqual(
      ['customer-session', 'index', 'order', 'runtime'].flatMap((b) => [`fixtures/${b}.cjs`, `fixtures/${b}.d.cts`, `fixtures/${b}.d.ts`, `fixtures/${b}.js`]),
    );
    expect(Object.keys(esm.api).filter((k) => /example|arbitrary|invalid/i.test(k))).toEqual([]);
    const names = ['arbitraryCustomerSession', 'arbitraryOrder', 'exampleCustomerSession', 'exampleOrder', 'examplesOfCustomerSession', 'examplesOfOrder', 'invalidCustomerSession', 'invalidOrder'];
    expect(Object.keys(esm.fixtures).sort()).toEqual(names);
    expect(Object.keys(cjs.fixtures).sort()).toEqual(names);
  });

  it('is not generated unless asked for, and asks for the types', async () => {
    const plain = (await generate({ schemas: docs.map(schemaInput) })).files.map((f) => f.path);
    expect(plain.filter((p) => p.startsWith('fixtures/'))).toEqual([]);
    const error = await generate({ schemas: docs.map(schemaInput), only: ['validators', 'fixtures'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodegenError);
    expect((error as Error).message).toBe('(options) (/only): the fixtures output needs types: add types to only (types,fixtures)');
  });

  it('refuses a keyword it cannot honour, naming where', async () => {
    const schema = { title: 'Coded', type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]+$' } } };
    const error = await generate({ schemas: [{ path: 'coded.json', text: JSON.stringify(schema) }], only: [...ONLY] }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'coded.json (/properties/code/pattern): "pattern" is not supported by the fixtures (arbitrary and invalid values); generate without "fixtures" in only, or drop the keyword',
    );
  });
});

describe('examples', () => {
  it("the page's example object, a fresh copy at each call, in every build", () => {
    for (const { fixtures } of [esm, cjs]) {
      const first = fixtures['exampleOrder']();
      expect(first).toEqual(exampleObject(fixture('order').schema));
      first.items.push({ sku: 'changed' });
      expect(fixtures['exampleOrder']().items).toHaveLength(1);
      expect(fixtures['exampleCustomerSession']()).toEqual(exampleObject(customerSession().schema));
      expect(fixtures['examplesOfCustomerSession']()).toEqual([
        { source: 'schema/the-customer-session-object.md (the page\'s example)', value: fixtures['exampleCustomerSession']() },
      ]);
    }
    for (const [name, doc] of [['Order', fixture('order')], ['CustomerSession', customerSession()]] as const) {
      expect(esm.api[`is${name}Strict`](esm.fixtures[`example${name}`]())).toBe(true);
      expect(strictReference(doc.schema).validate(esm.fixtures[`example${name}`]())).toBe(true);
    }
  });

  it("with OpenAPI files: the API's distinct 2xx examples that pass the strict validator, with where each was seen", async () => {
    const page = { path: 'schema/the-customer-session-object.md', bytes: readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.md')) };
    const overrides = { path: 'o.json', text: readFileSync(join(repoRoot, 'schema', 'the-customer-session-object.overrides.json'), 'utf8') };
    const spec = sessionSpec({
      Session: sessionPayload(),
      Again: sessionPayload(),
      Other: sessionPayload({ country: 'BR', customer_id: '4956053c-5a1d-11ed-9b6a-0242ac120002' }),
      Placeholder: sessionPayload({ created_at: 'string' }),
    });
    const result = await generate({ pages: [{ ...page, overrides }], openapi: [{ path: 'sessions.json', text: spec }], only: [...ONLY] });
    const dir = tempDir('fixtures-api');
    writeFiles(dir, result.files);
    const fixtures = (await import(pathToFileURL(join(dir, 'fixtures', 'index.js')).href)) as Api;
    const examples = fixtures['examplesOfCustomerSession']() as { source: string; value: unknown }[];
    expect(examples.map((e) => e.source)).toEqual([
      "schema/the-customer-session-object.md (the page's example)",
      'sessions.json POST /v1/customers/sessions 201 "Session"',
      'sessions.json POST /v1/customers/sessions 201 "Other"',
    ]);
    expect(examples[1]?.value).toEqual(sessionPayload());
    expect(examples[2]?.value).toEqual(sessionPayload({ country: 'BR', customer_id: '4956053c-5a1d-11ed-9b6a-0242ac120002' }));
  });
});

describe('arbitrary and invalid values', () => {
  const cases = [['Order', fixture('order')], ['CustomerSession', customerSession()]] as const;

  it.each(cases)('%s: 2,000 arbitrary values pass is…Strict and ajv.compile (exact multipleOf)', (name, doc) => {
    const reference = strictReference(doc.schema);
    const failed: unknown[] = [];
    for (let seed = 0; seed < 2000; seed++) {
      const value = esm.fixtures[`arbitrary${name}`](seed);
      if (!esm.api[`is${name}Strict`](value) || !reference.validate(value)) failed.push({ seed, value });
    }
    expect(failed).toEqual([]);
  });

  it.each(cases)('%s: 2,000 invalid values each break exactly the rule they name', (name, doc) => {
    const reference = strictReference(doc.schema);
    const failed: unknown[] = [];
    const keywords = new Set<string>();
    for (let seed = 0; seed < 2000; seed++) {
      const { value, keyword, path, pointer, strictOnly } = esm.fixtures[`invalid${name}`](seed);
      keywords.add(keyword);
      const result = esm.api[`safeParse${name}Strict`](JSON.stringify(value));
      const issues = result.success ? [] : (result.issues as { path: string; keyword: string }[]).map((i) => [i.path, i.keyword]);
      const ajvValid = reference.validate(value);
      const ajv = reference.errors().map((e) => [pointerOf(e), e.keyword]);
      const ok = !ajvValid && JSON.stringify(issues) === JSON.stringify([[path, keyword]]) && JSON.stringify(ajv) === JSON.stringify([[pointer, keyword]]);
      if (!ok || esm.api[`is${name}`](value) !== strictOnly) failed.push({ seed, keyword, path, issues, ajv });
    }
    expect(failed).toEqual([]);
    expect([...keywords].sort()).toEqual(
      name === 'Order'
        ? ['additionalProperties', 'enum', 'format', 'maxItems', 'maxLength', 'maximum', 'minItems', 'minLength', 'minimum', 'multipleOf', 'required', 'type']
        : ['additionalProperties', 'enum', 'format', 'maxLength', 'minLength', 'required', 'type'],
    );
  });

  it('lengths count code points, dates are real calendar dates, decimals are exact', () => {
    const seen = { astral: false, leapDay: false, twoDecimals: false, fiveUnits: false };
    for (let seed = 0; seed < 2000; seed++) {
      const order = esm.fixtures['arbitraryOrder'](seed);
      if (typeof order.note === 'string' && [...order.note].length < order.note.length) seen.astral = true;
      if (typeof order.ship_date === 'string' && order.ship_date.endsWith('-02-29')) {
        const year = Number(order.ship_date.slice(0, 4));
        expect(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)).toBe(true);
        seen.leapDay = true;
      }
      if (/\.\d\d$/.test(String(order.amount.value))) seen.twoDecimals = true;
      if (order.amount.units !== undefined && order.amount.units > 5) {
        expect(order.amount.units % 5).toBe(0);
        seen.fiveUnits = true;
      }
    }
    expect(seen).toEqual({ astral: true, leapDay: true, twoDecimals: true, fiveUnits: true });
  });

  it('takes only whole-number seeds', () => {
    expect(() => esm.fixtures['arbitraryOrder'](1.5)).toThrow(new RangeError('the seed must be a whole number (got 1.5)'));
    expect(() => cjs.fixtures['invalidOrder']('7')).toThrow(RangeError);
  });
});

describe('determinism', () => {
  /** The first 300 arbitrary and invalid values of both objects, as one JSON text. */
  function sample(fixtures: Api): string {
    const out: unknown[] = [];
    for (let seed = -5; seed < 295; seed++) {
      out.push(fixtures['arbitraryOrder'](seed), fixtures['invalidOrder'](seed), fixtures['arbitraryCustomerSession'](seed), fixtures['invalidCustomerSession'](seed * 7919));
    }
    out.push(fixtures['arbitraryOrder'](Number.MAX_SAFE_INTEGER), fixtures['arbitraryOrder'](Number.MIN_SAFE_INTEGER));
    return JSON.stringify(out);
  }

  it('the same seed gives the same value in the ESM and CommonJS builds', () => {
    expect(sample(cjs.fixtures)).toBe(sample(esm.fixtures));
  });

  it('the same bytes as when this was written: changing what a seed gives is a breaking change for every snapshot made with it', () => {
    expect(createHash('sha256').update(sample(esm.fixtures)).digest('hex')).toBe('f117767499895ad8bc93e5fc63ce6ed3cf041a0e3000deeb9f29b32c9b21789e');
  });

  it('and in another process, time zone and locale: the same bytes', () => {
    const dir = tempDir('fixtures-process');
    writeFiles(dir, files);
    const script = `const f = require(${JSON.stringify(join(dir, 'fixtures', 'index.cjs'))});\n` +
      `const out = [];\nfor (let seed = -5; seed < 295; seed++) out.push(f.arbitraryOrder(seed), f.invalidOrder(seed), f.arbitraryCustomerSession(seed), f.invalidCustomerSession(seed * 7919));\n` +
      `out.push(f.arbitraryOrder(Number.MAX_SAFE_INTEGER), f.arbitraryOrder(Number.MIN_SAFE_INTEGER));\n` +
      `process.stdout.write(require('node:crypto').createHash('sha256').update(JSON.stringify(out)).digest('hex'));\n`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'tr_TR.UTF-8', LC_ALL: 'tr_TR.UTF-8' } });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(createHash('sha256').update(sample(esm.fixtures)).digest('hex'));
  });

  it('different seeds give different values', () => {
    const values = new Set<string>();
    for (let seed = 0; seed < 1000; seed++) values.add(JSON.stringify(esm.fixtures['arbitraryCustomerSession'](seed)));
    expect(values.size).toBe(1000);
  });
});
