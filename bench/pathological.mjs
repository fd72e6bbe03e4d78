/**
 * Issue 17, bounded parsing: pages of at most the 2 MiB size limit that once made the Markdown parser's
 * work explode (a line of `- - - … x`: 19 s at 16 KB, over 580 s and 2.8 GB at 2 MiB), extracted in this
 * process through the built library (dist/), beside the 230 KB Payment page as the peer of the same run.
 *
 *   npm run build && node bench/pathological.mjs [--runs N]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { repo, show, summary, table } from './lib.mjs';

const MIB = 2 * 1024 * 1024;
const MDX_HEAD = '---\ntitle: The Test Object\n---\nThe test object.\n\n<ParamField body="a" type="string">\nField a.\n</ParamField>\n\n';
const TABLE_HEAD = '---\ntitle: The Test Object\n---\n| Field | Type | Description |\n| --- | --- | --- |\n| a | string | A. |\n\n';

/** `head`, then `unit` repeated to fill the page to (just under) 2 MiB, then `tail`. */
function page(head, unit, tail = '') {
  return head + unit.repeat(Math.floor((MIB - head.length - tail.length) / unit.length)) + tail;
}

/** The most `- a / - b` pairs the nesting budget accepts after `head` (found with the scan itself). */
function pairsWithinBudget(markdownNestingProblem) {
  let lo = 1;
  let hi = 100_000;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (markdownNestingProblem(MDX_HEAD + '- a\n  - b\n'.repeat(mid)) === undefined) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function pathologicalPages(markdownNestingProblem) {
  const within = '- a\n  - b\n'.repeat(pairsWithinBudget(markdownNestingProblem));
  return [
    { name: '2 MiB .mdx page, one line of "- - - … x"', path: 'nested.mdx', text: page(MDX_HEAD, '- ', 'x\n') },
    { name: '2 MiB .mdx page, one line of ">>> … x"', path: 'quotes.mdx', text: page(MDX_HEAD, '>', ' x\n') },
    { name: '2 MiB .mdx page, lines of 40 nested "- "', path: 'lines.mdx', text: page(MDX_HEAD, `${'- '.repeat(40)}x\n`) },
    { name: '2 MiB .mdx page, nested list items ("- a / - b")', path: 'items.mdx', text: page(MDX_HEAD, '- a\n  - b\n') },
    { name: '2 MiB .md table page, one line of "* * * … x"', path: 'table.md', text: page(TABLE_HEAD, '* ', 'x\n') },
    // What the nesting budget lets through: its cost is bounded by the budget, whatever the page's size.
    { name: `as many nested list items as the budget allows (${within.length / 10} "- a / - b" pairs)`, path: 'within.mdx', text: MDX_HEAD + within },
    // The parser's linear cost per byte on plain text, for scale: 256 KB of one-line paragraphs.
    { name: '256 KB of one-line paragraphs (linear reference)', path: 'prose.mdx', text: MDX_HEAD + 'Some words.\n\n'.repeat((256 * 1024) / 13) },
  ];
}

/** Median extraction time of each page (rejected or not: what it ends with is reported too). */
export async function timePathological({ runs = 5 } = {}) {
  const { extract } = await import(pathToFileURL(join(repo, 'dist', 'generators', 'extract.js')).href);
  const { markdownNestingProblem } = await import(pathToFileURL(join(repo, 'dist', 'generators', 'page', 'limits.js')).href);
  const payment = join(repo, '..', 'shared', 'yuno-pages', 'the-payment-object.md');
  const cases = [{ name: 'the 230 KB Payment page (peer)', path: 'the-payment-object.md', bytes: readFileSync(payment) }];
  for (const p of pathologicalPages(markdownNestingProblem)) cases.push({ name: p.name, path: p.path, bytes: new TextEncoder().encode(p.text) });
  const rows = [];
  for (const c of cases) {
    const times = [];
    let outcome = '';
    for (let i = 0; i < runs + 1; i++) {
      const t = performance.now();
      try {
        await extract({ path: c.path, bytes: c.bytes });
        outcome = 'extracted';
      } catch (error) {
        outcome = `rejected: ${String(error.message).split('\n')[0].slice(0, 90)}…`;
      }
      if (i > 0) times.push(performance.now() - t); // the first run loads the parsers
    }
    rows.push({ name: c.name, bytes: c.bytes.length, outcome, ...summary(times) });
  }
  return rows;
}

export function pathologicalTable(rows) {
  const peer = rows[0].median;
  return table(
    ['page', 'bytes', 'extract (ms, median (min–max))', '× Payment page', 'outcome'],
    rows.map((r) => [r.name, String(r.bytes), show(r, 'ms'), `${(r.median / peer).toFixed(2)}×`, r.outcome]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
  console.log(pathologicalTable(await timePathological({ runs: Number(values.runs) })));
}
