/**
 * ARCHITECTURE.md's picture is the import graph: its stages, in order, and its shared, library and CLI modules
 * cover every module of generators/, and every import goes the way the document says (a stage never imports an
 * earlier stage, the library or the CLI; shared modules import only each other; the library never imports the CLI).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { List, ListItem, Nodes, Paragraph, Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { describe, expect, it } from 'vitest';
import { GENERATORS, ROOT, importGraph, type ImportGraph } from './imports.js';

type Group = { kind: 'stage'; index: number; name: string } | { kind: 'shared' | 'library' | 'cli'; name: string };

interface Picture {
  /** Module or folder (relative to generators/, folders end with `/`) → its group. */
  entries: Map<string, Group>;
  stages: string[];
}

const text = (node: Nodes): string => ('value' in node ? String(node.value) : 'children' in node ? node.children.map(text).join('') : '');

/** The list right after the level-2 heading `title`. */
function listAfter(root: Root, title: string): List {
  const at = root.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && text(n) === title);
  const list = root.children.slice(at + 1).find((n): n is List => n.type === 'list');
  if (at < 0 || !list) throw new Error(`ARCHITECTURE.md has no list under "## ${title}"`);
  return list;
}

const codesIn = (node: Nodes): string[] =>
  node.type === 'inlineCode' ? [node.value] : 'children' in node ? node.children.flatMap((c) => codesIn(c as Nodes)) : [];

const firstParagraph = (item: ListItem): Paragraph => item.children.find((c): c is Paragraph => c.type === 'paragraph') as Paragraph;

/** Read the groups from the document: each stage's modules are the code spans in the parentheses after its bold name. */
export function readPicture(markdown: string): Picture {
  const root = fromMarkdown(markdown);
  const entries = new Map<string, Group>();
  const add = (code: string, group: Group): void => {
    if (code.startsWith('generators/')) entries.set(code.slice('generators/'.length), group);
  };
  const stages: string[] = [];
  for (const item of listAfter(root, 'Stages').children) {
    const [strong, ...rest] = firstParagraph(item).children;
    const name = strong ? text(strong) : '';
    const group: Group = { kind: 'stage', index: stages.length, name };
    stages.push(name);
    for (const node of rest) {
      if (node.type === 'text' && node.value.includes(')')) break;
      if (node.type === 'inlineCode') add(node.value, group);
    }
  }
  for (const [title, kind] of [['Shared modules', 'shared'], ['The library', 'library'], ['The CLI', 'cli']] as const) {
    for (const item of listAfter(root, title).children) for (const code of codesIn(firstParagraph(item))) add(code, { kind, name: title });
  }
  return { entries, stages };
}

/** The group of a module: its own entry, else the deepest folder entry holding it. */
export function groupOf(picture: Picture, module: string): Group | undefined {
  let best: [string, Group] | undefined;
  for (const [entry, group] of picture.entries) {
    const holds = entry.endsWith('/') ? module.startsWith(entry) : module === entry;
    if (holds && (!best || entry.length > best[0].length)) best = [entry, group];
  }
  return best?.[1];
}

const label = (g: Group): string => (g.kind === 'stage' ? `stage ${g.index + 1} (${g.name})` : g.kind);

/** Every import the document does not allow, as `from [group] → to [group]`. */
export function wrongWay(picture: Picture, graph: ImportGraph): string[] {
  const wrong: string[] = [];
  for (const [from, targets] of graph) {
    const a = groupOf(picture, from);
    for (const to of targets) {
      const b = groupOf(picture, to);
      if (!a || !b) continue;
      const allowed =
        a.kind === 'cli' ||
        (a.kind === 'library' && b.kind !== 'cli') ||
        (a.kind === 'shared' && b.kind === 'shared') ||
        (a.kind === 'stage' && (b.kind === 'shared' || (b.kind === 'stage' && b.index >= a.index)));
      if (!allowed) wrong.push(`${from} [${label(a)}] → ${to} [${label(b)}]`);
    }
  }
  return wrong.sort();
}

describe('ARCHITECTURE.md and the imports of generators/', () => {
  const picture = readPicture(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'));
  const graph = importGraph();

  it('names the stages in pipeline order', () => {
    expect(picture.stages).toEqual(['read and parse', 'schema', 'reconcile', 'check', 'emit', 'write']);
  });

  it('places every module of generators/ (a new module needs a line there), and names only what exists', () => {
    expect([...graph.keys()].filter((m) => groupOf(picture, m) === undefined)).toEqual([]);
    expect([...picture.entries.keys()].filter((e) => !existsSync(join(GENERATORS, e)))).toEqual([]);
  });

  it('every import goes the way the picture says', () => {
    expect(wrongWay(picture, graph)).toEqual([]);
  });
});

describe('the architecture check', () => {
  const picture = readPicture(
    [
      '## Stages',
      '1. **read** (`generators/page/`): pages.',
      '2. **emit** (`generators/emit/`, `generators/templates.ts`): files, see `generators/page/x.ts`.',
      '## Shared modules',
      '- `generators/types.ts`: types.',
      '## The library',
      '- `generators/index.ts`: the library.',
      '## The CLI',
      '- `generators/cli.ts` and `generators/cli/`: the CLI.',
    ].join('\n'),
  );

  it('reads the groups, a stage only from the parentheses after its name', () => {
    expect(picture.stages).toEqual(['read', 'emit']);
    expect(groupOf(picture, 'page/x.ts')).toEqual({ kind: 'stage', index: 0, name: 'read' });
    expect(groupOf(picture, 'templates.ts')).toEqual({ kind: 'stage', index: 1, name: 'emit' });
    expect(groupOf(picture, 'cli/main.ts')).toEqual({ kind: 'cli', name: 'The CLI' });
    expect(groupOf(picture, 'other.ts')).toBeUndefined();
  });

  it('finds an import back to an earlier stage, into the library or the CLI, and from a shared module into a stage', () => {
    const graph: ImportGraph = new Map([
      ['page/read.ts', ['emit/code.ts', 'types.ts']],
      ['emit/code.ts', ['page/read.ts', 'index.ts', 'cli/main.ts']],
      ['types.ts', ['emit/code.ts']],
      ['index.ts', ['page/read.ts', 'cli/main.ts']],
      ['cli/main.ts', ['index.ts']],
    ]);
    expect(wrongWay(picture, graph)).toEqual([
      'emit/code.ts [stage 2 (emit)] → cli/main.ts [cli]',
      'emit/code.ts [stage 2 (emit)] → index.ts [library]',
      'emit/code.ts [stage 2 (emit)] → page/read.ts [stage 1 (read)]',
      'index.ts [library] → cli/main.ts [cli]',
      'types.ts [shared] → emit/code.ts [stage 2 (emit)]',
    ]);
  });
});
