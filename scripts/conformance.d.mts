/** Types for scripts/conformance.mjs (a plain script so `npm run conformance` needs no TypeScript loader). */
export interface SkippedGroup {
  file: string;
  group: string;
  cases: number;
  reason: string;
}
export interface CaseNote {
  file: string;
  group: string;
  test: string;
  reason: string;
}
export interface ConformanceResult {
  passed: number;
  failed: number;
  files: number;
  skippedCases: number;
  skipped: SkippedGroup[];
  divergent: CaseNote[];
  stale: CaseNote[];
  knownBugs: SkippedGroup[];
  failures: { where: string; test: string; problem: string }[];
}
export const suiteRoot: string;
export function suiteFiles(): string[];
export const SKIPPED_FILES: Record<string, string>;
export function unsupportedReason(schema: unknown): string | undefined;
export const REFUSALS: { pattern: RegExp; reason: string }[];
export const KNOWN_DIVERGENCES: { file: string; group: string; test: string; reason: string }[];
export const KNOWN_BUGS: { file: string; group: string; reason: string }[];
export function runConformance(options?: { only?: string[] }): Promise<ConformanceResult>;
export function summary(result: ConformanceResult): string;
