/**
 * AJV baselines for the Customer Session schema: `ajv.compile` (draft 2020-12 + ajv-formats, with the
 * project's AJV options) and AJV's default standalone code, bundled with the run-time pieces it requires.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const repo = join(dirname(new URL(import.meta.url).pathname), '..');

export function customerSessionSchema() {
  return JSON.parse(readFileSync(join(repo, 'schema', 'customer-session.schema.json'), 'utf8'));
}

/** A draft 2020-12 AJV with the project's options, the full formats and our annotation keywords. */
export async function newAjv(extra = {}) {
  const Ajv2020 = require('ajv/dist/2020').default;
  const addFormats = require('ajv-formats');
  const { AJV_OPTIONS } = await import(join(repo, 'dist', 'generators', 'ajv-options.js'));
  const { YUNO_KEYWORDS } = await import(join(repo, 'dist', 'generators', 'types.js'));
  const ajv = new Ajv2020({ ...AJV_OPTIONS, ...extra });
  addFormats(ajv);
  ajv.addVocabulary([...YUNO_KEYWORDS]);
  return ajv;
}

export async function ajvCompiled() {
  const ajv = await newAjv();
  return ajv.compile(customerSessionSchema());
}

/**
 * AJV's standalone output with default code options, as one CommonJS bundle: the generated module plus
 * every module it `require`s (AJV's run-time helpers), with ajv-formats reduced to its `date-time` format
 * (what a tree-shaking bundler keeps). Returns the bundle's source.
 */
export async function ajvStandaloneBundle() {
  const ajv = await newAjv({ code: { source: true } });
  const validate = ajv.compile(customerSessionSchema());
  const standaloneCode = require('ajv/dist/standalone').default;
  const entry = standaloneCode(ajv, validate);
  const modules = new Map();
  const order = [];
  const FORMATS = 'ajv-formats/dist/formats';
  const add = (id, source, from) => {
    if (modules.has(id)) return;
    modules.set(id, null);
    const requires = new Map();
    const body = source.replace(/require\("([^"]+)"\)/g, (_m, spec) => {
      const target = spec === FORMATS ? FORMATS : createRequire(from).resolve(spec);
      requires.set(spec, target);
      return `__require(${JSON.stringify(target)})`;
    });
    modules.set(id, body);
    order.push(id);
    for (const target of requires.values()) {
      if (target === FORMATS) add(FORMATS, dateTimeOnly(), from);
      else add(target, readFileSync(target, 'utf8'), target);
    }
  };
  add('entry', entry, join(repo, 'bench', 'entry.js'));
  // Module ids are paths of this machine; short numbers keep them (and their bytes) out of the result.
  const ids = new Map(order.map((id, i) => [id, i]));
  let out = 'const __defs = {}, __cache = {};\nfunction __require(id) { if (!(id in __cache)) { const module = { exports: {} }; __cache[id] = module; __defs[id](module, module.exports); } return __cache[id].exports; }\n';
  for (const id of order) {
    const body = modules.get(id).replace(/__require\("([^"]+)"\)/g, (_m, target) => `__require(${ids.get(target)})`);
    out += `__defs[${ids.get(id)}] = function (module, exports) {\n${body}\n};\n`;
  }
  return { source: `${out}module.exports = __require(0);\n`, modules: order.length };
}

/** ajv-formats' `date-time` (full mode) and the functions it calls, cut out of its formats module with acorn. */
function dateTimeOnly() {
  const acorn = require('acorn');
  const file = require.resolve('ajv-formats/dist/formats');
  const text = readFileSync(file, 'utf8');
  const ast = acorn.parse(text, { ecmaVersion: 'latest', sourceType: 'script' });
  const wanted = new Set(['isLeapYear', 'DATE', 'DAYS', 'date', 'TIME', 'getTime', 'DATE_TIME_SEPARATOR', 'getDateTime']);
  const kept = [];
  for (const node of ast.body) {
    const name = node.type === 'FunctionDeclaration' ? node.id.name : node.type === 'VariableDeclaration' ? node.declarations[0].id.name : undefined;
    if (name !== undefined && wanted.has(name)) kept.push(text.slice(node.start, node.end));
  }
  if (kept.length !== wanted.size) throw new Error(`ajv-formats changed: found ${kept.length} of ${wanted.size} date-time pieces`);
  return `${kept.join('\n')}\nexports.fullFormats = { "date-time": { validate: getDateTime(true) } };`;
}
