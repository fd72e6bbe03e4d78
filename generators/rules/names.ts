/**
 * Rule "object names": the page title "The Customer Session Object" → `CustomerSession` / `customer-session`.
 * When the file name says more than the title (`the-payment-method-object-api.md` for "The Payment Method
 * Object"), the file name's words are used, so two pages with one title get two names. Only the file
 * name's stem counts: `x.legacy-block-html.md` is a variant of page `x`.
 */
const FILLER = new Set(['the', 'object', 'md', 'mdx']);

export function words(text: string): string[] {
  return (text.match(/[A-Za-z0-9]+/g) ?? []).map((w) => w.toLowerCase());
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

export function pascalCase(parts: string[]): string {
  const name = parts.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

export function kebabCase(parts: string[]): string {
  return parts.join('-');
}
