/**
 * The plug-in point for outputs. An `Output` is one kind of output a user can choose (`--only`, the
 * config's `only`); its `emitter` makes the files. Several kinds may share one emitter when they are
 * written into the same files (types and validators share the object modules): the emitter runs once
 * and is told which of its kinds the run wants.
 *
 * An emitter's hooks, in the order a run calls them:
 *   plan    of each object alone, just before that object is emitted (generateEach emits an object as
 *           soon as its page is extracted), and across all objects at the end, for the checks across
 *           objects (names, shared definitions) and the shared files. An object's files must depend
 *           only on the object and the plan of it alone: that is also what the object cache keys them
 *           by. Plain data, since it is sent to the worker threads that emit the objects;
 *   object  one object's files, and what the shared files will need of it (`kept`: its run-time needs,
 *           say); plain data too;
 *   shared  the files every object shares (a shared module with the run-time helpers the objects need,
 *           an index, a README), after every object.
 * Registered in outputs/index.ts, from which `--only`, the config's JSON Schema and the docs take the list.
 */
import type { Renderer } from '../templates.js';
import type { GeneratedFile, ResolvedOptions, SchemaDocument } from '../types.js';

/** What every hook of a run is told. */
export interface OutputRun {
  options: ResolvedOptions;
  /** The kinds of this emitter the run generates (at least one). */
  kinds: ReadonlySet<string>;
}

export interface ObjectRun<Plan> extends OutputRun {
  plan: Plan;
  renderer: Renderer;
  /** The run has only this object. */
  single: boolean;
}

/** An object as the shared files see it: its names, and what this emitter kept of it. */
export interface KeptObject<Kept> {
  name: string;
  slug: string;
  source: string;
  kept?: Kept;
}

export interface SharedRun<Plan, Kept> extends OutputRun {
  plan: Plan;
  renderer: Renderer;
  objects: readonly KeptObject<Kept>[];
}

export interface OutputEmitter<Plan = unknown, Kept = unknown> {
  /** Unique among the emitters; jobs sent to worker threads name it. */
  name: string;
  plan?(docs: readonly SchemaDocument[], run: OutputRun): Plan | Promise<Plan>;
  /** Load the heavy modules the jobs will need, while the inputs are still being read (worker threads). */
  warmUp?(): Promise<unknown>;
  object?(doc: SchemaDocument, run: ObjectRun<Plan>): Promise<{ files: GeneratedFile[]; kept?: Kept }>;
  shared?(run: SharedRun<Plan, Kept>): Promise<GeneratedFile[]>;
}

export interface Output<Kind extends string = string> {
  /** The name in `--only` and the config's `only`. */
  kind: Kind;
  /** One line for `--help`, the config's JSON Schema and the README. */
  describe: string;
  // The registry holds emitters of any plan and kept data; each emitter's hooks are typed where it is written.
  emitter: OutputEmitter<any, any>;
  /** Generated only when listed in `only` (not by default). */
  optIn?: boolean;
  /** Other kinds a run must also generate (the fixtures are typed with the types). */
  requires?: readonly string[];
}

/** An output with its kind's literal type kept (so the registry's list of kinds is a union type). */
export function defineOutput<Kind extends string>(output: Output<Kind>): Output<Kind> {
  return output;
}
