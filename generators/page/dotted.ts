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
    for (const child of field.children) register(child, `${path}.${partsOf(child.name).join('.')}`);
  };
  for (const field of fields) {
    field.children = nestDotted(field.children, problem);
    const starred = /\s*\*$/.test(field.name);
    const path = partsOf(field.name);
    if (path.some((part) => part === '')) {
      out.push(field);
      register(field, bare(field.name));
      continue;
    }
    if (path.length === 1) {
      // `items[]`: the array field `items`, as its children `items[].sku` name it.
      field.name = `${path[0]!}${starred ? '*' : ''}`;
      out.push(field);
      register(field, path[0]!);
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

/** The parts of a field's name: `items[].sku*` → items, sku. */
function partsOf(name: string): string[] {
  return bare(name).split('.').map((part) => part.trim().replace(/\[\]$/, ''));
}

/** A name without its required star. */
function bare(name: string): string {
  return name.replace(/\s*\*$/, '');
}
