/**
 * Issue 14's Payment goals, all from one run (`node bench/payment.mjs`, after `npm run build`; typia is in
 * bench/'s own dependencies): the Payment object generated from its Mintlify page with Yuno's OpenAPI files,
 * - `isPayment` on a full example (every field filled, from the page's examples where it gives one) against
 *   typia's `is<Payment>` (on the generated type) and `ajv.compile` of the same schema, paired by round;
 * - the size of `isPayment` alone and of the whole payment module (rolldown, terser, gzip 9);
 * - with `--target ts`, the size of the validators after a user's `tsc` against their source.
 * Writes bench/PAYMENT.json and prints it; bench/RESULTS.md quotes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Bench } from 'tinybench';
import { paymentSizes } from './payment-size.mjs';
import { median, repo } from './lib.mjs';
import { OPENAPI_DIR } from './reconcile.mjs';

const cli = join(repo, 'dist', 'generators', 'cli.js');
const page = join(repo, '..', 'shared', 'yuno-pages', 'mintlify', 'the-payment-object.mdx');
const scratch = join(repo, 'bench', '.scratch-payment');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const pkg = join(scratch, 'pkg');
const ts = join(scratch, 'ts');
const generate = (out, extra = []) => execFileSync(process.execPath, [cli, 'generate', '--force', '--quiet', '--page', page, '--openapi', OPENAPI_DIR, '--out', out, ...extra], { stdio: 'inherit' });
generate(pkg);
generate(ts, ['--target', 'ts', '--only', 'types,validators']);

const schema = JSON.parse(readFileSync(join(pkg, 'schemas', 'payment.schema.json'), 'utf8'));
const generated = await import(pathToFileURL(join(pkg, 'index.js')).href);
const require = createRequire(join(repo, 'package.json'));
const { validatedSchemas, ajvOptions } = await import(pathToFileURL(join(repo, 'dist', 'generators', 'emit', 'validators.js')).href);

// ajv.compile of the schema isPayment checks (the loose one), as an app would compile it.
const Ajv2020 = require('ajv/dist/2020.js').default;
const addFormats = require('ajv-formats').default;
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
const ajvIs = ajv.compile(validatedSchemas(schema).loose);

/** A value for every field: the first page/API example, else one the field's type and bounds allow. */
function fill(node, depth = 0) {
  if (node.$ref) return fill(schema.$defs[node.$ref.replace('#/$defs/', '')], depth + 1);
  if (Array.isArray(node.examples) && node.examples.length > 0 && (node.examples[0] === null || typeof node.examples[0] !== 'object')) return node.examples[0];
  if (node.anyOf) {
    const rich = node.anyOf.find((o) => o.$ref || o.properties || o.items) ?? node.anyOf.find((o) => o.type !== 'null' && o.const === undefined) ?? node.anyOf[0];
    return fill({ ...rich, examples: node.examples }, depth + 1);
  }
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum)) return node.enum.find((v) => v !== null) ?? null;
  const types = Array.isArray(node.type) ? node.type : [node.type];
  if (node.properties || types.includes('object')) return Object.fromEntries(Object.entries(node.properties ?? {}).map(([k, v]) => [k, fill(v, depth + 1)]));
  if (types.includes('array')) return node.items ? [fill(node.items, depth + 1)] : [];
  if (types.includes('string')) {
    if (node.format === 'date-time') return '2024-05-09T20:46:54.786342Z';
    if (node.format === 'date') return '2024-05-09';
    return 'x'.repeat(Math.max(node.minLength ?? 1, 1));
  }
  if (types.includes('integer')) return node.minimum ?? 1;
  if (types.includes('number')) return node.minimum ?? 1.5;
  if (types.includes('boolean')) return true;
  return null;
}

/** The full example, with every field that breaks a rule the filler does not read (patterns …) taken out. */
function fullExample() {
  const value = fill(schema);
  for (let round = 0; round < 200 && !ajvIs(value); round++) {
    const error = ajvIs.errors[0];
    const path = error.instancePath.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
    let parent = value;
    for (const token of path.slice(0, -1)) parent = parent[token];
    if (path.length === 0) throw new Error(`the example fails at the root: ${JSON.stringify(error)}`);
    if (Array.isArray(parent)) parent.splice(Number(path.at(-1)), 1);
    else delete parent[path.at(-1)];
  }
  return value;
}

const example = fullExample();
const countLeaves = (v) => (v !== null && typeof v === 'object' ? Object.values(v).reduce((n, x) => n + countLeaves(x), 0) : 1);

