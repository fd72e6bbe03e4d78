/**
 * The one Handlebars environment: isolated (`Handlebars.create()`, never the global instance), compiled
 * with `strict` and `knownHelpersOnly` so a typo in a template fails instead of printing nothing.
 * Templates branch on tags of their model; escaping is done by the helpers below, named for the context
 * they escape for. HTML escaping is Handlebars' own `{{ }}`.
 */
import { createHash } from 'node:crypto';
import type HandlebarsNS from 'handlebars';
import { CodegenError, type TemplateSet } from './types.js';
import { escapeComment, escapeLineComment, identifier, jsString, mdText } from './escape.js';
import { loadPrecompiled } from './assets.js';

export interface Renderer {
  render(name: string, model: object): string;
}

type Helper = (...args: unknown[]) => unknown;

const helpers: Record<string, Helper> = {
  jsString: (value) => jsString(value),
  jsdoc: (text) => escapeComment(String(text)),
  md: (text) => mdText(String(text)),
  eq: (a, b) => a === b,
  join: (list, sep) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  lineComment: (text) => escapeLineComment(String(text)),
  identifier: (name) => identifier(name),
};

/** The options every template is compiled with, here and in the build-time precompilation. */
export function compileOptions(): CompileOptions {
  return {
    strict: true,
    knownHelpersOnly: true,
    // Handlebars' `log` helper writes to the console (stdout), where it would corrupt `--json`: unknown here.
    knownHelpers: { ...Object.fromEntries(Object.keys(helpers).map((h) => [h, true])), log: false },
    noEscape: false,
  };
}

/**
 * A user's template replaces ours by file name, so one whose name is none of ours would be ignored without a
 * word (a typo, or a file from another version): an error naming it and the names there are.
 */
export function checkTemplateNames(overlay: TemplateSet, ours: TemplateSet): void {
  const known = Object.keys(ours).sort();
  const problems = Object.keys(overlay)
    .filter((name) => !Object.hasOwn(ours, name))
    .sort()
    .map((name) => ({
      file: overlay[name]?.path ?? name,
      at: '',
      rule: 'templates',
      message: `template "${name}" is not one of ours, so it would never be used; name it after the template it replaces: ${known.join(', ')}`,
    }));
  if (problems.length > 0) throw new CodegenError(problems);
}

/** A template's identity for the precompiled table: its source and the helpers it may call. */
export function templateHash(source: string): string {
  return createHash('sha256').update(`${Object.keys(helpers).sort().join(',')}\n${source}`).digest('hex');
}

/** Built-in templates compiled at `npm run build` (scripts/precompile.mjs); absent when running from source. */
type Precompiled = Record<string, { hash: string; spec: Parameters<typeof HandlebarsNS.template>[0] }>;
let precompiled: Promise<Precompiled> | undefined;
function precompiledTemplates(): Promise<Precompiled> {
  precompiled ??= loadPrecompiled<Precompiled>('templates.js').then((table) => table ?? {});
  return precompiled;
}

export async function createRenderer(templates: TemplateSet): Promise<Renderer> {
  const ready = await precompiledTemplates();
  // Only a template changed since the build (an overlay, or running from source) needs the compiler;
  // otherwise Handlebars' runtime alone runs the precompiled ones.
  const allBuilt = Object.entries(templates).every(([name, t]) => ready[name]?.hash === templateHash(t.source));
  const Handlebars = (
    (await (allBuilt ? import('handlebars/runtime.js') : import('handlebars'))) as unknown as { default: typeof HandlebarsNS }
  ).default;
  const hb = Handlebars.create();
  for (const [name, fn] of Object.entries(helpers)) hb.registerHelper(name, fn as HandlebarsNS.HelperDelegate);
  const options = compileOptions();
  const compiled = new Map<string, HandlebarsNS.TemplateDelegate>();
  const compile = (name: string): HandlebarsNS.TemplateDelegate => {
    const t = templates[name];
    if (!t) {
      throw new CodegenError([
        { file: name, at: '', rule: 'templates', message: `template "${name}" is missing; add it to the templates directory` },
      ]);
    }
    const built = ready[name];
    // A built-in template unchanged since the build runs as precompiled; anything else is compiled here.
    if (built && built.hash === templateHash(t.source)) return hb.template(built.spec);
    try {
      // Parse now so a syntax error surfaces here with the template's file name and line; `compile` itself
      // is lazy and builds the function once, at first render.
      hb.parse(t.source);
      return hb.compile(t.source, options);
    } catch (error) {
      throw templateError(t.path, error);
    }
  };
  for (const name of Object.keys(templates).sort()) {
    if (!name.startsWith('partials/')) continue;
    const partialName = name.slice('partials/'.length).replace(/\.hbs$/, '');
    hb.registerPartial(partialName, compile(name));
  }
  return {
    render(name, model) {
      let fn = compiled.get(name);
      if (!fn) {
        fn = compile(name);
        compiled.set(name, fn);
      }
      try {
        return fn(model);
      } catch (error) {
        throw templateError(templates[name]?.path ?? name, error);
      }
    },
  };
}

type CompileOptions = Parameters<typeof HandlebarsNS.compile>[1];

function templateError(path: string, error: unknown): CodegenError {
  const text = error instanceof Error ? error.message : String(error);
  // "Parse error on line N" or, from the compiler, "… - N:column".
  const line = /line (\d+)/i.exec(text)?.[1] ?? / - (\d+):\d+$/m.exec(text)?.[1];
  // Handlebars' parse errors are "Parse error on line N:", the offending text, a caret line, then what it expected.
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const firstLine = (/^Parse error on line \d+:?$/.test(lines[0] ?? '') ? lines[lines.length - 1] : lines[0]) ?? text;
  return new CodegenError([
    {
      file: path,
      at: line ? `line ${line}` : '',
      rule: 'templates',
      message: `template error: ${firstLine}; fix the template or remove it to use the built-in one`,
    },
  ]);
}
