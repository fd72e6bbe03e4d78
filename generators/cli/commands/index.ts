/** The CLI's commands, in the order `--help` lists them; the first is the default. One line per command. */
import type { Command } from '../command.js';
import { generate } from './generate.js';
import { check } from './check.js';
import { watch } from './watch.js';
import { report } from './report.js';
import { extract } from './extract.js';

export const COMMANDS: readonly Command[] = [generate, check, watch, report, extract];
