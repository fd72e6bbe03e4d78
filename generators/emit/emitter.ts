/**
 * The emit stage for one object, and for the files shared by all objects: code (code.ts) and docs
 * (docs.ts) rendered and formatted. Pure: jobs in, files out. It runs in this thread or, the same code,
 * in the worker threads of threads.ts; both take jobs of plain data (structured-clone safe).
 */
import type { ResolvedOptions } from '../options.js';
import { createRenderer, type Renderer } from '../templates.js';
import { format } from '../format.js';
import type { GeneratedFile, SchemaDocument, TemplateSet } from '../types.js';
import { emitObjectCode, emitSharedCode, type CodePlan, type ObjectSummary } from './code.js';
import { emitObjectDocs } from './docs.js';
import type { RuntimeNeeds } from './validators.js';
import { loadCompile } from './types.js';
import { loadAjv } from './validators.js';

/** What every job of one run shares: sent once to each worker. */
export interface EmitSetup {
  options: ResolvedOptions;
  templates: TemplateSet;
}

export interface ObjectJob {
  doc: SchemaDocument;
  /** Undefined when neither types nor validators are wanted. */
  plan: CodePlan | undefined;
  /** Also return the Markdown page unformatted (the package README of a one-object package is that page). */
  keepMarkdown: boolean;
}

export interface ObjectOutput {
  /** Formatted, sorted by path. */
  files: GeneratedFile[];
  needs?: RuntimeNeeds;
  markdown?: string;
}

export interface SharedJob {
  plan: CodePlan | undefined;
  objects: ObjectSummary[];
  /** The README of a one-object package: that object's Markdown page. */
  singleMarkdown: string | undefined;
}

/** The emit stage of one run, in whatever thread it lives. */
export interface Emitter {
  object(job: ObjectJob): Promise<ObjectOutput>;
  shared(job: SharedJob): Promise<GeneratedFile[]>;
  close(): Promise<void>;
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

/** Load what the jobs will need (templates, json-schema-to-typescript, AJV) before the first job arrives. */
export async function warmUp(setup: EmitSetup): Promise<Renderer> {
  const [renderer] = await Promise.all([createRenderer(setup.templates), loadCompile(), loadAjv()]);
  return renderer;
}

export async function emitObject(options: ResolvedOptions, renderer: Renderer, job: ObjectJob): Promise<ObjectOutput> {
  const { doc, plan } = job;
  const files: GeneratedFile[] = [];
  const out: ObjectOutput = { files };
  if (plan) {
    const code = await emitObjectCode(plan, doc, renderer);
    files.push(...code.files);
    if (code.needs) out.needs = code.needs;
  }
  if (options.only.includes('docs')) {
    const docs = emitObjectDocs(doc, renderer);
    if (job.keepMarkdown) out.markdown = docs[0]?.contents;
    files.push(...docs);
  }
  out.files = format(files);
  return out;
}

export async function emitShared(options: ResolvedOptions, renderer: Renderer, job: SharedJob): Promise<GeneratedFile[]> {
  const files = job.plan ? await emitSharedCode(job.plan, job.objects, renderer) : [];
  if (options.target === 'package' && options.only.includes('docs')) files.push(readme(job, options, renderer));
  return format(files);
}

/** The package README: the object's Markdown docs, or an index of the objects when there are several. */
function readme(job: SharedJob, options: ResolvedOptions, renderer: Renderer): GeneratedFile {
  const objects = job.objects.map((s) => ({ name: s.name, slug: s.slug }));
  return {
    path: 'README.md',
    contents: renderer.render('readme.md.hbs', {
      single: job.singleMarkdown ?? false,
      count: objects.length,
      packageName: options.packageName,
      objects,
    }),
  };
}

