// All twelve corpus objects generated at once: CountryCode declared once, every object's validator loads
// and accepts its own docs example, and the whole output type-checks as one strict program (both targets).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { generate, type GenerateResult } from '../../generators/index.js';
import { exampleObject } from '../../generators/emit/docs-model.js';
import { extractFile, corpus } from '../extract/helpers.js';
import { tempDir, writeFiles } from './code-helpers.js';

// The legacy copy of the Customer Session page is the same object: one page per object.
const pages = readdirSync(corpus).filter((f) => f.endsWith('.md') && !f.includes('.legacy-')).sort();

describe('all twelve corpus objects at once', () => {
  let pkg: GenerateResult;
  let ts2: GenerateResult;
  beforeAll(async () => {
    const sources = pages.map((f) => join(corpus, f));
    const schemas = await Promise.all(sources.map((p) => extractFile(p)));
    const asFiles = schemas.map((d) => ({ path: `${d.slug}.schema.json`, text: JSON.stringify({ ...d.schema }) }));
    pkg = await generate({ schemas: asFiles, only: ['types', 'validators'] });
    ts2 = await generate({ schemas: asFiles, target: 'ts', only: ['types', 'validators'] });
  });

  it('has twelve objects and declares CountryCode once', () => {
    expect(pages).toHaveLength(12);
    expect(pkg.schemas.map((s) => s.name)).toEqual([
      'EbRecipient', 'CheckoutSession', 'Customer', 'CustomerSession', 'PaymentLink', 'PaymentMethodApi',
      'PaymentMethodCheckout', 'Payment', 'Payout', 'Recipient', 'Reports', 'Subscription',
    ]);
    for (const result of [pkg, ts2]) {
      const declarations = result.files.filter((f) => /export (declare )?type CountryCode\b/.test(f.contents)).map((f) => f.path);
      expect(declarations.filter((p) => !p.endsWith('.d.cts'))).toEqual([result === pkg ? 'shared.d.ts' : 'shared.ts']);
    }
  });

  it('loads every validator (ESM) and each accepts its docs example object', async () => {
    const dir = tempDir('corpus-all');
    writeFiles(dir, pkg.files);
    const mod = (await import(pathToFileURL(join(dir, 'index.js')).href)) as Record<string, (v: unknown) => boolean>;
    for (const doc of pkg.schemas) {
      const is = mod[`is${doc.name}`]!;
      expect(is(exampleObject(doc.schema)), doc.name).toBe(true);
      expect(is({}), doc.name).toBe(!(doc.schema.required?.length));
    }
  });

  it('type-checks as one strict program (package declarations and ts sources)', () => {
    for (const result of [pkg, ts2]) {
      const dir = tempDir('corpus-all-tsc');
      writeFiles(dir, result.files);
      const roots = result.files.filter((f) => /\.(d\.ts|d\.cts|ts)$/.test(f.path)).map((f) => join(dir, f.path));
      const program = ts.createProgram(roots, {
        strict: true, noEmit: true, skipLibCheck: false, target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, types: [],
      });
      const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
      expect(roots.length).toBeGreaterThan(12);
    }
  });
});
