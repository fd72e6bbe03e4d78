/**
 * Stage 1, read: page bytes → DocPage. Decodes UTF-8 (with or without BOM), normalises line endings,
 * drops zero-width spaces, repairs mojibake (UTF-8 that was once read as Windows-1252), splits the front
 * matter and detects which of Yuno's four page formats this is.
 */
import { createRequire } from 'node:module';
import { encode as encodeWindows1252 } from 'windows-1252';
import { CodegenError, firstLine, type DocPage, type PageSource } from '../types.js';
import { detectFormat } from './formats/index.js';
import { isPlainObject as isRecord } from '../conforms.js';

/**
 * js-yaml rather than `yaml`: it loads in a quarter of the time, and json-schema-to-typescript `require`s it
 * anyway. Through `require` too, so a run loads its CommonJS build once instead of that and the ESM build.
 */
const { loadAll } = createRequire(import.meta.url)('js-yaml') as typeof import('js-yaml');

/**
 * Pages larger than this are rejected before parsing: the largest real page is 230 KB, and a page of
 * several megabytes would take seconds and hundreds of megabytes to parse.
 */
export const MAX_PAGE_BYTES = 2 * 1024 * 1024;

export function read(source: PageSource): DocPage {
  const fail = (at: string, rule: string, message: string): never => {
    throw new CodegenError([{ file: source.path, at, rule, message }]);
  };
  if (source.bytes.length === 0) fail('', 'read', 'the page is empty; give the path of a Yuno object doc page');
  if (source.bytes.length > MAX_PAGE_BYTES) {
    fail('', 'read', `the page is ${source.bytes.length} bytes, more than the ${MAX_PAGE_BYTES} bytes (2 MiB) a doc page can be; check that this is the right file or split the page`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(source.bytes);
  } catch {
    return fail('', 'read', 'the page is not UTF-8 text (it looks binary); give the path of a Markdown or MDX doc page');
  }
  if (text.includes('\u0000')) fail('', 'read', 'the page contains NUL bytes (it looks binary); give the path of a Markdown or MDX doc page');
  // Zero-width spaces, word joiners and stray BOMs pasted into a page are invisible and mean nothing in it;
  // left in, they end up inside field names (`id\u200b`) and values.
  text = repairMojibake(text.replace(/\r\n?/g, '\n')).normalize('NFC').replace(/[\u200b\u2060\ufeff]/g, '');

  const { data, body, bodyLine } = splitFrontMatter(text, source.path);
  const format = detectFormat(body).name;
  const title = typeof data.title === 'string' && data.title.trim() ? data.title.trim() : '';
  return { path: source.path, text: body, bodyLine, format, title, frontMatterDescription: frontMatterDescription(data) };
}

/** YAML front matter between `---` lines at the very top, parsed with a YAML parser. */
function splitFrontMatter(text: string, file: string): { data: Record<string, unknown>; body: string; bodyLine: number } {
  if (!text.startsWith('---\n')) return { data: {}, body: text, bodyLine: 1 };
  const end = text.indexOf('\n---', 3);
  const endLine = end < 0 ? -1 : text.indexOf('\n', end + 4);
  if (end < 0 || (endLine < 0 ? text.slice(end + 4) : text.slice(end + 4, endLine)).trim() !== '') {
    throw new CodegenError([
      { file, at: 'line 1', rule: 'front-matter', message: 'the front matter opened by "---" on line 1 is never closed; add a "---" line after it' },
    ]);
  }
  const yaml = text.slice(4, end + 1);
  let data: unknown;
  try {
    // loadAll: an empty front matter is no document (js-yaml's `load` throws on it), not an error.
    data = loadAll(yaml)[0];
  } catch (error) {
    throw new CodegenError([
      { file, at: 'front matter', rule: 'front-matter', message: `the front matter is not valid YAML (${firstLine(error)}); fix the YAML between the "---" lines` },
    ]);
  }
  const bodyStart = endLine < 0 ? text.length : endLine + 1;
  const bodyLine = text.slice(0, bodyStart).split('\n').length;
  return { data: isRecord(data) ? data : {}, body: text.slice(bodyStart), bodyLine };
}

function frontMatterDescription(data: Record<string, unknown>): string {
  if (typeof data.description === 'string') return data.description.trim();
  const meta = data.metadata;
  if (isRecord(meta) && typeof meta.description === 'string') return meta.description.trim();
  return '';
}

// UTF-8 that was decoded as Windows-1252 once: a lead byte C2–F4 (shown as Â…ô) followed by one to three
// continuation bytes 80–BF (shown as U+0080–U+00BF or the Windows-1252 letters at 80–9F):
// `Â´` → `´`, `â€™` → `’`, `Ã©` → `é`.
const CP1252_CONTINUATION = '\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122';
const CP1252_HIGH = new RegExp(`[\u00c2-\u00f4][${CP1252_CONTINUATION}]{1,3}`, 'g');

/** Repair UTF-8-read-as-Windows-1252 sequences; text that is not such a sequence is left alone. */
export function repairMojibake(text: string): string {
  return text.replace(CP1252_HIGH, (run) => {
    let out = '';
    let i = 0;
    while (i < run.length) {
      const fixed = decodeSequenceAt(run, i);
      if (fixed) {
        out += fixed.char;
        i += fixed.length;
      } else {
        out += run[i];
        i += 1;
      }
    }
    return out;
  });
}

function decodeSequenceAt(run: string, start: number): { char: string; length: number } | undefined {
  const lead = byteOf(run[start]);
  if (lead === undefined) return undefined;
  const length = lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0 || start + length > run.length) return undefined;
  const bytes = [lead];
  for (let k = 1; k < length; k++) {
    const b = byteOf(run[start + k]);
    if (b === undefined || b < 0x80 || b > 0xbf) return undefined;
    bytes.push(b);
  }
  try {
    const char = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    return { char, length };
  } catch {
    return undefined;
  }
}

function byteOf(char: string | undefined): number | undefined {
  if (char === undefined) return undefined;
  try {
    const bytes = encodeWindows1252(char, { mode: 'fatal' });
    return bytes.length === 1 ? bytes[0] : undefined;
  } catch {
    return undefined;
  }
}

