/** A pending timer; cancelling one that already fired is harmless. */
export interface Timer {
  cancel(): void;
}

/** Node's timers overflow past ~24.8 days (a root CRL may be good for months), so long waits are chained. */
const MAX_DELAY = 2 ** 31 - 1;

/** Calls `fire` at the epoch time `at` (at once if that has passed), without keeping the process alive. */
export function timerAt(at: number, fire: () => void): Timer {
  let handle: NodeJS.Timeout;
  const arm = (): void => {
    const delay = at - Date.now();
    handle = setTimeout(delay > MAX_DELAY ? arm : fire, Math.min(Math.max(delay, 0), MAX_DELAY));
    handle.unref();
  };
  arm();
  return { cancel: () => clearTimeout(handle) };
}
