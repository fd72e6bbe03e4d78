/** The classified changes as a readable table (one block per object) and as the `--json` records. */
import type { Change } from './classify.js';

/** Columns padded to their widest cell; an object's changes under its name. */
export function changeTable(changes: Change[]): string {
  if (changes.length === 0) return 'no changes';
  const header = ['field', 'rule', 'change', 'types', 'validators'];
  const blocks: string[] = [];
  for (const object of [...new Set(changes.map((c) => c.object))]) {
    const rows = changes.filter((c) => c.object === object).map((c) => [c.at === '' ? '(object)' : c.at, c.rule, c.detail, c.types, c.validators]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
    const line = (cells: string[]): string => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] as number))).join('  ').trimEnd();
    blocks.push([object, `  ${line(header)}`, ...rows.map((r) => `  ${line(r)}`)].join('\n'));
  }
  return blocks.join('\n\n');
}

/** How the changes add up, in words: `2 breaking, 1 additive` (each change counted once, by its worse side). */
export function changeSummary(changes: Change[]): string {
  const rank = { breaking: 3, additive: 2, docs: 1, none: 0 } as const;
  const counts = { breaking: 0, additive: 0, docs: 0 };
  for (const c of changes) {
    const worse = rank[c.types] >= rank[c.validators] ? c.types : c.validators;
    if (worse !== 'none') counts[worse]++;
  }
  const parts = (['breaking', 'additive', 'docs'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k === 'docs' ? 'documentation-only' : k}`);
  return parts.length === 0 ? 'no changes' : parts.join(', ');
}
