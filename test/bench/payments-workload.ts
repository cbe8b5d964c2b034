import { startBenchSystem } from './bench-system.ts';
import { runLoad, type LoadResult } from './load-generator.ts';
import { createPaymentsClient } from './payments-api-client.ts';
import { readProcessCpuMs, startCpuMeter } from './process-cpu.ts';
import { describeFailures, errorSuffix, percentile, throughput } from './stats.ts';
import { checkTargets, warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

const TARGETS = { createPerSecond: 2000, getPerSecond: 4000, p99Ms: 25 };

/**
 * The payments API on the SQLite store: payments created per second (POST /payments with
 * an Idempotency-Key, the idempotency record, the payment and its audit record in one
 * transaction), then GET /payments/:id per second over the payments just created.
 */
export async function runPaymentsWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: false, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const client = await createPaymentsClient(system.issuer, options.concurrency);
    try {
      const ids: string[] = [];
      const create = (offset: number) => async (index: number) => {
        ids.push(await client.create(offset + index));
      };
      const read = async (index: number) => client.get(ids[(index * 7919) % ids.length]!);
      await warmUp('payment creations', { total: options.warmup, concurrency: options.concurrency, task: create(0) });
      await warmUp('payment reads', { total: options.warmup, concurrency: options.concurrency, task: read });

      const measure = async (total: number, task: (index: number) => Promise<void>) => {
        const cpu = startCpuMeter(() => readProcessCpuMs(system.broker.pid));
        const result = await runLoad({ total, concurrency: options.concurrency, task });
        return { result, cpuMs: cpu() };
      };
      // Only the creations run under the CPU profiler (when one is asked for): they are the costly part.
      const creates = await system.timed(() => measure(options.count, create(options.warmup)));
      const gets = await measure(options.count * 2, read);
      return report(options, creates, gets);
    } finally {
      client.close();
    }
  } finally {
    await system.close();
  }
}

interface Measured {
  readonly result: LoadResult;
  readonly cpuMs: number;
}

function report(options: WorkloadOptions, creates: Measured, gets: Measured): WorkloadReport {
  const line = (name: string, unit: string, { result }: Measured) =>
    `${name}: ${Math.round(throughput(result))} ${unit}/s p50 ${percentile(result.latenciesMs, 50).toFixed(1)} ms p99 ${percentile(result.latenciesMs, 99).toFixed(1)} ms`
    + errorSuffix(unit, result);
  const cpu = (name: string, m: Measured) => `${name}: broker ${(m.cpuMs / m.result.total).toFixed(3)} ms CPU/request`;
  const createRate = throughput(creates.result);
  const getRate = throughput(gets.result);
  return {
    line: `${line('create', 'payments', creates)}\n${line('get', 'reads', gets)}`,
    notes: [
      ...describeFailures('create', creates.result),
      ...describeFailures('get', gets.result),
      `payments: ${options.count} creations and ${options.count * 2} reads, ${options.concurrency} concurrent, after ${options.warmup} of each to warm up`,
      cpu('create', creates),
      cpu('get', gets),
      checkTargets('payments', [
        { text: `create >= ${TARGETS.createPerSecond}/s`, met: createRate >= TARGETS.createPerSecond },
        { text: `get >= ${TARGETS.getPerSecond}/s`, met: getRate >= TARGETS.getPerSecond },
        { text: `create p99 < ${TARGETS.p99Ms} ms`, met: percentile(creates.result.latenciesMs, 99) < TARGETS.p99Ms },
        { text: `get p99 < ${TARGETS.p99Ms} ms`, met: percentile(gets.result.latenciesMs, 99) < TARGETS.p99Ms },
      ]),
    ],
    failed: creates.result.failed + gets.result.failed > 0,
  };
}
