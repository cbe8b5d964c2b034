import { startBenchSystem } from './bench-system.ts';
import { discoverBenchEservice, runLoginFlow } from './login-flow.ts';
import { describeFailures } from './stats.ts';
import { runTimedFlows } from './timed-flows.ts';
import { checkTargets, warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

/**
 * Whole brokered logins, `concurrency` in flight, against the broker and the sandbox banks
 * in their own processes. Broker CPU is the broker process's utime+stime over the timed
 * phase only, divided by the flows in it.
 */
export async function runLoginWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: true, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const eservice = await discoverBenchEservice(system.issuer);
    const task = (index: number) => runLoginFlow(eservice, index);
    await warmUp('login flows', { total: options.warmup, concurrency: options.concurrency, task });

    if (!system.banks) throw new Error('the login workload needs the sandbox banks');
    const { result, rate, p99, cpuPerFlow, line } = await runTimedFlows('login', system, system.banks, options, task);
    return {
      line,
      notes: [
        ...describeFailures('login', result),
        `login: ${result.succeeded} flows in ${(result.elapsedMs / 1000).toFixed(1)} s after ${options.warmup} warm-up flows; `
          + `CPU/flow: sandbox banks ${cpuPerFlow.sandbox.toFixed(1)} ms, load generator ${cpuPerFlow.generator.toFixed(1)} ms`,
        checkTargets('login', [
          { text: '>= 100 flows/s', met: rate >= 100 },
          { text: 'p99 < 300 ms', met: p99 < 300 },
          { text: 'broker <= 7 ms CPU/flow', met: cpuPerFlow.broker <= 7 },
        ]),
      ],
      failed: result.failed > 0,
    };
  } finally {
    await system.close();
  }
}

