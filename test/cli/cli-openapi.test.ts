// --openapi, the config key "openapi" and the report command, as a user runs them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, seedProject, validates, writeJson } from './helpers.js';
import { sessionPayload, sessionSpec } from '../reconcile/helpers.js';

const session = sessionPayload;
const spec = sessionSpec;

function project(name: string, config: Record<string, unknown>): string {
  const dir = seedProject(name, { pages: ['schema/the-customer-session-object.md'], out: 'out', writeSchemas: false, ...config });
  mkdirSync(join(dir, 'api', 'sessions'), { recursive: true });
  writeFileSync(join(dir, 'api', 'sessions', 'create.json'), spec({ Created: session({ callback_url: null, checkout_id: 'c-1' }), Short: session({ created_at: '2022-05-09T20:46:54Z' }) }));
  writeFileSync(join(dir, 'api', 'package.json'), '{"name": "not an OpenAPI file"}');
  return dir;
}

describe('yuno-codegen report', () => {
  it('prints every disagreement by object and rule, with where it was seen', () => {
    const dir = project('report', { openapi: ['api'] });
    const r = cli(['report'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      'CustomerSession (schema/the-customer-session-object.md)',
      '  evidence: 2 examples from 1 operation',
      '  nullable (1 field)',
      '    callback_url: page: string, MIN 3, MAX 526 (line 43); seen: null → nullable (1×, e.g. sessions/create.json POST /v1/customers/sessions 201 "Created"/callback_url)',
      '  api-field (1 field)',
      '    checkout_id: page: absent; seen: "c-1" → added as string (1×, e.g. sessions/create.json POST /v1/customers/sessions 201 "Created"/checkout_id)',
      // A timestamp of another length: no timestamp field of the object keeps the page's lengths.
      '  timestamp-lengths (the object)',
      '    (the object): page: timestamps of a fixed length; seen: "2022-05-09T20:46:54Z" (20 characters) → 1 timestamp field without length bounds (1×, e.g. sessions/create.json POST /v1/customers/sessions 201 "Short"/created_at)',
      // checkout_id, optional and only the API's, may be null like callback_url: the API's way of saying absent.
      '  null-for-absent (the object)',
      '    (the object): page: optional fields of a given type; seen: null for absent values → 1 more optional field accepts null (1×, e.g. sessions/create.json POST /v1/customers/sessions 201 "Created"/callback_url)',
      'report: 1 object, 4 reconciled facts, 0 placeholder values',
      '',
    ]);
  });

  it('--json gives the same as data', () => {
    const dir = project('report-json', { openapi: ['api/**/*.json'] });
    const r = cli(['report', '--json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { objects: { name: string; operations: string[]; examples: number; entries: { path: string; rule: string }[] }[] };
    expect(out.objects.map((o) => [o.name, o.operations, o.examples, o.entries.map((e) => `${e.path} ${e.rule}`)])).toEqual([
      ['CustomerSession', ['api/sessions/create.json POST /v1/customers/sessions'], 2, [' timestamp-lengths', ' null-for-absent', 'callback_url nullable', 'checkout_id api-field']],
    ]);
  });
});

describe('generate with OpenAPI evidence', () => {
  it('--openapi replaces the config\'s entry; the validator accepts what the API sends; --json lists the matched operations', () => {
    const dir = project('generate', { openapi: ['missing.json'] });
    const r = cli(['generate', '--openapi', 'api/sessions/create.json', '--json'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { operations: unknown }).operations).toEqual({ CustomerSession: ['api/sessions/create.json POST /v1/customers/sessions'] });
    expect(validates(dir, session({ callback_url: null, checkout_id: 'c-1' }))).toBe(true);
    expect(validates(dir, session({ callback_url: 7 }))).toBe(false);
  });

  it('a changed OpenAPI file makes the next run regenerate', () => {
    const dir = project('fingerprint', { openapi: ['api'] });
    expect(cli([], dir).code).toBe(0);
    expect(cli([], dir).stdout).toBe('out/ is up to date\n');
    writeFileSync(join(dir, 'api', 'sessions', 'create.json'), spec({ Created: session({}) }));
    expect(cli([], dir).stdout).toMatch(/^generated 17 files \(\d+ written, \d+ unchanged\) in \d+ ms\n$/);
  });

  it('names a missing file, a glob that matches nothing and a file that is no OpenAPI document, together, and writes nothing', () => {
    const dir = project('bad', { openapi: ['nope.json', 'specs/*.yaml', 'api/package.json'] });
    const r = cli([], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'error: nope.json: cannot read the OpenAPI file (not found); check the path (paths in yuno-codegen.config.json are relative to that file)',
        'error: specs/*.yaml: the OpenAPI glob matches no file (paths in yuno-codegen.config.json are relative to that file)',
        'nothing was written',
        '',
      ].join('\n'),
    );
  });

  it('an explicitly named file that is no OpenAPI document is an error', () => {
    const dir = project('not-openapi', { openapi: ['api/package.json'] });
    const r = cli([], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: api/package.json: not an OpenAPI document (it needs "openapi" and "paths"); leave it out of "openapi"\nnothing was written\n');
  });

  it('the config key is checked like every other', () => {
    const dir = seedProject('bad-key', { pages: ['schema/the-customer-session-object.md'], openapi: 'api' });
    writeJson(join(dir, 'yuno-codegen.config.json'), { pages: ['schema/the-customer-session-object.md'], openapi: 'api' });
    const r = cli([], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: yuno-codegen.config.json (/openapi): must be an array (got "api")');
  });
});
