import { startBenchSystem } from './bench-system.ts';
import { runLoad } from './load-generator.ts';
import { discoverBenchEservice, runLoginFlow } from './login-flow.ts';
import { readOwnCpuMs, readProcessCpuMs, startCpuMeter } from './process-cpu.ts';
import { describeFailures, errorSuffix, percentile, throughput } from './stats.ts';
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

    const { broker, banks } = system;
    if (!banks) throw new Error('the login workload needs the sandbox banks');
    const brokerCpu = startCpuMeter(() => readProcessCpuMs(broker.pid));
    const banksCpu = startCpuMeter(() => readProcessCpuMs(banks.pid));
    const generatorCpu = startCpuMeter(readOwnCpuMs);
    const result = await system.timed(() => runLoad({ total: options.count, concurrency: options.concurrency, task }));
    const cpuPerFlow = brokerCpu() / options.count;
    const banksCpuPerFlow = banksCpu() / options.count;
    const generatorCpuPerFlow = generatorCpu() / options.count;

    const rate = throughput(result);
    const p50 = percentile(result.latenciesMs, 50);
    const p99 = percentile(result.latenciesMs, 99);
    const line = `login ${options.concurrency} concurrent: ${rate.toFixed(1)} flows/s p50 ${Math.round(p50)} ms `
      + `p99 ${Math.round(p99)} ms broker ${cpuPerFlow.toFixed(1)} ms CPU/flow${errorSuffix('flows', result)}`;
    return {
      line,
      notes: [
        ...describeFailures('login', result),
        `login: ${result.succeeded} flows in ${(result.elapsedMs / 1000).toFixed(1)} s after ${options.warmup} warm-up flows; `
          + `CPU/flow: sandbox banks ${banksCpuPerFlow.toFixed(1)} ms, load generator ${generatorCpuPerFlow.toFixed(1)} ms`,
        checkTargets('login', [
          { text: '>= 100 flows/s', met: rate >= 100 },
          { text: 'p99 < 300 ms', met: p99 < 300 },
          { text: 'broker <= 7 ms CPU/flow', met: cpuPerFlow <= 7 },
        ]),
      ],
      failed: result.failed > 0,
    };
  } finally {
    await system.close();
  }
}

