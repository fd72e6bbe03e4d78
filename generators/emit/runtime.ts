/**
 * The run-time helpers of one run's shared module: the pieces of generators/runtime/ (compiled by
 * runtime-build.ts, at build time or when running from the sources) its validators use, with what those use,
 * in the form of each file: TypeScript (target ts), ESM, CommonJS, and the declarations. Exports and
 * declarations come from the same source, so they cannot disagree.
 */
import { loadPrecompiled } from '../assets.js';
import type { RuntimePiece } from './runtime-build.js';

/** The helpers every shared module with validators exports, whatever the validators check. */
const ALWAYS = ['ValidationError', 'codePointLength', 'issuesOf', 'pushError', 'fail', 'notValidWhenTooDeep', 'parseJson', 'safeParse', 'standardSchema'];

let table: Promise<RuntimePiece[]> | undefined;

/** The compiled pieces: precompiled by the build, or compiled now from the TypeScript sources (running from them). */
export function loadRuntime(): Promise<RuntimePiece[]> {
  table ??= (async () => {
    if (!import.meta.url.endsWith('.ts')) {
      const built = await loadPrecompiled<RuntimePiece[]>('runtime.js');
      if (built) return built;
    }
    const { buildRuntime } = await import('./runtime-build.js');
    return buildRuntime(new URL('../runtime/', import.meta.url));
  })();
  return table;
}

export interface RuntimeCode {
  ts: string;
  esm: string;
  cjs: string;
  dts: string;
  /** The values it exports, in order (the CommonJS form lists them as `exports.x = x`). */
  exports: string[];
}

/**
 * The pieces `helpers` need (besides those every module has) and the public types, in source order; the
 * messages only of the `keywords` the validators can report.
 */
export function runtimeCode(pieces: readonly RuntimePiece[], helpers: readonly string[], keywords: ReadonlySet<string>): RuntimeCode {
  const wanted = new Set([...ALWAYS, ...helpers]);
  const chosen = new Set<RuntimePiece>(pieces.filter((p) => p.typeOnly && p.exported));
  const stack = pieces.filter((p) => p.names.some((n) => wanted.has(n)));
  for (let piece = stack.pop(); piece; piece = stack.pop()) {
    if (chosen.has(piece)) continue;
    chosen.add(piece);
    stack.push(...pieces.filter((p) => p.names.some((n) => piece.uses.includes(n))));
  }
  const missing = [...wanted].filter((name) => !pieces.some((p) => p.names.includes(name)));
  if (missing.length > 0) throw new Error(`the runtime has no ${missing.join(', ')}`);
  const list = pieces.filter((p) => chosen.has(p));
  const form = (key: 'ts' | 'esm' | 'cjs'): string =>
    list
      .filter((p) => p[key] !== '')
      .map((p) => {
        let text = p[key];
        // Cut from the end, so the earlier ranges stay where they are.
        for (const group of [...p.cases].reverse()) {
          if (!group.keywords.some((k) => keywords.has(k))) text = text.slice(0, group[key][0]) + text.slice(group[key][1]);
        }
        return text;
      })
      .join('\n\n');
  return {
    ts: form('ts'),
    esm: form('esm'),
    cjs: form('cjs'),
    dts: list.filter((p) => p.dts !== '').map((p) => p.dts).join('\n\n'),
    exports: list.filter((p) => p.exported && !p.typeOnly).flatMap((p) => p.names),
  };
}
