/**
 * Escaping for each context generated text lands in: comments, JavaScript strings, identifiers, Markdown
 * text and link destinations. Pure functions of text; the templates' helpers and the stages that build
 * Markdown share them.
 */

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

/**
 * Percent-encode one character, including those `encodeURIComponent` leaves alone (`(`, `)`, `'`, `!`, `*`),
 * so it cannot end or split a Markdown link destination.
 */
export function percentEncode(char: string): string {
  // A lone surrogate cannot be encoded: it stands for nothing, so it becomes U+FFFD.
  const encoded = /[\ud800-\udfff]/.test(char) && char.length === 1 ? '%EF%BF%BD' : encodeURIComponent(char);
  return encoded === char ? `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encoded;
}
