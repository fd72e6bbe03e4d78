/**
 * The typed handoffs between the pipeline's stages:
 *
 *   PageSource ─read→ DocPage ─parse→ FieldTree ─schema→ SchemaDocument ─emit→ GeneratedFile[] ─write→ disk
 *
 * Every stage takes the previous stage's type and nothing else, so no stage can be skipped and
 * no emitter re-checks what an earlier stage guaranteed.
 */

/** A doc page as handed to the library: its path (for messages and banners) and its bytes. */
export interface PageSource {
  /** Path as the user wrote it, POSIX separators, relative where possible. Used in messages only. */
  path: string;
  bytes: Uint8Array;
  /** The reviewed overrides file that sits next to the page, if any. */
  overrides?: { path: string; text: string };
}

/** A page after decoding: text is NFC, `\n` line endings, no BOM, mojibake repaired. */
export interface DocPage {
  path: string;
  /** The page body after the front matter. */
  text: string;
  /** Line number in the file where `text` starts (1-based), so messages point at the file's lines. */
  bodyLine: number;
  /** The name of its format in the registry of page/formats/index.ts (`readme-htmlblock`, `mintlify-mdx`, …). */
  format: string;
  /** Front matter `title`, e.g. "The Customer Session Object"; empty when the page has none. */
  title: string;
  /** Front matter `description` (or `metadata.description`); the lead paragraph is preferred when present. */
  frontMatterDescription: string;
}

/** A piece of a field's description, as the markup separates them (`<br>`, `<p>`, `<small>`, paragraphs). */
export interface Segment {
  /** Markdown: links as `[text](href)`, code as backticks, whitespace collapsed. */
  markdown: string;
  /** The same text without markup, for the convention rules. */
  text: string;
  /** Values written as code (`<code>`, backticks), in order. */
  codes: string[];
  /** Link targets mentioned in the segment. */
  links: { text: string; href: string }[];
}

/** One documented field as the markup states it, before any convention is applied. */
export interface RawField {
  /** The name as written, e.g. `customer_session`, `id*`, `metadata object`. */
  name: string;
  /** The type word as written, e.g. `string`, `array of objects`, `Timestamp`; empty when the page gives none. */
  typeWord: string;
  /** Words written right after the type word in the field's heading, e.g. `optional`. */
  marks: string;
  /** The description, in the pieces the markup gives. */
  segments: Segment[];
  /** Items of a list (`<li>` or Markdown list) under the field: a value written as code and its meaning. */
  listItems: { value: string; meaning: string }[];
  /** Line of the field's name in the page file (1-based), for messages. */
  line: number;
  children: RawField[];
}

export interface FieldTree {
  page: DocPage;
  /** The page's lead paragraph (Markdown), the object's description. */
  description: string;
  fields: RawField[];
}

/**
 * A JSON Schema (draft 2020-12) object. The canonical schema uses only the keywords below plus the
 * annotation keywords in {@link YUNO_KEYWORDS}; hand-written schemas given with `--schema` may use more.
 */
