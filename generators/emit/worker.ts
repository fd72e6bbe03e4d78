/**
 * A worker thread of the emit stage (threads.ts starts it). It loads the emitters while the main thread
 * is still reading the inputs, then answers jobs one at a time with emitter.ts, the same code the main
 * thread runs without workers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CodegenError } from '../types.js';
import { emitObject, emitShared, warmUp, type EmitSetup, type ObjectOutput } from './emitter.js';
import type { WorkerFailure, WorkerReply, WorkerRequest, WorkerResult } from './threads.js';

const setup = workerData as EmitSetup;
const port = parentPort;
if (!port) throw new Error('generators/emit/worker.js runs only as a worker thread');

// A failed warm-up (a broken template) is reported by the first job, like any job's own error.
const ready = warmUp(setup);
ready.catch(() => {});

port.on('message', (request: WorkerRequest) => {
  void answer(request).then((reply) => {
    if (!reply.ok) return port.postMessage(reply);
    // The files cross as UTF-8 bytes whose buffers move to the main thread: no copy, and no string there
    // that its (uncapped) heap would have to hold until a collection.
    const encoder = new TextEncoder();
    const result: WorkerResult = { ...reply.output, files: reply.output.files.map((f) => ({ path: f.path, bytes: encoder.encode(f.contents) })) };
    port.postMessage({ id: reply.id, ok: true, result } satisfies WorkerReply, result.files.map((f) => f.bytes.buffer as ArrayBuffer));
  });
});

async function answer(request: WorkerRequest): Promise<{ id: number; ok: true; output: ObjectOutput } | WorkerFailure> {
  try {
    const renderer = await ready;
    const output =
      request.kind === 'object'
        ? await emitObject(setup.options, renderer, request.job)
        : { files: await emitShared(setup.options, renderer, request.job), kept: {} };
    return { id: request.id, ok: true, output };
  } catch (error) {
    if (error instanceof CodegenError) return { id: request.id, ok: false, problems: error.problems };
    const e = error instanceof Error ? error : new Error(String(error));
    return { id: request.id, ok: false, error: { name: e.name, message: e.message, stack: e.stack ?? '' } };
  }
}
