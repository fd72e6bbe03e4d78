// @ts-check
/**
 * Conformance: the official JSON-Schema-Test-Suite (draft 2020-12, plus optional/format/date-time.json)
 * run against the validators we generate. Each test group's schema goes through the code emitter (the
 * same emitCode → template → format path that produces out/), the package is written to a temp dir, and
 * both its ESM and its CommonJS build are loaded; every case must give the suite's answer through
 * `is…` and `assert…` in both. Groups that need something our validator generation does not support are
 * skipped with the reason, and the reasons are printed, never silently dropped.
 *
 * Runs against dist/ (`npm run build` first):  node scripts/conformance.mjs [file-name-filter ...]
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const suiteRoot = join(repoRoot, '..', 'shared', 'json-schema-test-suite');
const testsDir = join(suiteRoot, 'tests', 'draft2020-12');

/** Where the suite's schemas live, relative to the repo, for messages and banners. */
function suitePath(file) {
  return relative(repoRoot, file).split('\\').join('/');
}

/** The suite files we run: every draft 2020-12 file and the one optional format file our validators check. */
export function suiteFiles() {
  const files = readdirSync(testsDir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(testsDir, f));
  files.push(join(testsDir, 'optional', 'format', 'date-time.json'));
  return files;
}

/**
 * Whole files whose subject is a feature we do not support, with the reason. Every group in them is
 * skipped (and counted as skipped), so the list of unsupported keywords stays in one place.
 */
export const SKIPPED_FILES = {
  'refRemote.json':
    'remote $ref (http://localhost:1234/…): the emitter compiles each object in its own AJV instance and has no option to register other schemas, so a $ref to another document cannot be resolved',
  'vocabulary.json': '$vocabulary: AJV (and so our generation) does not switch vocabularies by meta-schema',
};

/**
 * Why a group's schema cannot go through our validator generation, or undefined when it can. Checked
 * before generating; each reason names the keyword and is printed in the summary.
 */
export function unsupportedReason(schema) {
  if (typeof schema === 'boolean') {
    return 'boolean root schema (true/false): a schema file must hold a JSON object';
  }
  const found = { formats: new Set(), keywords: new Set(), remote: false };
  scan(schema, found);
  if (found.remote) return 'remote $ref (http://localhost:1234/…): see refRemote.json';
  for (const keyword of ['$dynamicRef', '$dynamicAnchor']) {
    if (found.keywords.has(keyword)) {
      return '$dynamicRef/$dynamicAnchor: AJV 8 (ajv.compile too) fails most of the suite\'s cases for them, so our generation does not support them';
    }
  }
  const otherFormats = [...found.formats].filter((f) => f !== 'date' && f !== 'date-time').sort();
  if (otherFormats.length > 0) {
    return 'format other than "date" and "date-time": the self-contained runtime implements only those two, and the emitter rejects the others';
  }
  return undefined;
}

/**
 * Clean errors (CodegenError) with which the emitter refuses a schema on purpose, and what they mean.
 * A group refused this way is skipped with that reason; any other error while generating is a failure.
 */
export const REFUSALS = [
  {
    pattern: /strict mode: "prefixItems" is \d+-tuple/,
    reason: 'prefixItems without matching minItems and items: false / maxItems (AJV strict mode, strictTuples, which the emitter keeps on)',
  },
  {
    pattern: /strict mode: "(if" without "then" and "else|then" without "if|else" without "if)"/,
    reason: '"if" without "then"/"else", or "then"/"else" without "if" (AJV strict mode: ignored keywords)',
  },
  {
    pattern: /strict mode: "(minContains|maxContains)"/,
    reason: 'minContains/maxContains without contains, minContains 0 without maxContains, or minContains > maxContains (AJV strict mode)',
  },
  {
    pattern: /strict mode: property .* matches pattern .* \(use allowMatchingProperties\)/,
    reason: 'a name in "properties" that also matches a "patternProperties" pattern (AJV strict mode, allowMatchingProperties)',
  },
  { pattern: /enum must have non-empty array/, reason: 'an empty "enum" (AJV rejects it)' },
  {
    pattern: /\$ref ".*" is not supported for types/,
    reason: '$ref to anything but "#/$defs/Name" (the type emitter declares only $defs as named types): "#", JSON pointers into properties or items, $anchor, $id-relative, URN and meta-schema refs',
  },
  {
    pattern: /definition name ".*" cannot be a type name/,
    reason: '$defs names that are not identifiers (they become exported type names): "sub-item", "tilde~field", "foo\\"bar", ""',
  },
];

/**
 * Cases where our validators give another answer than the suite, on purpose or because AJV does: each
 * one is checked to give exactly `ajv.compile`'s answer (the emitter's AJV options, ajv-formats full),
 * so the difference is AJV's, not our packaging's. A listed case that starts to agree with the suite is
 * reported so it can be removed from the list.
 */
