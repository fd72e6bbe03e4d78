/** Rule "links": a page's link targets, relative ones read against Yuno's API reference. */

/** Relative links on Yuno's pages point into its API reference. */
export const DOCS_BASE = 'https://docs.y.uno/reference/';

/** Resolve a page's link target to an absolute URL; hrefs that are not http(s)/mailto stay as written text only. */
export function resolveHref(href: string): string {
  const trimmed = href.trim();
  try {
    const url = new URL(trimmed, DOCS_BASE);
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : '';
  } catch {
    return '';
  }
}
