import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

export const PROFILE_START = 'cpu-profile:start';
export const PROFILE_STOP = 'cpu-profile:stop';

/**
 * Lets the benchmark profile exactly its timed phase (no start-up, no warm-up): on
 * PROFILE_START over the IPC channel the V8 sampling profiler starts, on PROFILE_STOP the
 * profile is written to `file` (Chrome DevTools / speedscope format). Each command is
 * acknowledged by sending it back.
 */
export function profileOnRequest(file: string): void {
  const session = new Session();
  session.connect();
  process.on('message', (message) => {
    const run = message === PROFILE_START ? start() : message === PROFILE_STOP ? stop() : undefined;
    run?.then(() => process.send?.(message), (error: unknown) => process.stderr.write(`cpu profile: ${String(error)}\n`));
  });

  async function start(): Promise<void> {
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }

  async function stop(): Promise<void> {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
  }
}
