/**
 * Issue 17, names: titles with a digit followed by letters give TypeScript that compiles under strict
 * settings, in the package's declarations (ESM and CJS) and in the `ts` target's sources (before the one
 * naming function, `Payment3ds` was referenced and `Payment3Ds` declared, and `generate` exited 0).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { generate } from '../../generators/index.js';
import { tablePage, tempDir, writeFiles } from './code-helpers.js';
import { STRICT, ts5 } from './tsc-helpers.js';

const TITLES = ['The Payment 3DS Object', 'OAuth2Token', 'The 3DS Object', 'The Pagó 2go Object'];
const HAND_WRITTEN = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Token3ds',
  type: 'object',
  properties: { a: { $ref: '#/$defs/foo' }, b: { $ref: '#/$defs/a_string' } },
  $defs: { foo: { type: 'object', properties: { v: { type: 'integer' } } }, a_string: { type: 'string' } },
};

const CONSUMER = `import { isPayment3Ds, assertOauth2Token, parse_3Ds, isPago2Go, isToken3Ds } from './index.js';
import type { Payment3Ds, Oauth2Token, _3Ds, Pago2Go, Token3Ds, Foo, AString } from './index.js';
export function use(value: unknown): [Payment3Ds | undefined, Oauth2Token, _3Ds, Pago2Go | undefined, Foo | undefined, AString | undefined] {
  const p = isPayment3Ds(value) ? value : undefined;
  assertOauth2Token(value);
  const t: Token3Ds | undefined = isToken3Ds(value) ? value : undefined;
  return [p, value, parse_3Ds('{}'), isPago2Go(value) ? value : undefined, t?.a, t?.b];
}
`;

async function output(target: 'package' | 'ts'): Promise<string> {
  const { files } = await generate({
    target,
    pages: TITLES.map((title, i) => ({ path: `page-${i}.md`, bytes: Buffer.from(tablePage(title)) })),
    schemas: [{ path: 'token.schema.json', text: JSON.stringify(HAND_WRITTEN) }],
  });
  const dir = tempDir(`names-${target}`);
  writeFiles(dir, files);
  writeFileSync(join(dir, target === 'ts' ? 'consumer.ts' : 'consumer.mts'), CONSUMER);
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  return dir;
}

describe('titles with digits compile under strict TypeScript', () => {
  it('package target: index.d.ts, index.d.cts and a consumer', async () => {
    const dir = await output('package');
    const options = { ...STRICT, verbatimModuleSyntax: false, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(dir, options, ['consumer.mts', 'index.d.ts', 'index.d.cts'])).toEqual([]);
  });

  it('ts target: the sources and a consumer', async () => {
    const dir = await output('ts');
    const options = { ...STRICT, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts'] };
    expect(ts5(dir, options, ['consumer.ts', 'index.ts'])).toEqual([]);
  });
});