export const KNOWN_DIVERGENCES = [
  ...['date', 'date-time'].map((f) => ({
    file: 'format.json',
    group: `${f} format`,
    test: `invalid ${f} string is only an annotation by default`,
    reason: 'we assert "format" (as AJV does by default and the optional/format tests expect); the 2020-12 default is annotation only',
  })),
  ...['with no additional items', 'with invalid additional item'].map((test) => ({
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems with nested items',
    test,
    reason: 'AJV 8 bug: items evaluated inside an anyOf whose other branch is `true` are not seen by unevaluatedItems',
  })),
  {
    file: 'unevaluatedItems.json',
    group: 'unevaluatedItems depends on multiple nested contains',
    test: '7 not evaluated, fails unevaluatedItems',
    reason: 'AJV 8 bug: after two contains in an allOf, unevaluatedItems treats every item as evaluated',
  },
  ...['when if is true and has no unevaluated properties', 'when if is false and has unevaluated properties'].map((test) => ({
    file: 'unevaluatedProperties.json',
    group: 'unevaluatedProperties with if/then/else, then not defined',
    test,
    reason: 'AJV 8 bug: with if and else but no then, unevaluatedProperties does not see the properties that if evaluated',
  })),
  ...[
    'a numeric offset without minutes is invalid',
    'hour 24 is invalid even with a leap second',
    'a second fraction of fifteen nines is valid',
  ].map((test) => ({
    file: 'optional/format/date-time.json',
    group: 'validation of date-time strings',
    test,
    reason: 'ajv-formats\' full "date-time" (which our runtime reproduces) differs from the suite here',
  })),
];

/**
 * Groups the emitter cannot generate because of a bug we know of and have reported: printed as
 * KNOWN BUG on every run (never silently), not counted as failures, to be removed once fixed.
 */
export const KNOWN_BUGS = [];

/** Keywords whose value is data, not a subschema: never scanned for keywords. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'examples', 'default']);

function scan(node, found) {
  if (Array.isArray(node)) {
    for (const item of node) scan(item, found);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    found.keywords.add(key);
    if (key === 'format' && typeof value === 'string') found.formats.add(value);
    if ((key === '$ref' || key === '$dynamicRef') && typeof value === 'string' && value.startsWith('http://localhost:1234')) found.remote = true;
    if (!DATA_KEYWORDS.has(key)) scan(value, found);
  }
}

const dist = (...path) => pathToFileURL(join(repoRoot, 'dist', 'generators', ...path)).href;

/** The emitter and its helpers, from the build, plus the `ajv.compile` reference for known divergences. */
async function loadTools() {
  const [{ emitCode }, { format }, { createRenderer }, { defaultTemplates }, { ajvOptions }] = await Promise.all([
    import(dist('emit', 'code.js')),
    import(dist('format.js')),
    import(dist('templates.js')),
    import(dist('assets.js')),
    import(dist('emit', 'validators.js')),
  ]);
  const { Ajv2020 } = await import('ajv/dist/2020.js');
  const { default: addFormats } = await import('ajv-formats');
  const renderer = await createRenderer(defaultTemplates());
  const options = { target: 'package', only: ['types', 'validators'], packageName: 'conformance', packageVersion: '0.0.0' };
  return {
    /** The files `generate` would write for this one schema (types and validators; docs do not validate). */
    emit: async (doc) => format(await emitCode([doc], options, renderer)),
    /** AJV's own answer with the options the generated code is compiled with and ajv-formats' full formats. */
    reference: (schema) => {
      const ajv = new Ajv2020(ajvOptions());
      addFormats(ajv);
      return ajv.compile(schema);
    },
  };
}

function writeFiles(dir, files) {
  for (const f of files) {
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.contents);
  }
}

/** Run `is…` and `assert…` of one loaded build on a value: both answers. */
function answers(mod, name, data) {
  const fast = mod[`is${name}`](data);
  let full = true;
  try {
    mod[`assert${name}`](data);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'ValidationError' || !Array.isArray(error.errors) || error.errors.length === 0) {
      throw error;
    }
    full = false;
  }
  return { fast, full };
}

/**
 * Run the suite. `only` keeps the files whose name contains one of the strings. Returns counts and
 * details; prints nothing (the command-line entry below does).
 * @param {{ only?: string[] }} [options]
 */
