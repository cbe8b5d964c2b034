import type { BenchChild } from './child-process.ts';

const STARTUP_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** Polls `url` until it answers 200, failing fast when the child serving it exits. */
export async function waitUntilUp(child: BenchChild, url: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.hasExited()) throw new Error(`${child.name} exited (${await child.exited}) before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolveSleep) => setTimeout(resolveSleep, POLL_MS));
  }
  throw new Error(`${child.name} did not answer ${url} within ${STARTUP_TIMEOUT_MS / 1000} s`);
}
