/**
 * Rule "patterns": a schema `pattern` becomes a backtracking RegExp in the validators, and some patterns
 * (`^(a+)+$`) take exponential or polynomial time on a crafted string: a long run of one character that
 * then fails. scslre (static analysis on regexpp's syntax tree) finds them; each is a warning at generation
 * time, with the pointer and the character an attacker would repeat. Loaded only when a schema has a pattern.
 */
import type { Problem, SchemaDocument } from '../types.js';
import { walkSchema } from './walk.js';

export async function patternWarnings(doc: SchemaDocument): Promise<Problem[]> {
  const found: { pointer: string; pattern: string }[] = [];
  walkSchema(doc.schema, (node, pointer) => {
    if (typeof node['pattern'] === 'string') found.push({ pointer: `${pointer}/pattern`, pattern: node['pattern'] });
    const patterns = node['patternProperties'];
    if (patterns !== null && typeof patterns === 'object' && !Array.isArray(patterns)) {
      for (const key of Object.keys(patterns)) found.push({ pointer: `${pointer}/patternProperties`, pattern: key });
    }
  });
  if (found.length === 0) return [];
  const [{ analyse }, { RegExpParser }] = await Promise.all([import('scslre'), import('@eslint-community/regexpp')]);
  const parser = new RegExpParser({ ecmaVersion: 2024 });
  const problems: Problem[] = [];
  for (const { pointer, pattern } of found) {
    // The validators compile patterns with the `u` flag, as AJV does.
    let parsed;
    try {
      parsed = { pattern: parser.parsePattern(pattern, 0, pattern.length, { unicode: true }), flags: parser.parseFlags('u') };
    } catch {
      continue; // not a valid pattern: the meta-schema check and AJV report it
    }
    const reports = analyse(parsed, { reportTypes: { Move: false } }).reports;
    if (reports.length === 0) continue;
    const exponential = reports.some((r) => r.exponential);
    const character = reports[0]?.character.literal.source ?? '';
    problems.push({
      file: doc.source,
      at: pointer,
      rule: 'patterns',
      message: `pattern ${JSON.stringify(pattern)} can take ${exponential ? 'exponential' : 'polynomial'} time to match (a long run of ${character} that then fails makes the validators backtrack, for seconds or more); rewrite it so that no character can be matched by two repetitions (as "^(a+)+$" → "^a+$")`,
    });
  }
  return problems;
}
