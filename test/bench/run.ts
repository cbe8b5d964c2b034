import { mkdirSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { runLoginWorkload } from './login-workload.ts';
import { runTokenWorkload } from './token-workload.ts';
import { runPaymentsWorkload } from './payments-workload.ts';
import { runMobileWorkload } from './mobile-workload.ts';
import { runCardWorkload } from './card-workload.ts';
import type { WorkloadOptions, WorkloadReport } from './workload.ts';

/*
 * `npm run bench [login|token|payments|mobile|card]`: each workload starts its own processes, prints one
 * summary line on stdout (everything else goes to stderr) and stops them again. Exits 1
 * when any request failed or the system could not be started, 2 on a usage error.
 */
const WORKLOADS = {
  login: { run: runLoginWorkload, count: 400, warmup: 300 },
  token: { run: runTokenWorkload, count: 4000, warmup: 1000 },
  payments: { run: runPaymentsWorkload, count: 10000, warmup: 3000 },
  mobile: { run: runMobileWorkload, count: 200, warmup: 200 },
  card: { run: runCardWorkload, count: 200, warmup: 200 },
} satisfies Record<string, { run: (options: WorkloadOptions) => Promise<WorkloadReport>; count: number; warmup: number }>;
type WorkloadName = keyof typeof WORKLOADS;

class UsageError extends Error {}

function selectedWorkloads(argument: string | undefined): WorkloadName[] {
  if (argument === undefined) return ['login', 'token', 'payments', 'mobile', 'card'];
  if (Object.hasOwn(WORKLOADS, argument)) return [argument as WorkloadName];
  throw new UsageError(`unknown workload ${JSON.stringify(argument)}: use login, token, payments, mobile, card or nothing for all`);
}

/**
 * BENCH_<WORKLOAD>_COUNT units are timed after BENCH_<WORKLOAD>_WARMUP untimed ones. The
 * login warm-up is long because V8 keeps optimising the broker for hundreds of logins:
 * after 32 it still spends about half as much CPU again per flow as in steady state.
 * BENCH_CONCURRENCY is for diagnosis (1 gives CPU profiles undistorted by contention).
 * BENCH_BROKER_CPU_PROF=<dir> writes the broker's profile of each timed phase to
 * <dir>/broker-<workload>.cpuprofile.
 */
function optionsFor(name: WorkloadName): WorkloadOptions {
  const prefix = `BENCH_${name.toUpperCase()}`;
  const profileDir = process.env.BENCH_BROKER_CPU_PROF;
  return {
    count: positiveInteger(`${prefix}_COUNT`, WORKLOADS[name].count),
    warmup: positiveInteger(`${prefix}_WARMUP`, WORKLOADS[name].warmup),
    concurrency: positiveInteger('BENCH_CONCURRENCY', 16),
    brokerCpuProfile: profileDir ? resolve(profileDir, `broker-${name}.cpuprofile`) : undefined,
  };
}

function positiveInteger(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`${variable} must be a positive integer, was ${JSON.stringify(raw)}`);
  return value;
}

// Throughput and latency are only as good as the machine is quiet; CPU per flow much less so.
function machineLoad(): string {
  return `${availableParallelism()} CPUs, load average ${loadavg()[0]!.toFixed(2)}`;
}

async function main(): Promise<number> {
  const runs = selectedWorkloads(process.argv[2]).map((name) => ({ name, options: optionsFor(name) }));
  if (process.env.BENCH_BROKER_CPU_PROF) mkdirSync(process.env.BENCH_BROKER_CPU_PROF, { recursive: true });
  let exitCode = 0;
  for (const { name, options } of runs) {
    process.stderr.write(`bench: ${name} workload starting; ${machineLoad()}\n`);
    const report = await WORKLOADS[name].run(options);
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
    if (error instanceof UsageError) {
      process.stderr.write(`bench: ${error.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
