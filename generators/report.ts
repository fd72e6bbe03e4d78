/**
 * The drift report: every place where a page, its own examples and the API disagree, as the canonical
 * schemas record them (`x-reconciled`), grouped by object and rule. `yuno-codegen report` prints it; it
 * is the list a team can send to Yuno.
 */
import { isPlainObject, own } from './conforms.js';
import type { JsonSchema, Reconciliation, SchemaDocument } from './types.js';

export interface ReportEntry extends Reconciliation {
  /** Field path: `customer_payer.email`; array items' fields through the array (`items.name`). */
  path: string;
}

export interface ObjectReport {
  name: string;
  source: string;
  /** Operations whose 2xx examples return the object (empty without OpenAPI files). */
  operations: string[];
  examples: number;
  entries: ReportEntry[];
  /** Examples that fail only because of ReadMe's placeholder: where, and the field. */
  placeholders: { at: string; where: string }[];
}

export function reportOf(docs: SchemaDocument[]): ObjectReport[] {
  return docs.map((doc) => {
    const entries: ReportEntry[] = [];
    walk(doc.schema, '', entries, doc.schema);
    return {
      name: doc.name,
      source: doc.source,
      operations: doc.evidence?.operations ?? [],
      examples: doc.evidence?.examples ?? 0,
      entries,
      placeholders: doc.evidence?.placeholders ?? [],
    };
  });
}

/** Every record, by field path; a `$ref` to the object's own `$defs` is followed (once) with the path that refers to it. */
function walk(schema: JsonSchema, path: string, out: ReportEntry[], root: JsonSchema, seen = new Set<JsonSchema>()): void {
  if (seen.has(schema)) return;
  seen.add(schema);
  for (const r of (schema['x-reconciled'] as Reconciliation[] | undefined) ?? []) out.push({ path, ...r });
  for (const [key, child] of Object.entries(schema.properties ?? {})) walk(child, path ? `${path}.${key}` : key, out, root, seen);
  if (isPlainObject(schema.items)) walk(schema.items as JsonSchema, path, out, root, seen);
  for (const branch of Array.isArray(schema.anyOf) ? (schema.anyOf as JsonSchema[]) : []) walk(branch, path, out, root, seen);
  const name = typeof schema.$ref === 'string' && schema.$ref.startsWith('#/$defs/') ? schema.$ref.slice('#/$defs/'.length) : undefined;
  const target = name === undefined ? undefined : own(root.$defs, name);
  if (target) walk(target, path, out, root, seen);
}

/** The report as text: per object, per rule (in the order the rules apply), one line per field. */
export function formatReport(reports: ObjectReport[], ruleOrder: readonly string[]): string {
  const lines: string[] = [];
  const rank = (rule: string): number => {
    const i = ruleOrder.indexOf(rule);
    return i < 0 ? ruleOrder.length : i;
  };
  for (const r of reports) {
    lines.push(`${r.name} (${r.source})`);
    lines.push(
      r.operations.length > 0
        ? `  evidence: ${r.examples} example${r.examples === 1 ? '' : 's'} from ${r.operations.length} operation${r.operations.length === 1 ? '' : 's'}`
        : '  evidence: the page\'s own examples (no operation returns this object)',
    );
    const rules = [...new Set(r.entries.map((e) => e.rule))].sort((a, b) => rank(a) - rank(b));
    for (const rule of rules) {
      const of = r.entries.filter((e) => e.rule === rule);
      const fields = of.filter((e) => e.path !== '').length;
      lines.push(`  ${rule} (${fields === 0 ? 'the object' : `${fields} field${fields === 1 ? '' : 's'}`})`);
      for (const e of of) {
        lines.push(`    ${e.path || '(the object)'}: page: ${e.page}; seen: ${e.api} → ${e.result} (${e.count}×, e.g. ${e.evidence[0] ?? '—'})`);
      }
    }
    if (r.placeholders.length > 0) {
      lines.push(`  placeholder values the schema rejects (${r.placeholders.length})`);
      for (const p of r.placeholders) lines.push(`    ${p.at}: ${p.where}`);
    }
    if (rules.length === 0 && r.placeholders.length === 0) lines.push('  no disagreement');
  }
  const total = reports.reduce((n, r) => n + r.entries.length, 0);
  const placeholders = reports.reduce((n, r) => n + r.placeholders.length, 0);
  lines.push(`report: ${reports.length} object${reports.length === 1 ? '' : 's'}, ${total} reconciled fact${total === 1 ? '' : 's'}, ${placeholders} placeholder value${placeholders === 1 ? '' : 's'}`);
  return lines.join('\n');
}
