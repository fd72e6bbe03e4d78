#!/usr/bin/env node
/**
 * The `yuno-codegen` command: flags → library call → files on disk, one summary line and an exit code
 * (0 ok, 1 problems in the inputs or stale output, 2 usage errors). The commands are in cli/commands/.
 *
 * Startup cost matters (prebuild hooks run this on every build), so only light modules are imported here.
 * The plain `generate` forms run without yargs (the no-op check loads nothing else either); the library
 * (index.js), yargs, AJV and the diff module are imported only when needed.
 *
 * V8's tiering is set for a short batch job first (cli/tiering.ts), so the modules loaded after it start with it.
 */
import { applyTiering } from './cli/tiering.js';

applyTiering(process.execArgv);
const { main } = await import('./cli/main.js');
const { reportError } = await import('./cli/print.js');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.exitCode = reportError(error, process.argv.includes('--debug'));
  },
);
