import type { BenchChild } from './child-process.ts';
import { presentCard, type BenchCard } from './card-flow.ts';
import { runLoad } from './load-generator.ts';
import { readProcessCpuMs, startCpuMeter } from './process-cpu.ts';
import { describeFailures } from './stats.ts';

/**
 * The TLS handshake's share of a flow's broker CPU: `total` full handshakes presenting
 * `card` at the card endpoint's /health (which reads no certificate and touches no store),
 * `concurrency` at a time, and the broker's CPU for them, per handshake.
 */
export async function measureHandshakeCpu(
  broker: BenchChild,
  endpointUrl: string,
  card: BenchCard,
  load: { readonly total: number; readonly concurrency: number },
): Promise<number> {
  const health = new URL('/health', endpointUrl);
  const brokerCpu = startCpuMeter(() => readProcessCpuMs(broker.pid));
  const result = await runLoad({
    ...load,
    task: async () => {
      const answer = await presentCard(health, card.context);
      if (answer.status !== 200) throw new Error(`the card endpoint's /health answered ${answer.status}`);
    },
  });
  const cpuMs = brokerCpu();
  if (result.failed > 0) throw new Error(`${result.failed} of ${load.total} handshakes with ${card.id} failed; ${describeFailures('handshake', result)[0]}`);
  return cpuMs / load.total;
}
