/**
 * The JSON Schema of yuno-codegen.config.json, built from the declarations it describes: the targets and
 * defaults of options.ts and the outputs of the registry (outputs/index.ts). The config is validated
 * against it; `npm run build` writes it to schema/yuno-codegen.config.schema.json (shipped for editors),
 * and a test checks that file is this schema.
 */
import { DEFAULTS, MAX_THREADS, TARGETS } from './options.js';
import { OUTPUTS } from './outputs/index.js';

const paths = { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true };

export function configSchema(): Record<string, unknown> {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://unpkg.com/yuno-codegen/schema/yuno-codegen.config.schema.json',
    title: 'yuno-codegen configuration',
    description: 'Configuration of yuno-codegen (yuno-codegen.config.json). Paths are relative to this file.',
    type: 'object',
    properties: {
      $schema: {
        description: 'The JSON Schema of this file, for editors: "./node_modules/yuno-codegen/schema/yuno-codegen.config.schema.json".',
        type: 'string',
      },
      pages: {
        description:
          'Yuno object doc pages (.md ReadMe or .mdx Mintlify) to extract, relative to this file, or globs of them (`docs/yuno/*.md`: the .md and .mdx files a glob matches, sorted; a glob that matches none is an error), or URLs (`https://docs.y.uno/reference/the-payment-object`, fetched as the page URL + .md; or a GitHub file URL `https://github.com/OWNER/REPO/blob/BRANCH/PATH`): `yuno-codegen pull` pins a copy of each under `pinned` and records it in yuno-codegen.lock.json, and every other command reads that copy, never the network. A reviewed `<page>.overrides.json` next to a page (or its pinned copy) is applied when present.',
        ...paths,
      },
      openapi: {
        description:
          "Yuno's OpenAPI files (JSON or YAML): files, folders (every .json, .yaml and .yml file inside), globs, or URLs (a GitHub file URL such as `https://github.com/yuno-payments/yuno-docs/blob/main/openapi/FILE`; pinned by `yuno-codegen pull` like a page URL). The 2xx examples of the operations that return a page's object are evidence its canonical schema is reconciled with; `yuno-codegen report` lists every disagreement.",
        ...paths,
      },
      pinned: {
        description:
          'The folder, relative to this file, where `yuno-codegen pull` keeps the pinned copies of URL sources (commit it with yuno-codegen.lock.json): `<pinned>/<host>/<path>`.',
        type: 'string',
        minLength: 1,
        default: DEFAULTS.pinned,
      },
      changelog: {
        description:
          "The package's changelog, relative to this file: `generate --bump` adds an entry listing the classified changes per object, and the package target ships it as CHANGELOG.md.",
        type: 'string',
        minLength: 1,
        default: DEFAULTS.changelog,
      },
      schemas: {
        description: 'Canonical or hand-written JSON Schemas (draft 2020-12) to generate from, besides the pages.',
        ...paths,
      },
      out: {
        description: 'Output directory. yuno-codegen replaces the files it wrote there and leaves every other file alone.',
        type: 'string',
        minLength: 1,
        default: DEFAULTS.out,
      },
      target: {
        description:
          '"package": a publishable npm package (ESM + CJS + types + schemas + docs). "ts": TypeScript sources for your application\'s own compiler.',
        enum: [...TARGETS],
        default: DEFAULTS.target,
      },
      templates: {
        description: 'A directory of Handlebars templates that replace the built-in ones by file name.',
        type: 'string',
        minLength: 1,
      },
      only: {
        description: `Which outputs to generate: ${OUTPUTS.map((o) => `"${o.kind}" (${o.describe})`).join(', ')}.`,
        type: 'array',
        items: { enum: OUTPUTS.map((o) => o.kind) },
        minItems: 1,
        uniqueItems: true,
        default: [...DEFAULTS.only],
      },
      packageName: {
        description: 'The npm package name written to out/package.json (target "package").',
        type: 'string',
        pattern: '^(@[a-z0-9-~][a-z0-9-._~]*/)?[a-z0-9-~][a-z0-9-._~]*$',
        maxLength: 214,
        default: DEFAULTS.packageName,
      },
      packageVersion: {
        description:
          "The version written to out/package.json (target \"package\"), semver: the one place the package's version lives. `yuno-codegen generate --bump` rewrites it from the classified changes (major if anything breaks, minor if additive, patch if documentation only).",
        type: 'string',
        pattern: '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$',
        default: DEFAULTS.packageVersion,
      },
      writeSchemas: {
        description:
          "Also write each page's canonical schema beside the page as <page dir>/<slug>.schema.json, and make `check` report pages whose schema changed.",
        type: 'boolean',
        default: DEFAULTS.writeSchemas,
      },
      cache: {
        description: `Where \`generate\`, \`check\` and \`watch\` keep the objects they generated, relative to this file, so that a run after editing one page extracts and emits that page's object only; false for none. Default: ${DEFAULTS.cache} in the nearest directory with a package.json (none outside an npm project). Never commit it.`,
        anyOf: [{ type: 'string', minLength: 1 }, { const: false }],
      },
      threads: {
        description:
          'Worker threads for the emit stage; 0 emits in the calling thread. The output is the same either way. Default: none for a few objects, else one per core but one (at most four); a lone worker (two cores) only from 250 objects on, where its bounded heap pays for what it costs.',
        type: 'integer',
        minimum: 0,
        maximum: MAX_THREADS,
      },
    },
    additionalProperties: false,
  };
}

/** The schema as the shipped file holds it. */
export function configSchemaText(): string {
  return `${JSON.stringify(configSchema(), null, 2)}\n`;
}
