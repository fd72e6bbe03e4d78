/**
 * The plug-in point for page formats: how a format is recognised, and how its markup gives the fields as
 * written (RawField trees, before any convention is applied). Registered in page/formats/index.ts; the
 * read stage detects the format, the parse stage calls its `fields`.
 */
import type { DocPage, RawField } from '../types.js';

/** Report a problem at a page line; the parse stage throws every problem of the page together. */
export type Report = (line: number, rule: string, message: string) => void;

export interface PageFields {
  fields: RawField[];
  /** The page's lead paragraph (Markdown), the object's description; empty when there is none. */
  description: string;
  /** Request parameters (header, path, query): no fields of the object, but named when they are all a page has. */
  parameters?: { location: string; name: string; line: number }[];
}

export interface PageFormat {
  /** The format's name, in `DocPage.format`. */
  name: string;
  /** Its attribute block, as the message for a page without any names it. */
  block: string;
  /** Whether a page body (front matter removed) is in this format. Formats are tried in registry order. */
  detect(body: string): boolean;
  /** The page's fields as its markup states them. Problems go to `report`; a CodegenError stops the page. */
  fields(page: DocPage, report: Report): Promise<PageFields>;
}
