/**
 * The one Handlebars environment: isolated (`Handlebars.create()`, never the global instance), compiled
 * with `strict` and `knownHelpersOnly` so a typo in a template fails instead of printing nothing.
 * Templates branch on tags of their model; escaping is done by the helpers below, named for the context
 * they escape for. HTML escaping is Handlebars' own `{{ }}`.
 */
import { createHash } from 'node:crypto';
import type HandlebarsNS from 'handlebars';
import { CodegenError } from './types.js';
import { loadPrecompiled } from './assets.js';

/** Template sources by file name relative to the templates directory (`types.ts.hbs`, `partials/field.md.hbs`). */
export interface TemplateSet {
  [name: string]: { source: string; path: string };
}

export interface Renderer {
  render(name: string, model: object): string;
}

type Helper = (...args: unknown[]) => unknown;

/** Text that cannot close a `/* … *\/` comment, with `\n` as its only line terminator. */
export function commentText(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/g, '\n').replace(/\*\//g, '*\\/');
}

/** Text for a `/** … *\/` comment whose continuation lines start with ` * `. */
export function escapeComment(text: string): string {
  return commentText(text).replace(/\n/g, '\n * ');
}

/** A JavaScript string literal that is also safe inside `<script>` and keeps U+2028/2029 escaped. */
export function jsString(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/</g, '\\u003c');
}

/** Text on one line: any line break becomes a space. */
export function oneLine(text: string): string {
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
}

/** Markdown inline text, also inside a table cell: Markdown syntax escaped, HTML made inert. */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

const helpers: Record<string, Helper> = {
  jsString: (value) => jsString(value),
  jsdoc: (text) => escapeComment(String(text)),
  md: (text) => mdText(String(text)),
  eq: (a, b) => a === b,
  join: (list, sep) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''),
  lineComment: (text) => escapeLineComment(String(text)),
  identifier: (name) => identifier(name),
};

/** Text for a `//` comment: line terminators JS honours become spaces, so nothing leaves the comment. */
export function escapeLineComment(text: string): string {
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ');
}

/** A name printed into code as an identifier; anything else is a bug upstream, so fail loudly. */
export function identifier(name: unknown): string {
  if (typeof name !== 'string' || !/^[A-Za-z_$][\w$]*$/.test(name)) {
    throw new Error(`not a JavaScript identifier: ${JSON.stringify(name)}`);
  }
  return name;
}

/** The options every template is compiled with, here and in the build-time precompilation. */
export function compileOptions(): CompileOptions {
  return {
    strict: true,
    knownHelpersOnly: true,
    knownHelpers: Object.fromEntries(Object.keys(helpers).map((h) => [h, true])),
    noEscape: false,
  };
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
  const line = /line (\d+)/i.exec(text)?.[1];
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
