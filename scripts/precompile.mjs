// Runs after tsc (npm run build / prepare). Compiles once, at build time, what every run would otherwise
// compile again: the run-time helpers (generators/runtime/, TypeScript) in each shipped form, the built-in Handlebars templates, AJV's check of a schema against the draft 2020-12
// meta-schema, and AJV's check of a config file against its schema. The tool falls back to compiling at run
// time when these files are absent (running from source) or a template was edited after the build. Also writes
// schema/yuno-codegen.config.schema.json from the declarations (generators/config-schema.ts), for editors.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'precompiled');
mkdirSync(out, { recursive: true });

const { default: Handlebars } = await import('handlebars');
const { compileOptions, templateHash } = await import('../dist/generators/templates.js');
const { readTemplateDir } = await import('../dist/generators/assets.js');
const templates = readTemplateDir(join(root, 'templates'));
const entries = Object.keys(templates)
  .sort()
  .map((name) => {
    const { source } = templates[name];
    return `  ${JSON.stringify(name)}: { hash: ${JSON.stringify(templateHash(source))}, spec: ${Handlebars.precompile(source, compileOptions())} },`;
  });
writeFileSync(join(out, 'templates.js'), `// Built by scripts/precompile.mjs from templates/.\nexport default {\n${entries.join('\n')}\n};\n`);

const { Ajv2020 } = await import('ajv/dist/2020.js');
const { default: addFormats } = await import('ajv-formats');
const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');
const { AJV_OPTIONS } = await import('../dist/generators/ajv-options.js');
const ajv = new Ajv2020({ ...AJV_OPTIONS, allErrors: true, validateFormats: true, code: { source: true } });
addFormats(ajv);
const meta = ajv.getSchema('https://json-schema.org/draft/2020-12/schema');
writeFileSync(join(out, 'metaschema-2020-12.cjs'), `// Built by scripts/precompile.mjs: AJV's check against the JSON Schema 2020-12 meta-schema.\n${standaloneCode(ajv, meta)}\n`);

const { default: Ajv } = await import('ajv');
const { CONFIG_AJV_OPTIONS, configSchemaHash } = await import('../dist/generators/config.js');
const configAjv = new Ajv({ ...CONFIG_AJV_OPTIONS, code: { source: true } });
const { configSchemaText: configSchemaOf } = await import('../dist/generators/config-schema.js');
const configSchemaText = configSchemaOf();
const configSchemaFile = join(root, 'schema', 'yuno-codegen.config.schema.json');
if (readFileSync(configSchemaFile, 'utf8') !== configSchemaText) writeFileSync(configSchemaFile, configSchemaText);
const configCheck = configAjv.compile(JSON.parse(configSchemaText));
writeFileSync(
  join(out, 'config.cjs'),
  `// Built by scripts/precompile.mjs: the check of yuno-codegen.config.json against its schema.\n${standaloneCode(configAjv, configCheck)}\n` +
    `module.exports.schemaHash = ${JSON.stringify(configSchemaHash(configSchemaText))};\n`,
);
const { buildRuntime, FIXTURES_FILES } = await import('../dist/generators/emit/runtime-build.js');
const runtime = buildRuntime(new URL('../generators/runtime/', import.meta.url));
writeFileSync(join(out, 'runtime.js'), `// Built by scripts/precompile.mjs from generators/runtime/.\nexport default ${JSON.stringify(runtime)};\n`);
const fixturesRuntime = buildRuntime(new URL('../generators/runtime/', import.meta.url), FIXTURES_FILES);
writeFileSync(join(out, 'runtime-fixtures.js'), `// Built by scripts/precompile.mjs from generators/runtime/fixtures.ts.\nexport default ${JSON.stringify(fixturesRuntime)};\n`);
console.log(`precompiled ${entries.length} templates, the 2020-12 meta-schema check, the config check and ${runtime.length} run-time pieces into dist/precompiled/`);
