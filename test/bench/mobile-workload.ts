import { startBenchSystem } from './bench-system.ts';
import { BENCH_BROWSER_POLL_MS } from './bench-config.ts';
import { discoverBenchEservice } from './login-flow.ts';
import { runMobileFlow } from './mobile-flow.ts';
import { describeFailures } from './stats.ts';
import { runTimedFlows } from './timed-flows.ts';
import { warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

/**
 * Whole mobile-certificate logins, `concurrency` in flight, with the sandbox MSSP (in the
 * sandbox process) answering at once and the broker polling it without delay; the flow
 * polls Portti's status endpoint every browserIntervalMs (100 ms, the minimum), so every
 * flow spends at least that long waiting. Broker CPU as in the login workload.
 */
export async function runMobileWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: false, withMobile: true, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const eservice = await discoverBenchEservice(system.issuer);
    let viaStatus = 0;
    const task = async (index: number) => {
      if ((await runMobileFlow(eservice, system.issuer, index, BENCH_BROWSER_POLL_MS)).polled) viaStatus += 1;
    };
    await warmUp('mobile flows', { total: options.warmup, concurrency: options.concurrency, task });

    if (!system.banks) throw new Error('the mobile workload needs the sandbox process');
    viaStatus = 0;
    const { result, cpuPerFlow, line } = await runTimedFlows('mobile', system, system.banks, options, task);
    return {
      line,
      notes: [
        ...describeFailures('mobile', result),
        `mobile: ${result.succeeded} flows in ${(result.elapsedMs / 1000).toFixed(1)} s after ${options.warmup} warm-up flows; `
          + `${viaStatus} of them finished through the status endpoint (polled every ${BENCH_BROWSER_POLL_MS} ms), `
          + `the rest on the waiting page itself; CPU/flow: sandbox (MSSP) ${cpuPerFlow.sandbox.toFixed(1)} ms, `
          + `load generator ${cpuPerFlow.generator.toFixed(1)} ms`,
      ],
      failed: result.failed > 0,
    };
  } finally {
    await system.close();
  }
}
