// CPU time for `npm run bench`.
import { readFileSync } from 'node:fs';

// The main thread's own CPU time, in µs: Linux counts it per thread, in nanoseconds. The process's
// total would add the compiler's and the collector's helper threads, whose share swings with
// whatever else the machine is doing; elsewhere, the process's total is the best there is.
const MAIN_THREAD = `/proc/self/task/${process.pid}/schedstat`;
export const perThread = (() => {
  try {
    return Number(readFileSync(MAIN_THREAD, 'utf8').split(' ')[0]) > 0;
  } catch {
    return false;
  }
})();
export function cpuMicros(): number {
  if (perThread) return Number(readFileSync(MAIN_THREAD, 'utf8').split(' ')[0]) / 1000;
  const { user, system } = process.cpuUsage();
  return user + system;
}

export const yes = (met: boolean | undefined) => (met === undefined ? '' : met ? 'yes' : 'NO');
