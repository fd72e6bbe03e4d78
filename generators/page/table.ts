/**
 * Object pages written as a Markdown table (Yuno's Seller page) → RawField tree. The page is parsed with
 * micromark and its GFM table extension (`page/markdown.ts`); a table is a field table when its header
 * names a field column (Field, Name, Attribute, Parameter, Property, Key) and a Type column. Each row is a
 * field in the same model as the other formats: the name (`*`, "required" or "optional" beside it mark
 * requiredness), the type word, and the description pieces (constraints, "Example:", links, code).
 * A dotted name (`phone.code`, `items[].name`) is a field of the row named by the part before its last dot.
 */
import type { Nodes, Root, RowContent, Table } from 'mdast';
import { parseDocument } from 'htmlparser2';
import type { RawField } from '../types.js';
import { inline, plain } from './markdown.js';
import { SegmentBuilder, collapse } from './segments.js';

export interface TableProblem {
  line: number;
  message: string;
}

type Role = 'name' | 'type' | 'description' | 'required' | 'example' | 'other';

const ROLES: Record<string, Role> = {
  field: 'name',
  'field name': 'name',
  name: 'name',
  attribute: 'name',
  'attribute name': 'name',
  parameter: 'name',
  'parameter name': 'name',
  property: 'name',
  'property name': 'name',
  key: 'name',
  type: 'type',
  'data type': 'type',
  description: 'description',
  required: 'required',
  mandatory: 'required',
  example: 'example',
};

/** A header's role, singular or plural, any case (`Fields`, `Properties`, `Data type`). */
function roleOf(header: string): Role {
  const h = header.toLowerCase();
  return ROLES[h] ?? ROLES[h.replace(/ies$/, 'y')] ?? ROLES[h.replace(/s$/, '')] ?? 'other';
}

/** What a Required column's cell says: a mark, or text that stays in the description. */
const REQUIRED_CELL: Record<string, 'required' | 'optional' | ''> = {
  yes: 'required',
  true: 'required',
  required: 'required',
  '✓': 'required',
  '✔': 'required',
  no: 'optional',
  false: 'optional',
  optional: 'optional',
  '': '',
  '-': '',
  '—': '',
};

export interface TableFields {
  fields: RawField[];
  /** How many field tables the page has; 0 when it has none (then it is no table page). */
  tables: number;
}

/** The fields of every field table on the page, in order, nested by their dotted names. */
export function tableFields(root: Root, firstLine: number, problems: TableProblem[]): TableFields {
  const top: RawField[] = [];
  const byPath = new Map<string, RawField>();
  let tables = 0;
  const visit = (node: Nodes): void => {
    if (node.type === 'table') {
      if (fieldTable(node, firstLine, top, byPath, problems)) tables++;
      return;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child);
  };
  visit(root);
  return { fields: top, tables };
}

function fieldTable(table: Table, firstLine: number, top: RawField[], byPath: Map<string, RawField>, problems: TableProblem[]): boolean {
  const [head, ...rows] = table.children;
  if (!head) return false;
  const headers = head.children.map((cell) => collapse(plain(cell)));
  const roles = headers.map((h) => roleOf(h));
  const column = (role: Role): number => roles.indexOf(role);
  if (column('name') < 0 || column('type') < 0) return false;
  for (const row of rows) {
    const line = firstLine - 1 + (row.position?.start.line ?? 1);
    const cell = (i: number): RowContent | undefined => (i >= 0 ? row.children[i] : undefined);
    const { path, leaf, marks } = nameOf(cell(column('name')));
    const field: RawField = {
      name: leaf,
      typeWord: collapse(cell(column('type')) ? plain(cell(column('type'))!) : ''),
      marks,
      segments: [],
      listItems: [],
      line,
      children: [],
    };
    const b = new SegmentBuilder();
    const description = cell(column('description'));
    if (description) phrasing(description.children as Nodes[], b);
    roles.forEach((role, i) => {
      const c = cell(i);
      const text = c ? collapse(plain(c)) : '';
      if (!c || !text || role === 'name' || role === 'type' || role === 'description') return;
      const said = role === 'required' ? REQUIRED_CELL[text.toLowerCase()] : undefined;
      if (said !== undefined) {
        field.marks = collapse(`${field.marks} ${said}`);
        return;
      }
      // An Example column, or any other column: its words stay with the field, as a piece of its own.
      b.break();
      b.text(role === 'example' ? 'Example: ' : `${headers[i]}: `);
      phrasing(c.children as Nodes[], b);
      b.break();
    });
    field.segments = b.done();
    const parentPath = path.slice(0, -1).join('.');
    const parent = parentPath ? byPath.get(parentPath) : undefined;
    if (parentPath && !parent) {
      problems.push({
        line,
        message: `the row of "${path.join('.')}" has no row for "${parentPath}" above it; add one (type object, or array of objects) before it`,
      });
      continue;
    }
    (parent ? parent.children : top).push(field);
    const key = path.join('.');
    if (!byPath.has(key)) byPath.set(key, field);
  }
  return true;
}

/**
 * A name cell: the name in code (`` `phone.code` ``) or the cell's first word, with what stands beside it
 * as marks (`*`, "required", "(optional)"). Returns the dotted path without `[]` and `*`, and the leaf
 * name as the requiredness rule reads it (`code*` for a starred field).
 */
function nameOf(cell: RowContent | undefined): { path: string[]; leaf: string; marks: string } {
  const text = cell ? collapse(plain(cell)) : '';
  const code = cell ? firstCode(cell) : undefined;
  let name: string;
  let rest: string;
  if (code !== undefined && text.includes(code)) {
    name = code.trim();
    rest = collapse(text.replace(code, ' '));
  } else {
    const words = text.split(' ');
    name = words[0] ?? '';
    rest = words.slice(1).join(' ');
  }
  const starred = name.endsWith('*') || rest.startsWith('*');
  const path = name
    .replace(/\s*\*$/, '')
    .split('.')
    .map((part) => part.trim().replace(/\[\]$/, ''));
  const leaf = `${path[path.length - 1] ?? ''}${starred ? '*' : ''}`;
  return { path, leaf, marks: collapse(rest.replace(/^\*/, '')) };
}

function firstCode(node: Nodes): string | undefined {
  if (node.type === 'inlineCode') return node.value;
  if (!('children' in node)) return undefined;
  for (const child of node.children as Nodes[]) {
    const code = firstCode(child);
    if (code !== undefined) return code;
  }
  return undefined;
}

/** A cell's content into description pieces; an HTML `<br>` (Markdown pages) ends a piece like MDX's `<br/>`. */
function phrasing(nodes: Nodes[], b: SegmentBuilder): void {
  for (const node of nodes) {
    if (node.type === 'html') {
      if (isBreak(node.value)) b.break();
      continue;
    }
    inline(node, b);
  }
}

function isBreak(html: string): boolean {
  const nodes = parseDocument(html).children.filter((c) => !(c.type === 'text' && !c.data.trim()));
  return nodes.length === 1 && nodes[0]!.type === 'tag' && nodes[0]!.name === 'br';
}
