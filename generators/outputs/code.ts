/**
 * Types and validators. One emitter (emit/code.ts) writes both, into the same modules: an object's
 * `.d.ts` declares its type and, when validators are generated, their signatures beside the `.js` code.
 */
import type { CodePlan } from '../emit/code.js';
import type { RuntimeNeeds } from '../emit/validators.js';
import { defineOutput, type OutputEmitter } from './output.js';

const code: OutputEmitter<CodePlan | undefined, RuntimeNeeds> = {
  name: 'code',
  plan: async (docs, run) => (await import('../emit/code.js')).planCode(docs, run.options),
  // json-schema-to-typescript, which every object needs; AJV loads only for a schema our validator emitters do not build.
  warmUp: async () => {
    const [types] = await Promise.all([import('../emit/types.js'), import('../emit/validators.js')]);
    return types.loadCompile();
  },
  object: async (doc, run) => {
    if (!run.plan) return { files: [] };
    const { files, needs } = await (await import('../emit/code.js')).emitObjectCode(run.plan, doc, run.renderer);
    return needs ? { files, kept: needs } : { files };
  },
  shared: async (run) => {
    if (!run.plan) return [];
    const objects = run.objects.map(({ kept, ...o }) => (kept ? { ...o, needs: kept } : o));
    return (await import('../emit/code.js')).emitSharedCode(run.plan, objects, run.renderer);
  },
};

export const types = defineOutput({
  kind: 'types',
  describe: 'TypeScript types of each object and its shared definitions',
  emitter: code,
});

export const validators = defineOutput({
  kind: 'validators',
  describe: 'self-contained validators of each object (is…, assert…, parse…, safeParse…, Standard Schema), loose and strict',
  emitter: code,
});