export async function runConformance(options = {}) {
  const tools = await loadTools();
  const base = join(repoRoot, 'test', '.tmp');
  mkdirSync(base, { recursive: true });
  const work = mkdtempSync(join(base, 'conformance-'));
  const result = {
    passed: 0,
    failed: 0,
    files: 0,
    skippedCases: 0,
    /** Groups not run: { file, group, cases, reason }. */
    skipped: [],
    /** Cases that differ from the suite exactly as ajv.compile does: { file, group, test, reason }. */
    divergent: [],
    /** Known divergences that now agree with the suite (the list should lose them). */
    stale: [],
    /** Groups not generated because of a known, reported bug: { file, group, cases, reason }. */
    knownBugs: [],
    failures: [],
  };
  let index = 0;
  try {
    for (const file of suiteFiles()) {
      const name = file.slice(testsDir.length + 1).split('\\').join('/');
      if (options.only && !options.only.some((o) => name.includes(o))) continue;
      result.files++;
      const groups = JSON.parse(readFileSync(file, 'utf8'));
      for (const [g, group] of groups.entries()) {
        const where = `${name} #${g} "${group.description}"`;
        const skip = (reason, into = result.skipped) => {
          into.push({ file: name, group: group.description, cases: group.tests.length, reason });
          result.skippedCases += group.tests.length;
        };
        const bug = KNOWN_BUGS.find((b) => b.file === name && b.group === group.description);
        const reason = SKIPPED_FILES[name] ?? unsupportedReason(group.schema);
        if (reason !== undefined) {
          skip(reason);
          continue;
        }
        index++;
        const typeName = `Case${index}`;
        const doc = { slug: `case-${index}`, name: typeName, source: `${suitePath(file)}#${g}`, schema: group.schema };
        let builds;
        try {
          const dir = join(work, doc.slug);
          writeFiles(dir, await tools.emit(doc));
          builds = {
            esm: await import(pathToFileURL(join(dir, 'index.js')).href),
            cjs: createRequire(join(dir, 'index.cjs'))(join(dir, 'index.cjs')),
          };
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          const refusal = error instanceof Error && error.name === 'CodegenError' ? REFUSALS.find((r) => r.pattern.test(message)) : undefined;
          if (refusal) skip(refusal.reason);
          else if (bug) skip(bug.reason, result.knownBugs);
          else {
            result.failed += group.tests.length;
            result.failures.push({ where, test: `all ${group.tests.length} cases`, problem: `generation failed: ${message.split('\n')[0]}` });
          }
          continue;
        }
        if (bug) result.stale.push({ file: name, group: group.description, test: '(generation)', reason: bug.reason });
        for (const test of group.tests) {
          const problems = [];
          const known = KNOWN_DIVERGENCES.find((k) => k.file === name && k.group === group.description && k.test === test.description);
          const expected = known ? tools.reference(group.schema)(test.data) : test.valid;
          for (const [build, mod] of Object.entries(builds)) {
            const { fast, full } = answers(mod, typeName, test.data);
            if (fast !== expected) problems.push(`${build} is… says ${fast}`);
            if (full !== expected) problems.push(`${build} assert… says ${full}`);
          }
          if (problems.length > 0) {
            result.failed++;
            const against = known ? `ajv.compile says ${expected} (known divergence: ${known.reason})` : `the suite says ${expected}`;
            result.failures.push({ where, test: test.description, problem: `${against}; ${problems.join(', ')}` });
          } else if (known && expected !== test.valid) {
            result.divergent.push({ file: name, group: group.description, test: test.description, reason: known.reason });
            result.skippedCases++;
          } else {
            result.passed++;
            if (known) result.stale.push({ file: name, group: group.description, test: test.description, reason: known.reason });
          }
        }
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return result;
}

/** Skipped groups by reason: [reason, { cases, groups }] in first-seen order. */
function byReason(list) {
  const map = new Map();
  for (const s of list) {
    const entry = map.get(s.reason) ?? { cases: 0, groups: [] };
    entry.cases += s.cases ?? 1;
    entry.groups.push(`${s.file} "${s.group}"${s.test ? ` — ${s.test}` : ''}`);
    map.set(s.reason, entry);
  }
  return [...map.entries()];
}

/** The report as printed: failures, what was not run and why, then `N passed, M failed` on the last line. */
export function summary(result) {
  const lines = [];
  for (const f of result.failures) lines.push(`FAIL ${f.where} — ${f.test}: ${f.problem}`);
  const sections = [
    ['Skipped (unsupported)', byReason(result.skipped)],
    ['Known divergences (same answer as ajv.compile, not the suite\'s)', byReason(result.divergent)],
    ['KNOWN BUG (reported, not counted)', byReason(result.knownBugs)],
    ['Listed as known but now agreeing with the suite: remove from scripts/conformance.mjs', byReason(result.stale)],
  ];
  for (const [title, entries] of sections) {
    if (entries.length === 0) continue;
    lines.push(`${title}:`);
    for (const [reason, entry] of entries) {
      lines.push(`- ${reason}: ${entry.cases} case${entry.cases === 1 ? '' : 's'}`);
      for (const g of entry.groups) lines.push(`    ${g}`);
    }
  }
  lines.push(`${result.files} files, ${result.skippedCases} cases not run (listed above)`);
  lines.push(`${result.passed} passed, ${result.failed} failed`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const result = await runConformance(process.argv.length > 2 ? { only: process.argv.slice(2) } : {});
  console.log(summary(result));
  process.exitCode = result.failed > 0 || result.passed === 0 ? 1 : 0;
}
