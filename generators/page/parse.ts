/**
 * Stage 2, parse: DocPage → FieldTree. The page's format (page/formats/, detected by the read stage) reads
 * its attribute block(s); this stage collects its problems and checks it found fields. The parsers are
 * imported lazily: the CLI's no-op path loads none.
 */
import { CodegenError, type DocPage, type FieldTree, type Problem } from '../types.js';
import { nestDotted } from './dotted.js';
import { formatNamed } from './formats/index.js';

export async function parse(page: DocPage): Promise<FieldTree> {
  const problems: Problem[] = [];
  const add = (line: number, rule: string, message: string): void => {
    problems.push({ file: page.path, at: `line ${line}`, rule, message });
  };
  const read = await formatNamed(page.format).fields(page, add);
  const { description, parameters = [] } = read;
  const fields = nestDotted(read.fields, (line, message) => add(line, 'structure', message));
  if (problems.length > 0) throw new CodegenError(problems);
  if (fields.length === 0 && parameters.length > 0) {
    // An endpoint page: its header, path and query parameters are no object's fields, and it lists no other.
    const list = parameters.map((p) => `${p.location} ${p.name}`).join(', ');
    add(
      parameters[0]!.line,
      'attribute-block',
      `the page has only header, path and query parameters (${list}), which are not fields of an object; an object page lists its fields as <ParamField body="…"> or <ResponseField name="…">`,
    );
    throw new CodegenError(problems);
  }
  if (fields.length === 0) {
    add(page.bodyLine, 'attribute-block', 'the attribute block holds no fields: expected entries like <p><strong><code>name</code></strong> <small>type</small> …</p> or <ParamField body="name" type="string">');
    throw new CodegenError(problems);
  }
  return { page, description: description || page.frontMatterDescription, fields };
}
