/** Strict TypeScript settings and the TypeScript 5 compiler API run the type-checking tests share. */
import { join } from 'node:path';
import ts from 'typescript';

export const STRICT = {
  strict: true,
  noEmit: true,
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  noImplicitOverride: true,
  noImplicitReturns: true,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noPropertyAccessFromIndexSignature: true,
  noFallthroughCasesInSwitch: true,
  verbatimModuleSyntax: true,
  isolatedModules: true,
  target: 'es2022',
  types: [] as string[],
  lib: ['es2022'],
};

/** The diagnostics of `files` (in `dir`), one line each with its file. */
export function ts5(dir: string, options: ts.CompilerOptions, files: string[]): string[] {
  const program = ts.createProgram(files.map((f) => join(dir, f)), options);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n') + ` (${d.file?.fileName ?? ''})`);
}
