import { startBenchSystem } from './bench-system.ts';
import { discoverBenchEservice } from './login-flow.ts';
import { fetchBenchCards, runCardFlow, type CardPresentation } from './card-flow.ts';
import { measureHandshakeCpu } from './card-handshakes.ts';
import { describeFailures, percentile } from './stats.ts';
import { runTimedFlows } from './timed-flows.ts';
import { warmUp, type WorkloadOptions, type WorkloadReport } from './workload.ts';

/**
 * Whole citizen-certificate logins, `concurrency` in flight, each with a full TLS handshake
 * presenting a client certificate at the broker's card endpoint (which runs in the broker
 * process, so the handshake counts in broker CPU); flows alternate the RSA and the ECDSA
 * card. The sandbox process serves the CRLs (loaded before timing) and the population register.
 */
export async function runCardWorkload(options: WorkloadOptions): Promise<WorkloadReport> {
  const system = await startBenchSystem({ withBanks: false, withCard: true, brokerCpuProfile: options.brokerCpuProfile });
  try {
    const { broker, banks, card } = system;
    if (!banks || !card) throw new Error('the card workload needs the sandbox process and its card peers');
    const eservice = await discoverBenchEservice(system.issuer);
    const cards = await fetchBenchCards(card.peers);
    let presentations: CardPresentation[] = [];
    const task = async (index: number) => {
      presentations.push(await runCardFlow(eservice, cards[index % cards.length]!));
    };
    // One flow alone first: a broken card set-up then fails with its own message, not 16 of them.
    await warmUp('card flows', { total: 1, concurrency: 1, task });
    await warmUp('card flows', { total: options.warmup, concurrency: options.concurrency, task });

    presentations = [];
    const { result, cpuPerFlow, line } = await runTimedFlows('card', system, banks, options, task);
    // After the timed phase, so the flows' figures are not disturbed by it.
    const handshakeCpu: string[] = [];
    for (const one of cards) {
      handshakeCpu.push(`${one.id} ${(await measureHandshakeCpu(broker, card.endpointUrl, one, { total: options.count, concurrency: options.concurrency })).toFixed(2)} ms`);
    }

    return {
      line,
      notes: [
        ...describeFailures('card', result),
        `card: ${result.succeeded} flows in ${(result.elapsedMs / 1000).toFixed(1)} s after ${options.warmup} warm-up flows, `
          + `cards ${cards.map((c) => c.id).join(' and ')} in turn, each a full ${describeTls(presentations)} handshake; `
          + `card endpoint leg (connect, handshake, GET) p50 ${Math.round(percentile(presentations.map((p) => p.ms), 50))} ms; `
          + `CPU/flow: sandbox (CRLs, register) ${cpuPerFlow.sandbox.toFixed(1)} ms, load generator ${cpuPerFlow.generator.toFixed(1)} ms`,
        `card: a handshake alone (GET /health presenting the card, ${options.count} per card, ${options.concurrency} at a time) `
          + `costs the broker ${handshakeCpu.join(', ')} CPU`,
      ],
      failed: result.failed > 0,
    };
  } finally {
    await system.close();
  }
}

/** `TLSv1.3 TLS_AES_256_GCM_SHA384`, or each combination seen with its count. */
function describeTls(presentations: readonly CardPresentation[]): string {
  const counts = new Map<string, number>();
  for (const { protocol, cipher } of presentations) counts.set(`${protocol} ${cipher}`, (counts.get(`${protocol} ${cipher}`) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0]!;
  return [...counts].map(([kind, count]) => `${kind} (${count})`).join(', ');
}
