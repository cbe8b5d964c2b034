import { startBareProvider, startBenchSystem } from './bench-system.ts';
import { mergeLoadResults, runLoad, type LoadResult } from './load-generator.ts';
import { readProcessCpuMs, startCpuMeter } from './process-cpu.ts';
import { createTokenClient, type TokenClient } from './token-request.ts';
import { describeFailures, errorSuffix, percentile, throughput } from './stats.ts';
import { checkTargets, warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

const PORTTI_BODY = 'grant_type=client_credentials&scope=payments';
const BARE_BODY = 'grant_type=client_credentials';
/** Portti and the baseline take turns, so a change in the machine's other load hits both alike. */
const ROUNDS = 4;

interface Target {
  readonly client: TokenClient;
  readonly pid: number;
  readonly results: LoadResult[];
  cpuMs: number;
}

/**
 * Client-credentials tokens from Portti (SQLite store, payments resource) and from a bare
 * oidc-provider (in-memory adapter), each in its own process, driven by the same load
 * generator in alternating rounds; the ratio is Portti's throughput over the bare one's.
 */
export async function runTokenWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: false, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const bare = await startBareProvider();
    const portti: Target = { client: createTokenClient(system.issuer, options.concurrency, PORTTI_BODY), pid: system.broker.pid, results: [], cpuMs: 0 };
    const baseline: Target = { client: createTokenClient(bare.issuer, options.concurrency, BARE_BODY), pid: bare.pid, results: [], cpuMs: 0 };
    try {
      await warmUp('Portti token requests', load(portti, options.warmup, options.concurrency));
      await warmUp('bare oidc-provider token requests', load(baseline, options.warmup, options.concurrency));
      await system.timed(async () => {
        for (let round = 0; round < ROUNDS; round += 1) {
          const count = Math.floor(options.count / ROUNDS) + (round < options.count % ROUNDS ? 1 : 0);
          for (const target of [portti, baseline]) await measure(target, count, options.concurrency);
        }
      });
      return report(options, portti, baseline);
    } finally {
      portti.client.close();
      baseline.client.close();
      await bare.close();
    }
  } finally {
    await system.close();
  }
}

async function measure(target: Target, count: number, concurrency: number): Promise<void> {
  if (count === 0) return;
  const cpu = startCpuMeter(() => readProcessCpuMs(target.pid));
  target.results.push(await runLoad(load(target, count, concurrency)));
  target.cpuMs += cpu();
}

function report(options: WorkloadOptions, portti: Target, baseline: Target): WorkloadReport {
  const porttiResult = mergeLoadResults(portti.results);
  const bareResult = mergeLoadResults(baseline.results);
  const porttiRate = throughput(porttiResult);
  const bareRate = throughput(bareResult);
  const ratio = porttiRate / bareRate;
  const line = `token: portti ${Math.round(porttiRate)} tokens/s, bare oidc-provider ${Math.round(bareRate)} tokens/s, `
    + `ratio ${ratio.toFixed(2)}${errorSuffix('Portti requests', porttiResult)}${errorSuffix('bare requests', bareResult)}`;
  return {
    line,
    notes: [
      ...describeFailures('token (Portti)', porttiResult),
      ...describeFailures('token (bare oidc-provider)', bareResult),
      `token: ${options.count} tokens from each in ${ROUNDS} alternating rounds after ${options.warmup} warm-up requests each`,
      `token: Portti ${figures(porttiResult, portti.cpuMs)}; bare oidc-provider ${figures(bareResult, baseline.cpuMs)}`,
      checkTargets('token', [{ text: 'ratio >= 0.8', met: ratio >= 0.8 }]),
    ],
    failed: porttiResult.failed + bareResult.failed > 0,
  };
}

function load(target: Target, total: number, concurrency: number) {
  return { total, concurrency, task: () => target.client.requestToken() };
}

function figures(result: LoadResult, cpuMs: number): string {
  return `p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms, `
    + `${(cpuMs / result.total).toFixed(2)} ms CPU/token`;
}
