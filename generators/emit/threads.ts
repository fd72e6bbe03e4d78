/**
 * Where the emit stage runs: in this thread for small runs, in worker threads for large ones (see
 * defaultThreads), in this thread always when running from the TypeScript sources (tests), which a worker
 * cannot load.
 *
 * What a worker buys is a bounded heap: emitting an object makes ~100× its output in short-lived garbage
 * (AJV's code generation), and V8 lets a heap with room grow long before it collects, so one thread over
 * 1000 objects peaked at 650 MB RSS while holding ~50 MB live. A worker's heap is capped (WORKER_HEAP_MB)
 * and is collected at the cap instead. On more cores, several workers also emit in parallel. A worker
 * that dies (out of its heap, say) hands its jobs back to this thread, which has no such cap.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CodegenError, EncodedFile, type GeneratedFile, type Problem } from '../types.js';
import type { EmitSetup, Emitter, ObjectJob, ObjectOutput, SharedJob } from './emitter.js';

export type WorkerRequest = { id: number; kind: 'object'; job: ObjectJob } | { id: number; kind: 'shared'; job: SharedJob };
/** A file on its way from a worker: UTF-8 bytes. */
export interface FileBytes {
  path: string;
  bytes: Uint8Array;
}

/** A job's result on the wire: an object's output, or the shared files (nothing kept). */
export type WorkerResult = Omit<ObjectOutput, 'files'> & { files: FileBytes[] };

export type WorkerFailure =
  | { id: number; ok: false; problems: Problem[] }
  | { id: number; ok: false; error: { name: string; message: string; stack: string } };

export type WorkerReply = { id: number; ok: true; result: WorkerResult } | WorkerFailure;

/**
 * Each worker's heap limit (V8 old generation). The largest corpus object (the 780-field payment object)
 * needs well under half of it; an object that needs more is emitted in this thread instead.
 */
export const WORKER_HEAP_MB = 192;

/**
 * Below this many objects the default is no worker: a worker takes ~0.3 s of a core to start and load the
 * emitters, about what emitting a few objects costs, and a single page's `generate --force` would wait for it.
 */
export const WORKERS_FROM_OBJECTS = 8;

/**
 * Where one core but one leaves room for a single worker only (two cores), it buys no parallelism, just a
 * bounded heap, and costs CPU: starting it, sending every file across, collecting two heaps. Measured on the
 * corpus schemas renamed (generateEach, two cores): 12 objects 1.7 s of CPU in this thread against 2.2 s with
 * the worker, 100 objects 5.3 s against 6.6 s, 1000 objects 26 s against 41 s; peak RSS 120/183/477 MB in this
 * thread against 153/197/358 MB. So a single worker only from this many objects, where the heap bound matters.
 */
export const SINGLE_WORKER_FROM_OBJECTS = 250;

/**
 * A worker's stack, in MB: what the main thread has. Node gives V8 the thread's stack minus 192 KB; the main
 * thread's V8 limit is 984 KB unless `--stack-size` says otherwise. With Node's default (4 MB) a schema nested
 * deep enough to overflow AJV's compiler in this thread would build in a worker: the same input, another answer.
 */
function workerStackMb(): number {
  const flag = /(?:^|\s)--stack-size[= ](\d+)/.exec([...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].join(' '));
  return ((flag ? Number(flag[1]) : 984) + 192) / 1024;
}

/**
 * The default number of workers: none for fewer than WORKERS_FROM_OBJECTS objects, else one per core but
 * one, at most four, at least one; a lone worker (two cores or fewer) only from SINGLE_WORKER_FROM_OBJECTS on.
 * This thread keeps a core: it writes the files, and V8's own background threads (GC, compiler) already use
 * most of a second core (a run in one thread shows ~145% CPU). `cores`: the machine's (availableParallelism).
 */
export function defaultThreads(objects: number, cores = availableParallelism()): number {
  const workers = Math.max(1, Math.min(cores - 1, 4));
  if (objects < WORKERS_FROM_OBJECTS) return 0;
  return workers === 1 && objects < SINGLE_WORKER_FROM_OBJECTS ? 0 : workers;
}

/**
 * The emit stage for `objects` objects with up to `threads` workers (default: defaultThreads). Workers
 * start loading at once. Close the emitter when done.
 */
export async function openEmitter(setup: EmitSetup, objects: number, threads?: number): Promise<Emitter> {
  const workerFile = new URL('./worker.js', import.meta.url);
  const count = Math.min(threads ?? defaultThreads(objects), Math.max(objects, 1));
  if (count <= 0 || import.meta.url.endsWith('.ts') || !existsSync(fileURLToPath(workerFile))) {
    return (await import('./emitter.js')).inThreadEmitter(setup);
  }
  return new WorkerPool(setup, count, workerFile);
}

interface Slot {
  worker: Worker;
  pending: Set<number>;
  alive: boolean;
}

interface Pending {
  request: WorkerRequest;
  resolve: (value: never) => void;
  reject: (error: unknown) => void;
}

class WorkerPool implements Emitter {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private fallback: Promise<Emitter> | undefined;

  constructor(
    private readonly setup: EmitSetup,
    count: number,
    file: URL,
  ) {
    for (let i = 0; i < count; i++) {
      const worker = new Worker(file, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, stackSizeMb: workerStackMb() } });
      const slot: Slot = { worker, pending: new Set(), alive: true };
      worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
      worker.on('error', () => this.lost(slot));
      worker.on('exit', () => this.lost(slot));
      this.slots.push(slot);
    }
  }

  object(job: ObjectJob): Promise<ObjectOutput> {
    return this.send({ id: this.nextId++, kind: 'object', job });
  }

  shared(job: SharedJob): Promise<GeneratedFile[]> {
    return this.send({ id: this.nextId++, kind: 'shared', job });
  }

  async close(): Promise<void> {
    const slots = this.slots.filter((s) => s.alive);
    for (const s of slots) s.alive = false;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private send<T>(request: WorkerRequest): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.set(request.id, { request, resolve: resolve as (value: never) => void, reject });
      const slot = this.slots.filter((s) => s.alive).sort((a, b) => a.pending.size - b.pending.size)[0];
      if (!slot) {
        this.runHere(request.id);
        return;
      }
      slot.pending.add(request.id);
      slot.worker.postMessage(request);
    });
  }

  private settle(slot: Slot, reply: WorkerReply): void {
    slot.pending.delete(reply.id);
    const p = this.pending.get(reply.id);
    if (!p) return;
    this.pending.delete(reply.id);
    if (reply.ok) {
      const output: ObjectOutput = { ...reply.result, files: reply.result.files.map((f) => new EncodedFile(f.path, f.bytes)) };
      p.resolve((p.request.kind === 'object' ? output : output.files) as never);
    } else if ('problems' in reply) {
      p.reject(new CodegenError(reply.problems));
    } else {
      p.reject(Object.assign(new Error(reply.error.message), { name: reply.error.name, stack: reply.error.stack }));
    }
  }

  /** A worker that died or exited: its unanswered jobs run in this thread. */
  private lost(slot: Slot): void {
    if (!slot.alive) return;
    slot.alive = false;
    for (const id of slot.pending) this.runHere(id);
    slot.pending.clear();
  }

  private runHere(id: number): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.fallback ??= import('./emitter.js').then((m) => m.inThreadEmitter(this.setup));
    const { request } = p;
    void this.fallback
      .then((emitter): Promise<unknown> => (request.kind === 'object' ? emitter.object(request.job) : emitter.shared(request.job)))
      .then((value) => p.resolve(value as never), p.reject);
  }
}
