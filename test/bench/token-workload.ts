import { startBareProvider, startBenchSystem } from './bench-system.ts';
import { runLoad, type LoadResult } from './load-generator.ts';
import { readProcessCpuMs } from './process-cpu.ts';
import { createTokenClient, type TokenClient } from './token-request.ts';
import { describeFailures, errorSuffix, percentile, throughput } from './stats.ts';
import { checkTargets, warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

const PORTTI_BODY = 'grant_type=client_credentials&scope=payments';
const BARE_BODY = 'grant_type=client_credentials';

/**
 * Client-credentials tokens from Portti (SQLite store, payments resource) and from a bare
 * oidc-provider (in-memory adapter), each in its own process, driven by the same load
 * generator one after the other; the ratio is Portti's throughput over the bare one's.
 */
export async function runTokenWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: false, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const bare = await startBareProvider();
    const portti = createTokenClient(system.issuer, options.concurrency, PORTTI_BODY);
    const baseline = createTokenClient(bare.issuer, options.concurrency, BARE_BODY);
    try {
      await warmUp('Portti token requests', load(portti, options.warmup, options.concurrency));
      await warmUp('bare oidc-provider token requests', load(baseline, options.warmup, options.concurrency));

      const cpuBefore = readProcessCpuMs(system.broker.pid);
      const porttiResult = await system.timed(() => runLoad(load(portti, options.count, options.concurrency)));
      const cpuPerToken = (readProcessCpuMs(system.broker.pid) - cpuBefore) / options.count;
      const bareResult = await runLoad(load(baseline, options.count, options.concurrency));

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
          `token: Portti ${latencies(porttiResult)}, broker ${cpuPerToken.toFixed(2)} ms CPU/token; bare oidc-provider ${latencies(bareResult)}`,
          checkTargets('token', [{ text: 'ratio >= 0.8', met: ratio >= 0.8 }]),
        ],
        failed: porttiResult.failed + bareResult.failed > 0,
      };
    } finally {
      portti.close();
      baseline.close();
      await bare.close();
    }
  } finally {
    await system.close();
  }
}

function load(client: TokenClient, total: number, concurrency: number) {
  return { total, concurrency, task: () => client.requestToken() };
}

function latencies(result: LoadResult): string {
  return `p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms`;
}
