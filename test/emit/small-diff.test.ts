/**
 * Issue 14, small diffs: a small change to a page changes only the generated code of the fields it touches
 * and of their named types, not the numbering of the whole module. The real Payment page, with one field's
 * MAX changed and one new field added near the top.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffLines } from 'diff';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import type { GeneratedFile } from '../../generators/types.js';
import { repoRoot, tempDir, writeFiles, type Api } from './code-helpers.js';

const PAGE = join(repoRoot, '..', 'shared', 'yuno-pages', 'mintlify', 'the-payment-object.mdx');

const NEW_FIELD = `<ParamField body="channel" type="string">
  The sales channel of the payment (MAX 32; MIN 2).

  Example: WEB
</ParamField>

`;

/** The page with `merchant_order_id`'s MAX 255 → 200 and a new field `channel` before the first `description`. */
function edited(text: string): string {
  const bound = "The unique identifier of the customer's order (MAX 255; MIN 3).";
  const before = '<ParamField body="description" type="string">';
  expect(text.split(bound)).toHaveLength(2);
  // Near the top: the third field of the page.
  expect(text.indexOf(before)).toBeLessThan(1200);
  return text.replace(bound, "The unique identifier of the customer's order (MAX 200; MIN 3).").replace(before, `${NEW_FIELD}${before}`);
}

async function code(text: string): Promise<GeneratedFile[]> {
  const { files } = await generate({ pages: [{ path: 'the-payment-object.mdx', bytes: new TextEncoder().encode(text) }], only: ['types', 'validators'] });
  // Outside the docs and the schemas: the code.
  return files.filter((f) => !f.path.startsWith('schemas/') && !f.path.startsWith('docs/') && !f.path.endsWith('.md'));
}

/** Lines added plus lines removed between two sets of files. */
function changedLines(before: GeneratedFile[], after: GeneratedFile[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const path of new Set([...before, ...after].map((f) => f.path))) {
    const a = before.find((f) => f.path === path)?.contents ?? '';
    const b = after.find((f) => f.path === path)?.contents ?? '';
    if (a === b) continue;
    counts[path] = diffLines(a, b).reduce((n, part) => n + (part.added || part.removed ? (part.count ?? 0) : 0), 0);
  }
  return counts;
}

describe('small diffs (issue 14)', () => {
  it('one MAX changed and one field added near the top of the Payment page change at most 300 lines of code, and the validators follow', async () => {
    const text = readFileSync(PAGE, 'utf8');
    const before = await code(text);
    const after = await code(edited(text));
    const counts = changedLines(before, after);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect({ total: total <= 300, counts }).toEqual({ total: true, counts });
    // The change is there: the new bound and the new field, in the types and the validators.
    const dir = tempDir('small-diff');
    writeFiles(dir, after);
    const api = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Api;
    const base = { merchant_order_id: 'x'.repeat(200), channel: 'WEB' };
    expect([api['isPayment'](base), api['isPayment']({ ...base, merchant_order_id: 'x'.repeat(201) }), api['isPayment']({ ...base, channel: 'W' })]).toEqual([true, false, false]);
    expect(after.find((f) => f.path === 'payment.d.ts')?.contents).toContain('  channel?: ');
  }, 240_000);
});
