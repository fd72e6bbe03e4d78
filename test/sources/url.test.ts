/** Which URL an entry is fetched from and where its pinned copy lives; the lock's text and its errors. */
import { describe, expect, it } from 'vitest';
import { sourceOf } from '../../generators/sources/url.js';
import { lockText, parseLock } from '../../generators/sources/lock.js';

describe('sourceOf', () => {
  const cases: [string, 'page' | 'openapi', { fetchUrl: string; pinned: string } | string][] = [
    ['https://docs.y.uno/reference/the-payment-object', 'page', { fetchUrl: 'https://docs.y.uno/reference/the-payment-object.md', pinned: 'yuno-sources/docs.y.uno/reference/the-payment-object.md' }],
    ['https://docs.y.uno/reference/the-payment-object.md', 'page', { fetchUrl: 'https://docs.y.uno/reference/the-payment-object.md', pinned: 'yuno-sources/docs.y.uno/reference/the-payment-object.md' }],
    ['https://docs.y.uno/reference/the-payment-object#fields', 'page', { fetchUrl: 'https://docs.y.uno/reference/the-payment-object.md', pinned: 'yuno-sources/docs.y.uno/reference/the-payment-object.md' }],
    [
      'https://github.com/yuno-payments/yuno-docs/blob/main/openapi/payments.json',
      'openapi',
      { fetchUrl: 'https://raw.githubusercontent.com/yuno-payments/yuno-docs/main/openapi/payments.json', pinned: 'yuno-sources/github.com/yuno-payments/yuno-docs/main/openapi/payments.json' },
    ],
    [
      'https://github.com/yuno-payments/yuno-docs/blob/main/reference/the-payment-object.mdx',
      'page',
      { fetchUrl: 'https://raw.githubusercontent.com/yuno-payments/yuno-docs/main/reference/the-payment-object.mdx', pinned: 'yuno-sources/github.com/yuno-payments/yuno-docs/main/reference/the-payment-object.mdx' },
    ],
    ['http://127.0.0.1:8080/reference/x', 'page', { fetchUrl: 'http://127.0.0.1:8080/reference/x.md', pinned: 'yuno-sources/127.0.0.1_8080/reference/x.md' }],
    ['https://docs.y.uno/reference/x?lang=es', 'page', '"https://docs.y.uno/reference/x?lang=es" has a query string, which cannot be pinned; give the page URL without "?…"'],
    ['https://user:secret@docs.y.uno/reference/x', 'page', '"https://user:secret@docs.y.uno/reference/x" carries a user name or password; give the public URL (credentials do not belong in a committed config)'],
    ['https://docs.y.uno/', 'page', '"https://docs.y.uno/" names no file (the path is empty); give the URL of one page or one OpenAPI file'],
    ['https://github.com/yuno-payments/yuno-docs/tree/main/openapi', 'openapi', '"https://github.com/yuno-payments/yuno-docs/tree/main/openapi" is a GitHub URL but not of a file; give the file URL (github.com/OWNER/REPO/blob/BRANCH/PATH)'],
    ['https://docs.y.uno/reference/..%2F..%2Fetc', 'page', '"https://docs.y.uno/reference/..%2F..%2Fetc" has the path segment "../../etc", which cannot be a file name; give a URL whose path is letters, digits and . _ ~ + -'],
    ['https://docs.y.uno/reference/a%20b', 'page', '"https://docs.y.uno/reference/a%20b" has the path segment "a b", which cannot be a file name; give a URL whose path is letters, digits and . _ ~ + -'],
  ];
  for (const [entry, kind, want] of cases) {
    it(entry, () => {
      const got = sourceOf(entry, kind, 'yuno-sources', 'yuno-codegen.config.json', '/pages/0');
      if (typeof want === 'string') expect(got).toEqual({ file: 'yuno-codegen.config.json', at: '/pages/0', rule: 'source-url', message: want });
      else expect(got).toEqual({ kind, url: entry, ...want });
    });
  }
});

describe('lock', () => {
  it('is sorted by URL with keys in a fixed order, whatever order it was built in', () => {
    const a = { url: 'https://b', kind: 'page' as const, path: 'p/b.md', sha256: 'b'.repeat(64), size: 2, etag: '"2"' };
    const b = { lastModified: 'Mon, 01 Dec 2025 00:00:00 GMT', size: 1, sha256: 'a'.repeat(64), path: 'p/a.md', kind: 'page' as const, url: 'https://a' };
    const text = lockText({ lockVersion: 1, sources: [a, b] });
    expect(text).toBe(
      `{\n  "lockVersion": 1,\n  "sources": [\n    {\n      "url": "https://a",\n      "kind": "page",\n      "path": "p/a.md",\n      "sha256": "${'a'.repeat(64)}",\n      "size": 1,\n      "lastModified": "Mon, 01 Dec 2025 00:00:00 GMT"\n    },\n    {\n      "url": "https://b",\n      "kind": "page",\n      "path": "p/b.md",\n      "sha256": "${'b'.repeat(64)}",\n      "size": 2,\n      "etag": "\\"2\\""\n    }\n  ]\n}\n`,
    );
    expect(parseLock(text, 'yuno-codegen.lock.json')).toEqual({ lockVersion: 1, sources: [b, a].map((e) => ({ ...e })) });
  });

  it('a broken lock is one problem naming the entry and the fix', () => {
    const fix = '; delete yuno-codegen.lock.json and run yuno-codegen pull to write it anew';
    expect(parseLock('{', 'yuno-codegen.lock.json')).toEqual({ file: 'yuno-codegen.lock.json', at: '', rule: 'lock', message: `is not valid JSON${fix}` });
    expect(parseLock('{"lockVersion":2,"sources":[]}', 'yuno-codegen.lock.json')).toEqual({ file: 'yuno-codegen.lock.json', at: '/lockVersion', rule: 'lock', message: `has lockVersion 2, this version of yuno-codegen reads 1${fix}` });
    expect(parseLock('{"lockVersion":1,"sources":[{"url":"u","kind":"page","path":"p","sha256":"x","size":1}]}', 'yuno-codegen.lock.json')).toEqual({
      file: 'yuno-codegen.lock.json',
      at: '/sources/0',
      rule: 'lock',
      message: `has an entry without a valid url, kind, path, sha256 and size${fix}`,
    });
  });
});
