/**
 * The emit stage for one object, and for the files shared by all objects: the emitters of the chosen
 * outputs (outputs/index.ts) run and their files are formatted. Pure: jobs in, files out. It runs in this
 * thread or, the same code, in the worker threads of threads.ts; both take jobs of plain data
 * (structured-clone safe).
 */
import { createRenderer, type Renderer } from '../templates.js';
import { format } from '../format.js';
import { emittersFor } from '../outputs/index.js';
import type { GeneratedFile, ResolvedOptions, SchemaDocument, TemplateSet } from '../types.js';

/** What every job of one run shares: sent once to each worker. */
export interface EmitSetup {
  options: ResolvedOptions;
  templates: TemplateSet;
}

/** Each emitter's plan, by emitter name. */
export type Plans = Record<string, unknown>;

export interface ObjectJob {
  doc: SchemaDocument;
  plans: Plans;
  /** The run has only this object. */
  single: boolean;
}

export interface ObjectOutput {
  /** Formatted, sorted by path. */
  files: GeneratedFile[];
  /** What each emitter kept of the object for the shared files, by emitter name. */
  kept: Record<string, unknown>;
}

/** An object once its own files are out: its names and what the emitters kept of it. */
export interface ObjectSummary {
  name: string;
  slug: string;
  source: string;
  kept: Record<string, unknown>;
}

export interface SharedJob {
  plans: Plans;
  objects: ObjectSummary[];
}

/** The emit stage of one run, in whatever thread it lives. */
export interface Emitter {
  object(job: ObjectJob): Promise<ObjectOutput>;
  shared(job: SharedJob): Promise<GeneratedFile[]>;
  close(): Promise<void>;
}

/** Every chosen emitter's plan: of one object alone before it is emitted, of all objects for the shared files. */
export async function planOutputs(docs: readonly SchemaDocument[], options: ResolvedOptions): Promise<Plans> {
  const plans: Plans = {};
  for (const { emitter, kinds } of emittersFor(options.only)) {
    if (emitter.plan) plans[emitter.name] = await emitter.plan(docs, { options, kinds });
  }
  return plans;
}

/** Emitting in this thread: the renderer is made at the first job. */
export function inThreadEmitter(setup: EmitSetup): Emitter {
  let renderer: Promise<Renderer> | undefined;
  const ready = (): Promise<Renderer> => (renderer ??= createRenderer(setup.templates));
  return {
    object: async (job) => emitObject(setup.options, await ready(), job),
    shared: async (job) => emitShared(setup.options, await ready(), job),
    close: async () => {},
  };
}

/** Load what the jobs will need (templates, and each chosen emitter's heavy modules) before the first job arrives. */
export async function warmUp(setup: EmitSetup): Promise<Renderer> {
  const [renderer] = await Promise.all([
    createRenderer(setup.templates),
    ...emittersFor(setup.options.only).map(({ emitter }) => emitter.warmUp?.()),
  ]);
  return renderer;
}

export async function emitObject(options: ResolvedOptions, renderer: Renderer, job: ObjectJob): Promise<ObjectOutput> {
  const files: GeneratedFile[] = [];
  const kept: Record<string, unknown> = {};
  for (const { emitter, kinds } of emittersFor(options.only)) {
    if (!emitter.object) continue;
    const out = await emitter.object(job.doc, { options, kinds, plan: job.plans[emitter.name], renderer, single: job.single });
    files.push(...out.files);
    if (out.kept !== undefined) kept[emitter.name] = out.kept;
  }
  return { files: format(files), kept };
}

export async function emitShared(options: ResolvedOptions, renderer: Renderer, job: SharedJob): Promise<GeneratedFile[]> {
  const files: GeneratedFile[] = [];
  for (const { emitter, kinds } of emittersFor(options.only)) {
    if (!emitter.shared) continue;
    const objects = job.objects.map(({ kept, ...o }) => (kept[emitter.name] === undefined ? o : { ...o, kept: kept[emitter.name] }));
    files.push(...(await emitter.shared({ options, kinds, plan: job.plans[emitter.name], renderer, objects })));
  }
  return format(files);
}
