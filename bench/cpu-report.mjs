/**
 * Preloaded into a timed process (`node --import bench/cpu-report.mjs …`): at exit, writes the CPU time
 * of the whole process (every thread: user + system, as getrusage counts it) to $CPU_REPORT_FILE as JSON.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.CPU_REPORT_FILE;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    writeFileSync(file, JSON.stringify({ userMs: user / 1000, systemMs: system / 1000 }));
  });
}
