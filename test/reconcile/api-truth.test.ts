// Issue 11's measure: generate the 11 Mintlify objects with Yuno's OpenAPI files as evidence, then run
// every 2xx example payload of the operations that return them through the generated validators.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { globSync } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { extractAll } from '../../generators/extract.js';
import { readOpenApi } from '../../generators/openapi/read.js';
import { matchObjects, type Sample } from '../../generators/reconcile/match.js';
import type { SchemaDocument } from '../../generators/types.js';
import { shared } from '../extract/helpers.js';
import { tempDir, writeFiles, type Api } from '../emit/code-helpers.js';

const mintlify = join(shared, 'yuno-pages', 'mintlify');
const apiDir = join(shared, 'yuno-openapi');

interface Case {
  doc: SchemaDocument;
  samples: Sample[];
}

let api: Api;
let cases: Case[];

beforeAll(async () => {
  const pages = globSync(['*.mdx'], { cwd: mintlify }).sort().map((f) => ({ path: f, bytes: readFileSync(join(mintlify, f)) }));
  const openapi = globSync(['**/*.json'], { cwd: apiDir }).sort().map((f) => ({ path: f, text: readFileSync(join(apiDir, f), 'utf8') }));
  const result = await generate({ pages, openapi, only: ['types', 'validators'] });
  const dir = tempDir('api-truth');
  writeFiles(dir, result.files);
  api = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
  // The samples as the product matched them: against the pages' own schemas.
  const matches = matchObjects(await extractAll(pages), await readOpenApi(openapi));
  cases = result.schemas.map((doc, i) => ({ doc, samples: matches[i]!.samples }));
});

/** The error paths of a failed check, as `a/b/0/c` (ValidationError paths read `a.b[0].c`). */
function failures(name: string, value: unknown): string[] {
  try {
    api[`assert${name}`](value);
    return [];
  } catch (error) {
    return ((error as { errors: { path: string }[] }).errors ?? []).map((e) => tokens(e.path));
  }
}

/** `a.b[0].c` and `/a/b/0/c` both as `a/b/0/c`. */
function tokens(path: string): string {
  return path.startsWith('/') ? path.slice(1) : path.split(/[.[\]]/).filter(Boolean).join('/');
}

/**
 * Every scalar leaf (string, number, boolean), empty object and empty array of a value, as a path of
 * keys. A null is left out: where it stands for an absent object, an object is what the field holds.
 */
function leaves(value: unknown, path: (string | number)[] = [], out: { path: (string | number)[]; value: unknown }[] = []) {
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) out.push({ path, value });
    for (const [k, v] of entries) leaves(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  } else if (value !== null) out.push({ path, value });
  return out;
}

function replaced(value: unknown, path: (string | number)[], by: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path[path.length - 1]!] = by;
  return copy;
}

describe("every real payload Yuno publishes for the 11 Mintlify objects", () => {
  it('is matched: 112 example payloads from the operations that return each object', () => {
    expect(cases.map((c) => [c.doc.name, c.samples.length])).toEqual([
      ['CheckoutSession', 3], ['Customer', 3], ['CustomerSession', 1], ['PaymentLink', 2], ['PaymentMethodApi', 4],
      ['PaymentMethodCheckout', 4], ['Payment', 69], ['Payout', 6], ['Recipient', 8], ['Reports', 4], ['Subscription', 8],
    ]);
  });

  it('passes isX and isXStrict, except where ReadMe\'s placeholder alone fails it, and the report lists exactly those', () => {
    const placeholderFailures: string[] = [];
    for (const { doc, samples } of cases) {
      const listed = doc.evidence?.placeholders ?? [];
      for (const sample of samples) {
        const ok = api[`is${doc.name}`](sample.value) === true && api[`is${doc.name}Strict`](sample.value) === true;
        if (ok) continue;
        // Caused only by placeholders: every error sits at a placeholder the report lists for this example.
        const mine = listed.filter((p) => p.where.startsWith(`${sample.where}/`)).map((p) => tokens(p.where.slice(sample.where.length)));
        const errors = [...failures(doc.name, sample.value), ...failures(`${doc.name}Strict`, sample.value)];
        expect(mine.length, `${sample.where} fails: ${errors.join(', ')}`).toBeGreaterThan(0);
        for (const path of errors) expect(mine, `${sample.where}: ${path}`).toContain(path);
        placeholderFailures.push(sample.where);
      }
    }
    expect(placeholderFailures.length).toBe(11);
  });

  it('rejects every passing payload with one scalar leaf turned into an object, or one empty object or array turned into a number', () => {
    let checked = 0;
    for (const { doc, samples } of cases) {
      for (const sample of samples) {
        if (!api[`is${doc.name}`](sample.value)) continue;
        for (const leaf of leaves(sample.value)) {
          if (leaf.path.length === 0) continue;
          const isEmpty = leaf.value !== null && typeof leaf.value === 'object';
          const bad = replaced(sample.value, leaf.path, isEmpty ? 7 : {});
          expect(api[`is${doc.name}`](bad), `${sample.where}/${leaf.path.join('/')}`).toBe(false);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });
});

describe('what a payment team needs', () => {
  const payment = (): Record<string, unknown> => structuredClone(cases.find((c) => c.doc.name === 'Payment')!.samples.find((s) => api['isPaymentStrict'](s.value))!.value) as Record<string, unknown>;

  it('isPayment({}) is false: fields every real payment has are required', () => {
    expect(api['isPayment']({})).toBe(false);
    expect(failures('Payment', {})).toContain('id');
  });

  it('payment_method.type "CARD" is valid (the page\'s "Mandatory for `DIRECT` or `REDIRECT` workflow" is no value list)', () => {
    const p = payment();
    (p['payment_method'] as Record<string, unknown>)['type'] = 'CARD';
    expect(api['isPayment'](p)).toBe(true);
    expect(api['isPaymentStrict'](p)).toBe(true);
  });

  it('every two-decimal amount from 1000.00 to 1100.00 is a valid amount.value (multiple of 0.0001, exactly)', () => {
    const p = payment();
    const amount = p['amount'] as Record<string, unknown>;
    let rejected = 0;
    for (let cents = 100000; cents <= 110000; cents++) {
      amount['value'] = Number((cents / 100).toFixed(2));
      if (!api['isPayment'](p)) rejected++;
    }
    expect(rejected).toBe(0);
    amount['value'] = 1000.00001;
    expect(api['isPayment'](p)).toBe(false);
  });

  it('a closed country list still rejects "XK", in both checks', () => {
    const p = payment();
    p['country'] = 'XK';
    expect(api['isPayment'](p)).toBe(false);
    expect(api['isPaymentStrict'](p)).toBe(false);
    p['country'] = 'CO';
    expect(api['isPayment'](p)).toBe(true);
  });

  it('an open list accepts a new value by default and only the documented ones in strict', () => {
    const p = payment();
    p['workflow'] = 'SOME_FUTURE_WORKFLOW';
    expect(api['isPayment'](p)).toBe(true);
    expect(api['isPaymentStrict'](p)).toBe(false);
  });
});
