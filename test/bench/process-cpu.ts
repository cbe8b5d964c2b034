import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of utime and stime in /proc/<pid>/stat. */
function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    const answer = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    ticksPerSecond = Number.isInteger(answer) && answer > 0 ? answer : 100;
  }
  return ticksPerSecond;
}

/**
 * User plus system CPU time of a whole process (all its threads, so libuv's pool doing
 * WebCrypto and getaddrinfo counts too), in milliseconds.
 */
export function readProcessCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // comm (field 2) may contain spaces and parentheses: count fields after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read CPU times of ${pid}: ${stat}`);
  return ((utime + stime) * 1000) / clockTicksPerSecond();
}

/** The same figure for this process (the load generator), from process.cpuUsage. */
export function readOwnCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Starts counting: the returned function gives the CPU milliseconds `read` has advanced since. */
export function startCpuMeter(read: () => number): () => number {
  const before = read();
  return () => read() - before;
}
