import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runLoginWorkload } from './login-workload.ts';
import { runTokenWorkload } from './token-workload.ts';
import type { WorkloadOptions, WorkloadReport } from './workload.ts';

/*
 * `npm run bench [login|token]`: each workload starts its own processes, prints one
 * summary line on stdout (everything else goes to stderr) and stops them again. Exits 1
 * when any request failed or the system could not be started.
 */
const WORKLOADS = {
  login: (profile?: string) => runLoginWorkload(options('BENCH_LOGIN_COUNT', 400, 32, profile)),
  token: (profile?: string) => runTokenWorkload(options('BENCH_TOKEN_COUNT', 4000, 400, profile)),
} satisfies Record<string, (profile?: string) => Promise<WorkloadReport>>;
type WorkloadName = keyof typeof WORKLOADS;

function options(countVariable: string, defaultCount: number, warmup: number, brokerCpuProfile?: string): WorkloadOptions {
  // BENCH_CONCURRENCY is for diagnosis (1 gives CPU profiles undistorted by contention).
  const concurrency = positiveInteger('BENCH_CONCURRENCY', 16);
  return { count: positiveInteger(countVariable, defaultCount), warmup, concurrency, brokerCpuProfile };
}

function positiveInteger(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable} must be a positive integer, was ${JSON.stringify(raw)}`);
  return value;
}

function selectedWorkloads(argument: string | undefined): WorkloadName[] {
  if (argument === undefined) return ['login', 'token'];
  if (argument in WORKLOADS) return [argument as WorkloadName];
  throw new Error(`unknown workload ${JSON.stringify(argument)}: use login, token or nothing for both`);
}

/** BENCH_BROKER_CPU_PROF=<dir>: the broker's profile of each timed phase goes to <dir>/broker-<workload>.cpuprofile. */
function profileFile(name: WorkloadName): string | undefined {
  const dir = process.env.BENCH_BROKER_CPU_PROF;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  return resolve(dir, `broker-${name}.cpuprofile`);
}

// Throughput and latency are only as good as the machine is quiet; CPU/flow much less so.
function machineLoad(): string {
  return `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(2)}`;
}

async function main(): Promise<number> {
  let exitCode = 0;
  for (const name of selectedWorkloads(process.argv[2])) {
    process.stderr.write(`bench: ${name} workload starting; ${machineLoad()}\n`);
    const report = await WORKLOADS[name](profileFile(name));
    for (const note of report.notes) process.stderr.write(`${note}\n`);
    process.stdout.write(`${report.line}\n`);
    if (report.failed) exitCode = 1;
  }
  return exitCode;
}

// process.exit runs the exit cleanup: children killed, temp folders removed.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
