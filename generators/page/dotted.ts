/**
 * Fields named by a dotted path (`customer.id`, `items[].name`), as hand-written pages write a nested field
 * without nesting its markup: each is a field of the field its path before the last dot names, written
 * before it at the same level (or inside one written there). The Markdown-table format nests its rows the
 * same way as it reads them; here it is done for every format, after the markup is read.
 */
import type { RawField } from '../types.js';

export function nestDotted(fields: RawField[], problem: (line: number, message: string) => void): RawField[] {
  const out: RawField[] = [];
  const byPath = new Map<string, RawField>();
  const register = (field: RawField, path: string): void => {
    if (!byPath.has(path)) byPath.set(path, field);
    for (const child of field.children) register(child, `${path}.${bare(child.name)}`);
  };
  for (const field of fields) {
    field.children = nestDotted(field.children, problem);
    const starred = /\s*\*$/.test(field.name);
    const path = bare(field.name).split('.').map((part) => part.trim().replace(/\[\]$/, ''));
    if (path.length === 1 || path.some((part) => part === '')) {
      out.push(field);
      register(field, bare(field.name));
      continue;
    }
    const parentPath = path.slice(0, -1).join('.');
    const parent = byPath.get(parentPath);
    if (!parent) {
      problem(field.line, `the field "${bare(field.name).trim()}" names a field "${parentPath}" that is not written before it; add "${parentPath}" (an object, or an array of objects) before it, or nest the field in it`);
      continue;
    }
    field.name = `${path[path.length - 1]!}${starred ? '*' : ''}`;
    parent.children.push(field);
    register(field, path.join('.'));
  }
  return out;
}

/** A name without its required star. */
function bare(name: string): string {
  return name.replace(/\s*\*$/, '');
}
