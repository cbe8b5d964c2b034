import type { BenchChild } from './child-process.ts';
import type { BenchSystem } from './bench-system.ts';
import { runLoad, type LoadResult } from './load-generator.ts';
import { readOwnCpuMs, readProcessCpuMs, startCpuMeter } from './process-cpu.ts';
import { errorSuffix, percentile, throughput } from './stats.ts';
import type { WorkloadOptions } from './workload.ts';

export interface TimedFlows {
  readonly result: LoadResult;
  readonly rate: number;
  readonly p50: number;
  readonly p99: number;
  /** Milliseconds of CPU per flow in each process, over the timed phase only. */
  readonly cpuPerFlow: { readonly broker: number; readonly sandbox: number; readonly generator: number };
  /** `<name> 16 concurrent: 50.8 flows/s p50 306 ms p99 414 ms broker 17.4 ms CPU/flow`. */
  readonly line: string;
}

/**
 * The timed phase every flow workload shares: `options.count` flows, `options.concurrency`
 * in flight, with the broker's, the sandbox's and this process's CPU read before and after.
 */
export async function runTimedFlows(
  name: string,
  system: BenchSystem,
  sandbox: BenchChild,
  options: WorkloadOptions,
  task: (index: number) => Promise<void>,
): Promise<TimedFlows> {
  const brokerCpu = startCpuMeter(() => readProcessCpuMs(system.broker.pid));
  const sandboxCpu = startCpuMeter(() => readProcessCpuMs(sandbox.pid));
  const generatorCpu = startCpuMeter(readOwnCpuMs);
  const result = await system.timed(() => runLoad({ total: options.count, concurrency: options.concurrency, task }));
  const cpuPerFlow = { broker: brokerCpu() / options.count, sandbox: sandboxCpu() / options.count, generator: generatorCpu() / options.count };
  const rate = throughput(result);
  const p50 = percentile(result.latenciesMs, 50);
  const p99 = percentile(result.latenciesMs, 99);
  const line = `${name} ${options.concurrency} concurrent: ${rate.toFixed(1)} flows/s p50 ${Math.round(p50)} ms `
    + `p99 ${Math.round(p99)} ms broker ${cpuPerFlow.broker.toFixed(1)} ms CPU/flow${errorSuffix('flows', result)}`;
  return { result, rate, p50, p99, cpuPerFlow, line };
}
