/** `yuno-codegen report`: every disagreement between the pages, their examples and the API's examples. */
import { loadPlan } from '../../config.js';
import { readInputs } from '../../fastpath.js';
import { inputNames, rebased, type RunFlags, type RunOutcome } from '../run.js';
import { INPUT_OPTIONS } from '../args.js';
import type { Command } from '../command.js';
import { execute } from '../print.js';

/** Extract and reconcile the plan's pages (no emitter) and list every disagreement between page and API. */
export async function runReport(flags: RunFlags, cwd: string): Promise<RunOutcome> {
  const plan = await loadPlan(flags, cwd);
  const inputs = readInputs(plan);
  const [{ extractAll }, { reportOf, formatReport }, { RECONCILE_RULES }] = await Promise.all([
    import('../../extract.js'),
    import('../../report.js'),
    import('../../reconcile/reconcile.js'),
  ]);
  const names = inputNames(plan, inputs);
  const reports = reportOf(await rebased(plan, inputs, () => extractAll(inputs.pages, inputs.openapi))).map((r) => ({
    ...r,
    source: names.get(r.source) ?? r.source,
  }));
  return {
    command: 'report',
    ok: true,
    exitCode: 0,
    summary: formatReport(reports, Object.keys(RECONCILE_RULES)),
    json: { command: 'report', ok: true, objects: reports },
  };
}

export const report: Command = {
  usage: 'report',
  describe: "List every disagreement between the pages, their examples and the API's examples, by object and rule",
  options: INPUT_OPTIONS,
  examples: [['$0 report --openapi docs/yuno-openapi', 'Where the pages and the API disagree, and what the schemas now say']],
  run: (_args, flags, cwd) => execute(() => runReport(flags, cwd), flags, 'report'),
};
