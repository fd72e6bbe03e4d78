/**
 * All generated TypeScript (package declarations, both flavours, and the `ts` target's sources) compiles
 * as one program under strict settings with TypeScript 5 (compiler API) and TypeScript 7 (its CLI), and
 * the types reject what the schema rejects (`// @ts-expect-error` must hold).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { customerSession, emit, fixture, repoRoot, tempDir, writeFiles } from './code-helpers.js';
import { STRICT, ts5 } from './tsc-helpers.js';


const CONSUMER = (from: string) => `import { isCustomerSession, assertOrder, parseCustomerSessionStrict, ValidationError } from '${from}';
import { CustomerSessionSchema, OrderSchema, OrderStrictSchema, safeParseOrder } from '${from}';
import type { CustomerSession, CountryCode, Order, SafeParseResult, ValidationIssue } from '${from}';
import type { StandardSchemaV1 } from '@standard-schema/spec';

export const country: CountryCode = 'CO';
// @ts-expect-error a code that is not ISO 3166-1 alpha-2
export const notIso: CountryCode = 'XX';
const session: CustomerSession = {
  customer_session: 'a', customer_id: 'b', country: 'ZW', callback_url: 'c', created_at: 'd',
};
// @ts-expect-error a missing field
export const missing: CustomerSession = { customer_session: 'a', customer_id: 'b', country: 'CO', callback_url: 'c' };
export const unknownKey: CustomerSession = {
  customer_session: 'a', customer_id: 'b', country: 'CO', callback_url: 'c', created_at: 'd',
  // @ts-expect-error an unknown key in an object literal
  checkout_id: 'x',
};
export const wrongType: CustomerSession = {
  // @ts-expect-error a wrong field type
  customer_session: 1, customer_id: 'b', country: 'CO', callback_url: 'c', created_at: 'd',
};
export function narrow(value: unknown): string {
  if (isCustomerSession(value)) return value.country;
  assertOrder(value);
  const order: Order = value;
  const note: string | null | undefined = order.note;
  return String(note) + order.items[0]?.sku;
}
export const parsed: CustomerSession = parseCustomerSessionStrict(JSON.stringify(session));
export function issues(error: unknown): ValidationIssue[] {
  return error instanceof ValidationError ? error.errors : [];
}
// The Standard Schema's output, as the spec's own package infers it, is the object's type: no more, no less.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
export const standardOutput: Same<StandardSchemaV1.InferOutput<typeof CustomerSessionSchema>, CustomerSession> = true;
export const standardStrictOutput: Same<StandardSchemaV1.InferOutput<typeof OrderStrictSchema>, Order> = true;
// @ts-expect-error another object's type is not it
export const standardOther: Same<StandardSchemaV1.InferOutput<typeof OrderSchema>, CustomerSession> = true;
export const accepted: StandardSchemaV1<unknown, Order> = OrderSchema;
export function safe(json: string): string {
  const result: SafeParseResult<Order> = safeParseOrder(json);
  return result.success ? result.data.id : (result.issues[0]?.path ?? '');
}
`;


function ts7(dir: string): string {
  const run = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'typescript7', 'bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return `${run.stdout}${run.stderr}`.trim() + (run.status === 0 ? '' : `\nexit ${run.status}`);
}

const docs = () => [customerSession(), fixture('order'), fixture('hostile')];

describe('package target declarations', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('typecheck-pkg');
    writeFiles(dir, await emit(docs()));
    writeFileSync(join(dir, 'consumer.mts'), CONSUMER('./index.js'));
    writeFileSync(join(dir, 'consumer.cts'), CONSUMER('./index.cjs'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      // A .cts consumer cannot use verbatimModuleSyntax's ESM syntax; everything else stays strict.
      compilerOptions: { ...STRICT, verbatimModuleSyntax: false, module: 'nodenext', moduleResolution: 'nodenext' },
      include: ['*.ts', '*.mts', '*.cts'],
    }));
  });

  it('TypeScript 5, nodenext: no errors, every @ts-expect-error used', () => {
    const options = { ...STRICT, verbatimModuleSyntax: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(dir, options, ['consumer.mts', 'consumer.cts', 'index.d.ts', 'index.d.cts'])).toEqual([]);
  });

  it('TypeScript 7: no errors', () => {
    expect(ts7(dir)).toBe('');
  });

  it('a removed @ts-expect-error target makes the check fail (the test can fail)', () => {
    const probe = tempDir('typecheck-probe');
    writeFileSync(join(probe, 'probe.mts'), `import type { CountryCode } from '${join(dir, 'index.js').replace(/\\/g, '/')}';\n// @ts-expect-error\nexport const ok: CountryCode = 'CO';\n`);
    const options = { ...STRICT, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(probe, options, ['probe.mts']).join('\n')).toContain("Unused '@ts-expect-error' directive");
  });
});

describe('ts target sources', () => {
  let dir: string;
  beforeAll(async () => {
    dir = tempDir('typecheck-ts');
    writeFiles(dir, await emit(docs(), { target: 'ts' }));
    writeFileSync(join(dir, 'consumer.ts'), CONSUMER('./index.js'));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { ...STRICT, module: 'nodenext', moduleResolution: 'nodenext' },
      include: ['*.ts'],
    }));
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  });

  for (const [label, module, resolution] of [
    ['nodenext', ts.ModuleKind.NodeNext, ts.ModuleResolutionKind.NodeNext],
    ['bundler', ts.ModuleKind.ESNext, ts.ModuleResolutionKind.Bundler],
  ] as const) {
    it(`TypeScript 5, ${label}: no errors`, () => {
      const options = { ...STRICT, module, moduleResolution: resolution, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
      expect(ts5(dir, options, ['consumer.ts', 'index.ts'])).toEqual([]);
    });
  }

  it('TypeScript 7: no errors', () => {
    expect(ts7(dir)).toBe('');
  });

  it('TypeScript 5 with isolatedDeclarations: every export states its type (issue 12)', () => {
    const options = {
      ...STRICT, isolatedDeclarations: true, declaration: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'],
    };
    expect(ts5(dir, options, ['index.ts'])).toEqual([]);
    // The check can fail: an export whose type is inferred is refused.
    const probe = tempDir('typecheck-isolated');
    writeFileSync(join(probe, 'probe.ts'), 'export const table = { a: Math.random() };\n');
    expect(ts5(probe, options, ['probe.ts']).join('\n')).toContain('isolatedDeclarations');
  });

  it('compiles to JavaScript that runs (tsc emit of the ts target)', async () => {
    const out = join(dir, 'out');
    const program = ts.createProgram([join(dir, 'index.ts')], {
      ...STRICT, noEmit: false, outDir: out, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'], declaration: true,
    });
    const result = program.emit();
    expect(result.diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    writeFileSync(join(out, 'package.json'), '{"type":"module"}');
    const api = (await import(`${new URL(`file://${join(out, 'index.js')}`).href}`)) as Record<string, (v: unknown) => unknown>;
    expect(api['isCustomerSession']?.({})).toBe(false);
    expect(() => api['assertCustomerSession']?.({ country: 'CO' })).toThrow('customer_session: is required');
  });
});
