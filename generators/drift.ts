/**
 * What `check` compares: the files `generate` would write (already formatted, so the two never disagree),
 * one at a time as they are generated, against out/ on disk; and each page's canonical schema against the
 * copy committed beside the page.
 */
import { join } from 'node:path';
import { compareText } from './format.js';
import { MANIFEST_NAME, readBytes, readManifest, readText } from './write.js';
import type { GeneratedFile } from './types.js';

export interface FileDrift {
  kind: 'stale' | 'missing' | 'extra';
  /** Path relative to the output directory. */
  path: string;
  /** A short unified diff (stale files only). */
  diff?: string;
  /** Stale, but the same once formatting is set aside (see formattingOnly): a formatter rewrote it. */
  formattingOnly?: true;
}

export interface SchemaDrift {
  /** The page, as shown to the user. */
  page: string;
  /** The canonical schema file beside it, as shown to the user. */
  schema: string;
  missing: boolean;
  diff?: string;
  /** The file beside the page is the same schema, formatted otherwise (see formattingOnly). */
  formattingOnly?: true;
}

/** Lines of diff shown per file; the rest is summarised. */
const MAX_DIFF_LINES = 40;


/**
 * Whether two texts differ only in what a formatter such as Prettier changes: whitespace and line ends,
 * quote style and escapes, semicolons, commas, parentheses, quotes around keys, a leading `|` in a
 * union (after `:`, `=`, `<` or a function type's `=>`), `*` or `_` for Markdown emphasis, `/>` for `>` and the case of `<!DOCTYPE`. A heuristic for the message (the word or value a person edits is
 * never among these); `check` fails either way.
 */
export function formattingOnly(a: string, b: string): boolean {
  return a !== b && formattingKey(a) === formattingKey(b);
}

function formattingKey(text: string): string {
  return text
    .replace(/<!DOCTYPE/gi, '<!doctype')
    .replace(/\s+/g, '')
    .replace(/\\(["'`])/g, '$1')
    .replace(/['`]/g, '"')
    .replace(/[;,()]/g, '')
    .replace(/"([A-Za-z_$][\w$]*)"(\??):/g, '$1$2:')
    .replace(/\*/g, '_')
    .replace(/([:=<>])\|/g, '$1')
    .replace(/-{3,}/g, '---')
    .replace(/\/>/g, '>');
}

type DiffModule = typeof import('diff');

async function loadDiff(): Promise<DiffModule> {
  return import('diff');
}

function shortDiff(diff: DiffModule, name: string, before: string, after: string): string {
  const patch = diff.createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 2 });
  const lines = patch.split('\n').filter((l) => !l.startsWith('====='));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length <= MAX_DIFF_LINES) return lines.join('\n');
  return [...lines.slice(0, MAX_DIFF_LINES), `… ${lines.length - MAX_DIFF_LINES} more diff lines`].join('\n');
}

/** Generated files compared with out/ one at a time, as they are generated: nothing but the drift is kept. */
export interface OutputComparison {
  add(file: GeneratedFile): void;
  /** Every drift, sorted by path. */
  finish(): FileDrift[];
  /** How many files were compared. */
  readonly count: number;
}

/**
 * Compare generated files with out/, byte for byte. Extra files are those a previous run wrote (per the
 * manifest) that this run would not; files the tool never wrote are not its business.
 */
export async function openComparison(outDir: string, shownOut: string): Promise<OutputComparison> {
  const diff = await loadDiff();
  const drift: FileDrift[] = [];
  const wanted = new Set<string>();
  return {
    get count() {
      return wanted.size;
    },
    add(f) {
      wanted.add(f.path);
      const current = readBytes(join(outDir, f.path));
      if (current === undefined) drift.push({ kind: 'missing', path: f.path });
      else if (Buffer.compare(current, f.bytes ?? Buffer.from(f.contents, 'utf8')) !== 0) {
        const text = current.toString('utf8');
        const stale: FileDrift = { kind: 'stale', path: f.path, diff: shortDiff(diff, `${shownOut}/${f.path}`, text, f.contents) };
        if (formattingOnly(text, f.contents)) stale.formattingOnly = true;
        drift.push(stale);
      }
    },
    finish() {
      const manifest = readManifest(outDir);
      for (const path of Object.keys(manifest?.files ?? {})) {
        if (!wanted.has(path) && path !== MANIFEST_NAME && readText(join(outDir, path)) !== undefined) drift.push({ kind: 'extra', path });
      }
      return drift.sort((a, b) => compareText(a.path, b.path));
    },
  };
}


/** Compare each page's canonical schema with the file beside it. */
export async function compareSchemas(
  expected: { page: string; schema: string; abs: string; contents: string }[],
): Promise<SchemaDrift[]> {
  const diff = await loadDiff();
  const drift: SchemaDrift[] = [];
  for (const e of expected) {
    const current = readText(e.abs);
    if (current === undefined) drift.push({ page: e.page, schema: e.schema, missing: true });
    else if (current !== e.contents) {
      const changed: SchemaDrift = { page: e.page, schema: e.schema, missing: false, diff: shortDiff(diff, e.schema, current, e.contents) };
      if (formattingOnly(current, e.contents)) changed.formattingOnly = true;
      drift.push(changed);
    }
  }
  return drift;
}
