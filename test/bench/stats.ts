import type { LoadResult } from './load-generator.ts';

/** Nearest-rank percentile (0 < p <= 100) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(rank, 1)) - 1]!;
}

/** Successful units per second of wall-clock time. */
export function throughput(result: LoadResult): number {
  return result.succeeded / (result.elapsedMs / 1000);
}

/** `, ERRORS: 3 of 400 failed` when any unit failed, else nothing: a clean line keeps its exact shape. */
export function errorSuffix(label: string, result: LoadResult): string {
  return result.failed === 0 ? '' : `, ERRORS: ${result.failed} of ${result.total} ${label} failed`;
}

/** The first recorded failures, one line each, for stderr. */
export function describeFailures(label: string, result: LoadResult): string[] {
  return result.firstErrors.map((error) => `${label} failure: ${describeError(error)}`);
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}