export interface JsonSchema {
  $schema?: string;
  $id?: string;
  $ref?: string;
  title?: string;
  description?: string;
  type?: JsonType | JsonType[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  multipleOf?: number;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  additionalProperties?: boolean | JsonSchema;
  $defs?: Record<string, JsonSchema>;
  examples?: unknown[];
  /** Meaning of each enum value, as the page states it (`M=Male`), or the country name for CountryCode. */
  'x-enumDescriptions'?: Record<string, string>;
  /** `MAX n` / `MIN m` on a number field: digits, not value. Kept as documentation only. */
  'x-maxDigits'?: number;
  'x-minDigits'?: number;
  /**
   * The `enum` is the documented list, not a promise: the API may send values it does not list. The
   * default validators accept any value of the schema's `type` there and the types add `(string & {})`;
   * the `…Strict` validators accept only the listed values.
   */
  'x-openEnum'?: boolean;
  /** Where the API's real payloads (or the page's own examples) contradicted the page, and what was decided. */
  'x-reconciled'?: Reconciliation[];
  /** The field is not on the page: the API returns it, and its schema comes from the API's examples or spec. */
  'x-notOnPage'?: boolean;
  [keyword: string]: unknown;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

/** Annotation keywords our canonical schemas add; registered with AJV so strict mode accepts them. */
export const YUNO_KEYWORDS = ['x-enumDescriptions', 'x-maxDigits', 'x-minDigits', 'x-openEnum', 'x-reconciled', 'x-notOnPage'] as const;

/**
 * One fact where the sources disagreed, as a named reconciliation rule settled it. Kept in the
 * canonical schema (`x-reconciled` on the field) so the docs and `yuno-codegen report` can show it.
 */
export interface Reconciliation {
  /** The rule that decided, e.g. `api-null`; also the key an overrides file uses to refuse it. */
  rule: string;
  /** What the page states, with its line: `string, MIN 3 (line 212)`. */
  page: string;
  /** What the evidence shows: `"NY" (2 characters)`. */
  api: string;
  /** What the canonical schema says now: `minLength 2`. */
  result: string;
  /** How many example values showed it. */
  count: number;
  /** Up to three of them: `payments/create-payment.json POST /payments 201 "Payment" /customer_payer/address/state`. */
  evidence: string[];
}

/** One object's canonical schema with the names every emitter needs. */
export interface SchemaDocument {
  /** File name base, kebab-case: `customer-session`. */
  slug: string;
  /** PascalCase type name, the schema's `title`: `CustomerSession`. */
  name: string;
  /** Where it came from, relative POSIX path, for the `@generated … from <source>` banner. */
  source: string;
  schema: JsonSchema;
  /** What the API's examples contributed, when OpenAPI files were given. */
  evidence?: Evidence;
}

/** The API evidence behind one object's schema. */
export interface Evidence {
  /** The operations whose 2xx examples return the object: `payments/create-payment.json POST /payments`. */
  operations: string[];
  /** How many example payloads of the object they gave. */
  examples: number;
  /** Where an example carries ReadMe's placeholder (`"string"`) in a field whose schema rejects it. */
  placeholders: { at: string; where: string }[];
  /** The example payloads of the object themselves, with where each was seen (the fixtures output exports them). */
  payloads?: { where: string; value: unknown }[];
}

/** A file the library produced. Paths are relative POSIX paths inside the output directory. */
export interface GeneratedFile {
  path: string;
  contents: string;
  /**
   * The contents as UTF-8, when the file was emitted in a worker thread (it crosses as bytes, not as a
   * string); `contents` is then decoded from them on first use.
   */
  readonly bytes?: Uint8Array;
}

/** A file that arrived from a worker thread as UTF-8 bytes: a writer uses the bytes, `contents` decodes them once. */
export class EncodedFile implements GeneratedFile {
  private text: string | undefined;

  constructor(
    readonly path: string,
    readonly bytes: Uint8Array,
  ) {}

  get contents(): string {
    // ignoreBOM: a leading U+FEFF is part of the contents (a template may start with one), as on disk.
    this.text ??= new TextDecoder('utf-8', { ignoreBOM: true }).decode(this.bytes);
    return this.text;
  }
}

/**
 * The library's options with every default applied (options.ts resolves them): what the emitters receive.
 * Plain data (it is sent to worker threads).
 */
export interface ResolvedOptions {
  target: 'package' | 'ts';
  /** The kinds of output to generate (outputs/index.ts lists them). */
  only: string[];
  packageName: string;
  packageVersion: string;
  /** The package's CHANGELOG.md (target `package`), shipped as is. */
  changelog?: string;
}

/** Template sources by file name relative to the templates directory (`types.ts.hbs`, `partials/field.md.hbs`). */
export interface TemplateSet {
  [name: string]: { source: string; path: string };
}

/** One problem found in an input, with where it is. */
export interface Problem {
  /** The input file. */
  file: string;
  /** A field path (`amount.currency`), a JSON pointer (`/properties/x`), or `line N`. */
  at: string;
  /** The rule or check that found it, e.g. `constraints`, `type-word`. */
  rule: string;
  /** What is wrong and how to fix it. */
  message: string;
}

/** The one error type the library throws for bad input: every problem it found, together. */
export class CodegenError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'CodegenError';
    this.problems = problems;
  }
}

/** The first line of an error's message. */
export function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

export function formatProblem(p: Problem): string {
  return `${p.file}${p.at ? ` (${p.at})` : ''}: ${p.message}`;
}