// typia's is<Payment> on the generated type: typia's transformer (TypeScript compiler API) turns
// `typia.createIs<Payment>()` into code.
const typiaDir = join(repo, 'bench', '.scratch-payment-typia');
rmSync(typiaDir, { recursive: true, force: true });
mkdirSync(typiaDir, { recursive: true });
const typiaTs = join(typiaDir, 'payment-typia.ts');
const ts_ = require('typescript');
// The declarations without their JSDoc: typia reads tags such as `@multipleOf 0.0001` as its own (and refuses
// a decimal one on a number it takes for an integer); the check is of the types alone.
const printer = ts_.createPrinter({ removeComments: true });
for (const file of ['payment.d.ts', 'shared.d.ts']) {
  const source = ts_.createSourceFile(file, readFileSync(join(pkg, file), 'utf8'), ts_.ScriptTarget.ES2022, true);
  writeFileSync(join(typiaDir, file), printer.printFile(source));
}
writeFileSync(typiaTs, `import typia from 'typia';\nimport type { Payment } from './payment.js';\nexport const isPaymentTypia = typia.createIs<Payment>();\n`);
const benchRequire = createRequire(join(repo, 'bench', 'package.json'));
const typiaTransform = benchRequire('typia/lib/transform.js');
const program = ts_.createProgram([typiaTs], { target: ts_.ScriptTarget.ES2022, module: ts_.ModuleKind.ESNext, moduleResolution: ts_.ModuleResolutionKind.Bundler, strict: true, skipLibCheck: true, outDir: typiaDir, noEmitOnError: false });
const diagnostics = [];
program.emit(undefined, undefined, undefined, false, { before: [(typiaTransform.default ?? typiaTransform.transform)(program, {}, { addDiagnostic: (d) => diagnostics.push(d) })] });
if (diagnostics.length > 0) throw new Error(`typia: ${diagnostics.map((d) => ts_.flattenDiagnosticMessageText(d.messageText, '\n')).join('; ')}`);
const typiaJs = join(typiaDir, 'payment-typia.mjs');
writeFileSync(typiaJs, readFileSync(join(typiaDir, 'payment-typia.js'), 'utf8').replace(/from "typia([^"]*)"/g, (_m, sub) => `from ${JSON.stringify(pathToFileURL(benchRequire.resolve(`typia${sub || ''}`)).href)}`));
const { isPaymentTypia } = await import(pathToFileURL(typiaJs).href);

const answers = { isPayment: generated.isPayment(example), typia: isPaymentTypia(example), ajv: ajvIs(example) };

const BATCH = 64;
const validators = { isPayment: generated.isPayment, 'typia is<Payment>': isPaymentTypia, 'ajv.compile': ajvIs };
const rounds = [];
let sinkValue = 0;
for (let round = 0; round < 7; round++) {
  const bench = new Bench({ time: 300, warmupTime: 100 });
  const order = round % 2 === 0 ? Object.keys(validators) : Object.keys(validators).reverse();
  for (const name of order) {
    const fn = validators[name];
    bench.add(name, () => {
      for (let i = 0; i < BATCH; i++) sinkValue += fn(example) ? 1 : 0;
    });
  }
  await bench.run();
  rounds.push(Object.fromEntries(bench.tasks.map((t) => [t.name, (t.result.latency?.p50 ?? t.result.latency?.mean) * 1e6 / BATCH])));
}
const ns = Object.fromEntries(Object.keys(validators).map((name) => [name, Math.round(median(rounds.map((r) => r[name])))]));
const ratio = (a, b) => Number(median(rounds.map((r) => r[a] / r[b])).toFixed(2));

// --target ts: the user's tsc output of the validators against their source.
const tsOutDir = join(scratch, 'ts-out');
writeFileSync(join(ts, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, skipLibCheck: true, outDir: tsOutDir, declaration: false }, include: ['*.ts'] }));
let tscErrors = 0;
try {
  execFileSync(process.execPath, [require.resolve('typescript/lib/tsc.js'), '-p', join(ts, 'tsconfig.json')], { stdio: 'pipe' });
} catch (error) {
  // tsc still writes its output on type errors (noEmitOnError is off); the count is reported.
  tscErrors = String(error.stdout).split('\n').filter((line) => line.includes('error TS')).length;
}
const size = (f) => statSync(f).size;
const validateSource = readdirSync(ts).filter((f) => f.endsWith('.validate.ts')).reduce((n, f) => n + size(join(ts, f)), 0);
const validateOutput = readdirSync(tsOutDir).filter((f) => f.endsWith('.validate.js')).reduce((n, f) => n + size(join(tsOutDir, f)), 0);

const result = {
  example: { leaves: countLeaves(example), answers },
  ns,
  ratios: { 'isPayment / typia': ratio('isPayment', 'typia is<Payment>'), 'isPayment / ajv.compile': ratio('isPayment', 'ajv.compile') },
  sizes: await paymentSizes(pkg),
  tsTarget: { validateSource, validateOutput, ratio: Number((validateOutput / validateSource).toFixed(2)), tscErrors },
  sink: sinkValue > 0,
};
writeFileSync(join(repo, 'bench', 'PAYMENT.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
