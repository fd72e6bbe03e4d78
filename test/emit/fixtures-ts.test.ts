/**
 * The fixtures of the ts target: they compile under strict settings and isolatedDeclarations, and the
 * compiled code gives, seed for seed, the values of the package's ESM build.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate, type SchemaDocument } from '../../generators/index.js';
import { customerSession, fixture, tempDir, writeFiles, type Api } from './code-helpers.js';

const docs: SchemaDocument[] = [customerSession(), fixture('order')];

async function build(target: 'package' | 'ts'): Promise<string> {
  const { files } = await generate({ schemas: docs.map((d) => ({ path: d.source, text: JSON.stringify(d.schema) })), only: ['types', 'validators', 'fixtures'], target });
  const dir = tempDir(`fixtures-${target}`);
  writeFiles(dir, files);
  return dir;
}

function sample(fixtures: Api): string {
  const out: unknown[] = [];
  for (let seed = 0; seed < 500; seed++) {
    out.push(fixtures['arbitraryOrder'](seed), fixtures['invalidOrder'](seed), fixtures['arbitraryCustomerSession'](seed), fixtures['invalidCustomerSession'](seed));
  }
  return JSON.stringify([out, fixtures['examplesOfOrder'](), fixtures['examplesOfCustomerSession']()]);
}

describe('ts target fixtures', () => {
  it('compile strictly (isolatedDeclarations too) and give the ESM build values, seed for seed', async () => {
    const dir = await build('ts');
    const out = join(dir, 'out');
    const program = ts.createProgram([join(dir, 'index.ts'), join(dir, 'fixtures', 'index.ts')], {
      strict: true, noUncheckedIndexedAccess: true, exactOptionalPropertyTypes: true, isolatedDeclarations: true, declaration: true,
      noUnusedLocals: true, noUnusedParameters: true, noImplicitReturns: true, noPropertyAccessFromIndexSignature: true, verbatimModuleSyntax: true,
      module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'], types: [], outDir: out, skipLibCheck: false,
    });
    const diagnostics = [...ts.getPreEmitDiagnostics(program), ...program.emit().diagnostics];
    expect(diagnostics.map((d) => `${ts.flattenDiagnosticMessageText(d.messageText, '\n')} (${d.file?.fileName ?? ''})`)).toEqual([]);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    const fromTs = (await import(pathToFileURL(join(out, 'fixtures', 'index.js')).href)) as Api;
    const fromPackage = (await import(pathToFileURL(join(await build('package'), 'fixtures', 'index.js')).href)) as Api;
    expect(sample(fromTs)).toBe(sample(fromPackage));
  }, 120_000);
});
