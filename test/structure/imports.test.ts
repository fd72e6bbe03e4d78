/** Imports go one way: no module of generators/ reaches, directly or through others, back to itself. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATORS, cyclesOf, importGraph, specifiersOf } from './imports.js';

describe('the import graph of generators/', () => {
  const graph = importGraph();

  it('has no import cycle', () => {
    expect(cyclesOf(graph)).toEqual([]);
  });

  it('names only modules that exist (so no import escapes the graph)', () => {
    const missing = [...graph].flatMap(([from, targets]) => targets.filter((t) => !existsSync(join(GENERATORS, t))).map((t) => `${from} → ${t}`));
    expect(missing).toEqual([]);
    // The graph is the real one: the library entry reaches the stages.
    expect(graph.get('index.ts')).toContain('extract.ts');
  });
});

describe('the cycle finder', () => {
  it('reads every kind of import: static, re-export, type-only, typeof import(), dynamic import()', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from './c.js';",
      "export * from './d.js';",
      "type E = typeof import('./e.js');",
      "const f = await import('./f.js');",
      "import g from 'node:fs';",
      "// import { h } from './h.js';",
      "const i = 'import(\"./i.js\")';",
    ].join('\n');
    expect(specifiersOf('x.ts', text)).toEqual(['./a.js', './b.js', './c.js', './d.js', './e.js', './f.js', 'node:fs']);
  });

  it('finds a cycle of two, a longer one, and a module that imports itself; not a diamond', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts', 'c.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', ['e.ts']],
      ['e.ts', ['c.ts']],
      ['f.ts', ['f.ts']],
      ['g.ts', ['h.ts', 'i.ts']],
      ['h.ts', ['j.ts']],
      ['i.ts', ['j.ts']],
      ['j.ts', []],
    ]);
    expect(cyclesOf(graph)).toEqual([['a.ts', 'b.ts'], ['c.ts', 'd.ts', 'e.ts'], ['f.ts']]);
  });
});
