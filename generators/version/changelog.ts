/**
 * The package's changelog: one entry per `generate --bump`, newest first, listing the classified
 * changes per object. Deterministic: the entry is dated only when SOURCE_DATE_EPOCH is set (the
 * reproducible-builds convention), from that value, in UTC.
 */
import type { Change } from '../diff/classify.js';
import type { Effect } from '../diff/rules.js';

const TITLE = '# Changelog\n';

export type Bump = 'major' | 'minor' | 'patch';

/** The date of an entry: from SOURCE_DATE_EPOCH (seconds since 1970, UTC), else none. */
export function entryDate(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const epoch = env['SOURCE_DATE_EPOCH'];
  if (epoch === undefined || !/^\d+$/.test(epoch)) return undefined;
  return new Date(Number(epoch) * 1000).toISOString().slice(0, 10);
}

const WHY: Record<Bump, string> = {
  major: 'Breaking: code that reads the types, or data the validators accepted, may need changes.',
  minor: 'Additive: nothing that compiled or validated before breaks.',
  patch: 'Documentation only.',
};

/** Inline code that stays one code span whatever the text holds. */
function code(text: string): string {
  const ticks = Math.max(0, ...Array.from(text.matchAll(/`+/g), (m) => m[0].length)) + 1;
  const fence = '`'.repeat(ticks);
  return `${fence}${ticks > 1 ? ' ' : ''}${text}${ticks > 1 ? ' ' : ''}${fence}`;
}

/** Text from the pages shown as plain Markdown text: every character Markdown or HTML would act on is escaped. */
function plain(text: string): string {
  return text.replace(/\n/g, ' ').replace(/[\\`*_{}[\]()<>#+!|~&]/g, (c) => `\\${c}`);
}

function sides(c: Change, effect: Effect): string {
  return [c.types === effect ? 'types' : '', c.validators === effect ? 'validators' : ''].filter(Boolean).join(', ');
}

/** One entry: the version, the step and why, then each object's changes, breaking first. */
export function changelogEntry(version: string, bump: Bump, changes: Change[], date?: string): string {
  const lines = [`## ${version}${date !== undefined ? ` (${date})` : ''}`, '', WHY[bump]];
  for (const object of [...new Set(changes.map((c) => c.object))].sort()) {
    lines.push('', `### ${object}`, '');
    for (const effect of ['breaking', 'additive', 'docs'] as const) {
      for (const c of changes.filter((x) => x.object === object && (x.types === effect || x.validators === effect))) {
        // A change listed under its worse effect only.
        if (effect !== 'breaking' && (c.types === 'breaking' || c.validators === 'breaking')) continue;
        if (effect === 'docs' && (c.types === 'additive' || c.validators === 'additive')) continue;
        const label = effect === 'breaking' ? 'Breaking' : effect === 'additive' ? 'Additive' : 'Docs';
        lines.push(`- ${label} (${sides(c, effect)}): ${c.at === '' ? 'the object' : code(c.at)}: ${plain(c.detail)} (${c.rule})`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The changelog with `entry` on top (a new file gets the title). */
export function addEntry(existing: string | undefined, entry: string): string {
  const body = existing === undefined || existing.trim() === '' ? TITLE : existing.replace(/\r\n/g, '\n');
  const at = body.indexOf('\n## ');
  if (at === -1) return `${body.trimEnd()}\n\n${entry}`;
  return `${body.slice(0, at + 1)}${entry}\n${body.slice(at + 1)}`;
}
