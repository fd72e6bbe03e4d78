/** The CLI's commands, in the order `--help` lists them; the first is the default. One line per command. */
import type { Command } from '../command.js';
import { generate } from './generate.js';
import { check } from './check.js';
import { watch } from './watch.js';
import { report } from './report.js';
import { extract } from './extract.js';
import { pull } from './pull.js';
import { diff } from './diff.js';

export const COMMANDS: readonly Command[] = [generate, check, pull, diff, watch, report, extract];
