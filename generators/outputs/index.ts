/**
 * The outputs, in the order `--only`, the config's JSON Schema and the docs list them. Adding an output
 * is one file beside this one and one entry here.
 */
import type { OutputEmitter } from './output.js';
import { types, validators } from './code.js';
import { docs } from './docs.js';
import { fixtures } from './fixtures.js';

export const OUTPUTS = [types, validators, docs, fixtures] as const;

/** Every kind of output. */
export const OUTPUT_KINDS = OUTPUTS.map((o) => o.kind);
export type OutputKind = (typeof OUTPUTS)[number]['kind'];

/** The kinds generated when the options do not say: all but the opt-in ones. */
export const DEFAULT_KINDS: OutputKind[] = OUTPUTS.filter((o) => !('optIn' in o && o.optIn)).map((o) => o.kind);

/** The emitters a choice of kinds needs, each once, in registry order, with the kinds it serves. */
export function emittersFor(only: readonly string[]): { emitter: OutputEmitter; kinds: ReadonlySet<string> }[] {
  const chosen = new Map<OutputEmitter, Set<string>>();
  for (const output of OUTPUTS) {
    if (!only.includes(output.kind)) continue;
    const kinds = chosen.get(output.emitter) ?? new Set<string>();
    kinds.add(output.kind);
    chosen.set(output.emitter, kinds);
  }
  return [...chosen].map(([emitter, kinds]) => ({ emitter, kinds }));
}
