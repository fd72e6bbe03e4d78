/** The changelog entry and the version bump: exact text, dates only from SOURCE_DATE_EPOCH, the config edited in place. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classify } from '../../generators/diff/classify.js';
import { addEntry, changelogEntry, entryDate } from '../../generators/version/changelog.js';
import { applyBump, planBump } from '../../generators/version/bump.js';
import { loadPlan } from '../../generators/config.js';
import { CodegenError, type JsonSchema } from '../../generators/types.js';

const before: JsonSchema = {
  title: 'CustomerSession',
  type: 'object',
  properties: { callback_url: { type: 'string', maxLength: 526 }, customer_id: { type: 'string' }, status: { type: 'string', enum: ['CREATED'] } },
  required: ['callback_url'],
};
const after: JsonSchema = {
  title: 'CustomerSession',
  type: 'object',
  properties: { callback_url: { type: 'string', maxLength: 100, description: 'Where to go <script>`x`</script>' }, status: { type: 'string', enum: ['CREATED', 'EXPIRED'] } },
  required: ['callback_url'],
};
const changes = classify({ name: 'CustomerSession', schema: before }, { name: 'CustomerSession', schema: after });

describe('changelog entry', () => {
  it('lists the classified changes per object, breaking first, with the rule, no date', () => {
    expect(changelogEntry('2.0.0', 'major', changes)).toBe(
      [
        '## 2.0.0',
        '',
        'Breaking: code that reads the types, or data the validators accepted, may need changes.',
        '',
        '### CustomerSession',
        '',
        '- Breaking (validators): `callback_url`: maxLength 526 → 100 (max-lowered)',
        '- Breaking (types, validators): `customer_id`: customer\\_id removed (field-removed)',
        '- Breaking (types): `status`: "EXPIRED" added (enum-value-added)',
        '- Docs (types, validators): `callback_url`: description: \\(none\\) → "Where to go \\<script\\>\\`x\\`\\</script\\>" (description-changed)',
        '',
      ].join('\n'),
    );
  });

  it('is dated only when SOURCE_DATE_EPOCH is set, from it, in UTC', () => {
    expect(entryDate({})).toBeUndefined();
    expect(entryDate({ SOURCE_DATE_EPOCH: '1767225599' })).toBe('2025-12-31');
    expect(entryDate({ SOURCE_DATE_EPOCH: 'soon' })).toBeUndefined();
    expect(changelogEntry('1.1.0', 'minor', [], '2025-12-31').split('\n')[0]).toBe('## 1.1.0 (2025-12-31)');
  });

  it('goes on top: a new file gets the title, an old one keeps its entries below', () => {
    const first = addEntry(undefined, '## 1.0.0\n\nA.\n');
    expect(first).toBe('# Changelog\n\n## 1.0.0\n\nA.\n');
    expect(addEntry(first, '## 2.0.0\n\nB.\n')).toBe('# Changelog\n\n## 2.0.0\n\nB.\n\n## 1.0.0\n\nA.\n');
  });
});

describe('generate --bump planning', () => {
  it('edits packageVersion in place (formatting and other keys kept) and adds the entry; undo puts both back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuno-bump-'));
    const config = '{\n    "pages": [],\n    "packageVersion": "1.4.2",   "packageName": "acme-yuno"\n}\n';
    writeFileSync(join(dir, 'yuno-codegen.config.json'), config);
    const plan = await loadPlan({}, dir);
    const next = planBump(plan, changes, {});
    expect(next && { bump: next.bump, from: next.from, to: next.to }).toEqual({ bump: 'major', from: '1.4.2', to: '2.0.0' });
    const undo = applyBump(plan, next!);
    expect(readFileSync(join(dir, 'yuno-codegen.config.json'), 'utf8')).toBe('{\n    "pages": [],\n    "packageVersion": "2.0.0",   "packageName": "acme-yuno"\n}\n');
    expect(readFileSync(join(dir, 'yuno-codegen.changelog.md'), 'utf8').split('\n').slice(0, 3)).toEqual(['# Changelog', '', '## 2.0.0']);
    undo();
    expect(readFileSync(join(dir, 'yuno-codegen.config.json'), 'utf8')).toBe(config);
    expect(() => readFileSync(join(dir, 'yuno-codegen.changelog.md'))).toThrow();
    // Docs only → patch; nothing → no bump.
    const docs = classify({ name: 'T', schema: { description: 'a' } }, { name: 'T', schema: { description: 'b' } });
    expect(planBump(plan, docs, {})?.to).toBe('1.4.3');
    expect(planBump(plan, [], {})).toBeUndefined();
  });

  it('without a config there is no place for the version: one clear error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yuno-bump-'));
    const plan = await loadPlan({ page: ['x.md'] }, dir);
    let message = '';
    try {
      planBump(plan, changes, {});
    } catch (error) {
      message = (error as CodegenError).problems.map((p) => p.message).join('\n');
    }
    expect(message).toBe('--bump needs a yuno-codegen.config.json: the version lives in its "packageVersion"; create one');
  });
});
