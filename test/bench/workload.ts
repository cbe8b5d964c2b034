import { runLoad, type LoadOptions } from './load-generator.ts';
import { describeFailures } from './stats.ts';

export interface WorkloadOptions {
  /** Units measured after the warm-up. */
  readonly count: number;
  readonly warmup: number;
  readonly concurrency: number;
  /** A file for the broker's CPU profile of the timed phase (its CPU figure then includes the profiler's cost). */
  readonly brokerCpuProfile?: string | undefined;
}

export interface WorkloadReport {
  /** The one summary line for stdout. */
  readonly line: string;
  /** Details for stderr: failures, targets, secondary figures. */
  readonly notes: readonly string[];
  readonly failed: boolean;
}

/**
 * Runs the warm-up (JIT, discovery caches, keep-alive sockets) and refuses to go on when
 * any of it failed: timing a broken system would only print a misleading figure.
 */
export async function warmUp(label: string, options: LoadOptions): Promise<void> {
  const result = await runLoad(options);
  if (result.failed > 0) {
    const [first] = describeFailures(label, result);
    throw new Error(`warm-up: ${result.failed} of ${result.total} ${label} failed; ${first}`);
  }
}

/** `met` or `MISSED` per target, for the notes. */
export function checkTargets(label: string, checks: readonly { readonly text: string; readonly met: boolean }[]): string {
  return `${label} targets: ${checks.map((c) => `${c.text} ${c.met ? 'met' : 'MISSED'}`).join(', ')}`;
}
