/**
 * Vitest globalSetup: the tests read the project's shared folder at ../shared (beside the clone). Without it
 * the run stops here with one message that says what is missing and where it comes from, instead of a
 * dozen test files failing with bare ENOENT errors.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** What the tests read from ../shared, with what each is. */
export const SHARED_NEEDS: readonly (readonly [path: string, what: string])[] = [
  ['yuno-pages', "the corpus of real Yuno object pages (ReadMe format)"],
  ['yuno-pages/mintlify', 'the same pages in the Mintlify format'],
  ['json-schema-test-suite/tests/draft2020-12', 'the official JSON-Schema-Test-Suite'],
];

/** The problem with the shared folder at `dir` (shown to the reader as `shown`), or undefined when it is complete. */
export function sharedProblem(dir: string, shown = '../shared'): string | undefined {
  const where = `${shown} (${dir})`;
  const origin =
    "it is the project's shared folder, which every developer and CI have beside the repository: clone or copy this repository next to it (…/shared and …/<your clone> side by side) and run the tests from there";
  if (!existsSync(dir)) {
    return `${where} is missing: the tests read the corpus of real Yuno doc pages and the JSON-Schema-Test-Suite from it; ${origin}`;
  }
  const missing = SHARED_NEEDS.filter(([path]) => !existsSync(join(dir, path)));
  if (missing.length === 0) return undefined;
  return `${where} is incomplete: ${missing.map(([path, what]) => `${path} (${what})`).join(', ')} missing; ${origin}`;
}

export default function setup(): void {
  const problem = sharedProblem(join(repoRoot, '..', 'shared'));
  if (problem === undefined) return;
  // Exit here rather than throw: vitest would first report "No test files found", which is not the problem.
  process.stderr.write(`error: ${problem}\n`);
  process.exit(1);
}
