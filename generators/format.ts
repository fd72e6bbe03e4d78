/**
 * The one step that owns whitespace in `out/`: `\n` line endings, no trailing spaces at line ends
 * (except Markdown's two-space line break, which we never emit), exactly one final newline, files sorted
 * by path. Templates emit code that is already indented; this step only makes it uniform.
 */
import type { GeneratedFile } from './types.js';

export function format(files: GeneratedFile[]): GeneratedFile[] {
  return files
    .map((f) => ({ path: f.path, contents: formatText(f.contents) }))
    .sort((a, b) => compareText(a.path, b.path));
}

export function formatText(text: string): string {
  let out = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  // Validator code runs to megabytes: one pass, and a match starts only at the first blank of a run.
  out = out.replace(/(?<![ \t])[ \t]+\n/g, '\n');
  let end = out.length;
  for (let c = out.charCodeAt(end - 1); c === 0x20 || c === 0x09 || c === 0x0a; c = out.charCodeAt(end - 1)) end--;
  return `${out.slice(0, end)}\n`;
}

/** The one comparator for every sort in the tool: by UTF-16 code units, independent of locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
