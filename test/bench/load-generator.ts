export interface LoadOptions {
  readonly total: number;
  /** How many tasks are in flight at once. */
  readonly concurrency: number;
  /** One unit of work (a login flow, a token request); it throws when the unit failed. */
  readonly task: (index: number) => Promise<void>;
}

export interface LoadResult {
  readonly total: number;
  readonly succeeded: number;
  readonly failed: number;
  /** The first few failures, for the report. */
  readonly firstErrors: readonly unknown[];
  /** Latency of each successful task, in completion order. */
  readonly latenciesMs: readonly number[];
  readonly elapsedMs: number;
}

const KEPT_ERRORS = 3;

/**
 * Closed-loop load: `concurrency` workers each take the next index and run the task,
 * so exactly that many tasks are in flight until the fixed total is used up.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const firstErrors: unknown[] = [];
  let failed = 0;
  let next = 0;
  async function worker(): Promise<void> {
    while (next < options.total) {
      const index = next;
      next += 1;
      const started = performance.now();
      try {
        await options.task(index);
        latenciesMs.push(performance.now() - started);
      } catch (error) {
        failed += 1;
        if (firstErrors.length < KEPT_ERRORS) firstErrors.push(error);
      }
    }
  }
  const started = performance.now();
  const workers = Math.min(options.concurrency, options.total);
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return {
    total: options.total,
    succeeded: latenciesMs.length,
    failed,
    firstErrors,
    latenciesMs,
    elapsedMs: performance.now() - started,
  };
}

/** Several runs against one target as if they were one: counts and wall time add up. */
export function mergeLoadResults(results: readonly LoadResult[]): LoadResult {
  return {
    total: sum(results.map((r) => r.total)),
    succeeded: sum(results.map((r) => r.succeeded)),
    failed: sum(results.map((r) => r.failed)),
    firstErrors: results.flatMap((r) => r.firstErrors).slice(0, KEPT_ERRORS),
    latenciesMs: results.flatMap((r) => r.latenciesMs),
    elapsedMs: sum(results.map((r) => r.elapsedMs)),
  };
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
