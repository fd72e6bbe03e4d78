/**
 * Builds a field's description pieces from either markup (HTML nodes or Markdown nodes call the same
 * methods), so both page formats give the same Markdown for the same text.
 */
import { percentEncode } from '../escape.js';
import { isConstant } from '../rules/enums.js';
import { resolveHref } from '../rules/links.js';
import type { Segment } from '../types.js';

export class SegmentBuilder {
  readonly segments: Segment[] = [];
  private current: Segment = empty();

  text(value: string): void {
    this.current.markdown += value;
    this.current.text += value;
  }

  code(value: string): void {
    const v = collapse(value);
    if (!v) return;
    const fence = v.includes('`') ? '``' : '`';
    this.current.markdown += `${fence}${v.startsWith('`') || v.endsWith('`') ? ` ${v} ` : v}${fence}`;
    this.current.text += v;
    this.current.codes.push(v);
  }

  /** A link: its text is added as Markdown `[text](href)` when the target is a usable URL. */
  link(textOf: () => void, href: string): void {
    const start = this.current.markdown.length;
    const textStart = this.current.text.length;
    textOf();
    const url = resolveHref(href);
    const inner = this.current.markdown.slice(start);
    const text = collapse(this.current.text.slice(textStart));
    if (url && collapse(inner)) {
      this.current.markdown = `${this.current.markdown.slice(0, start)}[${collapse(inner)}](${url.replace(/[()\s]/g, percentEncode)})`;
      this.current.links.push({ text, href: url });
    }
  }

  /** End the current piece (a `<br>`, a paragraph or block boundary). */
  break(): void {
    const seg = finish(this.current);
    if (seg.text) this.segments.push(seg);
    this.current = empty();
  }

  done(): Segment[] {
    this.break();
    return this.segments;
  }
}

function empty(): Segment {
  return { markdown: '', text: '', codes: [], links: [] };
}

function finish(seg: Segment): Segment {
  return { markdown: tidy(seg.markdown), text: tidy(seg.text), codes: seg.codes, links: seg.links };
}

/** Collapse whitespace runs to one space. */
export function collapse(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** Collapse whitespace and drop the space a page leaves before closing punctuation (`ISO 8601 ).`). */
export function tidy(value: string): string {
  return collapse(value).replace(/\s+([).,;:])/g, '$1').replace(/([(])\s+/g, '$1');
}

/**
 * A list item under a field as an enum value and its meaning: `` `VALUE`: meaning ``, `VALUE=meaning`,
 * `` `VALUE` ``, and a constant alone or before a dash, `ACH`, `ACH - Automated Clearing House` (an
 * ordinary word is prose). An item that names no value keeps its text as the meaning, with an empty value.
 */
export function listEntry(segments: Segment[]): { value: string; meaning: string } {
  const text = collapse(segments.map((s) => s.text).join(' '));
  const code = segments.flatMap((s) => s.codes)[0];
  if (code && text.startsWith(code)) return { value: code, meaning: stripSeparator(text.slice(code.length)) };
  const eq = /^([A-Za-z0-9_.-]+)\s*[=:]\s*(.*)$/.exec(text);
  if (eq) return { value: eq[1]!, meaning: eq[2]!.trim() };
  const dash = /^(\w+)(?:\s+[-–—]\s+(.*)|\.?)$/.exec(text);
  if (dash && isConstant(dash[1]!)) return { value: dash[1]!, meaning: dash[2]?.trim() ?? '' };
  return { value: code ?? '', meaning: text };
}

function stripSeparator(text: string): string {
  return text.replace(/^\s*(?:[=:\-–—]\s*)?/, '').trim();
}
