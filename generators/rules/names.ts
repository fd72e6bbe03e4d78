/**
 * Rule "object names": the page title "The Customer Session Object" → `CustomerSession` / `customer-session`.
 * When the file name says more than the title (`the-payment-method-object-api.md` for "The Payment Method
 * Object"), the file name's words are used, so two pages with one title get two names. Only the file
 * name's stem counts: `x.legacy-block-html.md` is a variant of page `x`.
 *
 * `typeName` is the one naming function: every type the generated code declares or refers to (an object's
 * interface and its isX/assertX/parseX, the docs, the index's exports, the shared definitions) is named by
 * it, so a name is declared as it is used whatever the title says.
 */
const FILLER = new Set(['the', 'object', 'md', 'mdx']);

/** Runs of ASCII letters and digits, lower-cased; accents are dropped first ("Pagó" → `pago`). */
export function words(text: string): string[] {
  return (stripAccents(text).match(/[A-Za-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
}

/** The words of a name that is already an identifier, case kept (`OAuth2Token`, `payment_3ds` → `payment`, `3ds`). */
export function nameWords(name: string): string[] {
  return stripAccents(name).match(/[A-Za-z0-9]+/g) ?? [];
}

function stripAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '');
}

export function objectWords(title: string, fileName: string): string[] {
  const fromTitle = words(title).filter((w) => !FILLER.has(w));
  // The stem: a file name's part before its first dot (`x.legacy-block-html.md` is a variant of `x`).
  const base = fileName.replace(/^.*[\\/]/, '').split('.')[0] ?? '';
  const fromFile = words(base).filter((w) => !FILLER.has(w));
  const fileSaysMore = fromTitle.every((w) => fromFile.includes(w)) && fromFile.length > fromTitle.length;
  if (fromTitle.length === 0 || fileSaysMore) return fromFile;
  return fromTitle;
}

/**
 * A type name from words: each word capitalised, and a letter right after a digit starts a word too
 * (`payment 3ds` → `Payment3Ds`, `oauth2token` → `Oauth2Token`, as lodash's camelCase has it). That is
 * also how json-schema-to-typescript spells whatever name it is given, so the interface it declares has
 * the name the validators, docs and exports use. A leading digit gets `_` (`3ds` → `_3Ds`).
 */
export function typeName(parts: readonly string[]): string {
  const name = parts
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')
    .replace(/([0-9])([a-z])/g, (_all, digit: string, letter: string) => digit + letter.toUpperCase());
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** Whether `name` is already what typeName makes of it (so it is declared and used with one spelling). */
export function isTypeName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && typeName(nameWords(name)) === name;
}

/** The type a `$defs` entry is declared as: `CountryCode` stays, `foo` → `Foo`, `a_string` → `AString`. */
export function defTypeName(key: string): string {
  return typeName(nameWords(key));
}

export function kebabCase(parts: string[]): string {
  return parts.join('-');
}
