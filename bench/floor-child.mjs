/**
 * The floor under the per-object goal: only the library calls the design requires for each object, with
 * none of our own work around them (no extraction, no templates, no post-processing, no docs, nothing
 * written). Per object: json-schema-to-typescript's compile (types; `format: false`, as we call it) and
 * the two AJV standalone compiles every validator module needs (fail-fast and error-collecting), with
 * the AJV class and base options our validators are built with (not our two faster keywords, which cost
 * AJV about the same). One thread, fresh process, timed after loading.
 *   node bench/floor-child.mjs SCHEMA_DIR COUNT   → one JSON line: { objects, ajvMs, json2tsMs }
 * The objects are the same renamed copies of the corpus schemas as bench/scale-child.mjs makes.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'dist', 'generators');
const validators = await import(pathToFileURL(join(dist, 'emit', 'validators.js')).href);
const { loadCompile } = await import(pathToFileURL(join(dist, 'emit', 'types.js')).href);
const [schemaDir, countText] = process.argv.slice(2);
const count = Number(countText);
const { AjvLean, standalone, _ } = await validators.loadAjv();
const compile = await loadCompile();

const bases = readdirSync(schemaDir).sort().map((f) => JSON.parse(readFileSync(join(schemaDir, f), 'utf8')));
let ajvMs = 0;
let json2tsMs = 0;
for (let i = 0; i < count; i++) {
  const base = bases[i % bases.length];
  const schema = { ...base, title: `${base.title}N${i}`, $id: `urn:yuno-codegen:synthetic-${i}` };
  let t = performance.now();
  const code = validators.deriveStrict(validators.stripAnnotations(schema));
  delete code.$id;
  for (const allErrors of [false, true]) {
    const ajv = new AjvLean({ ...validators.ajvOptions(), allErrors, code: { source: true, lines: true, optimize: false, formats: _`runtime.formats` } });
    for (const format of Object.keys(validators.FORMAT_FUNCTIONS)) ajv.addFormat(format, () => true);
    ajv.addSchema(code, 'v');
    ajv.getSchema('v');
    standalone(ajv, { v: 'v' });
  }
  ajvMs += performance.now() - t;
  t = performance.now();
  await compile(structuredClone(schema), schema.title, { bannerComment: '', format: false, additionalProperties: false, declareExternallyReferenced: true, unknownAny: true, maxItems: -1, $refOptions: {} });
  json2tsMs += performance.now() - t;
}
process.stdout.write(`${JSON.stringify({ objects: count, ajvMs, json2tsMs })}\n`);
