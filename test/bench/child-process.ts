import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { cleanUpOnExit } from './exit-cleanup.ts';

/** A Node process the benchmark started; it is stopped on every exit path. */
export interface BenchChild {
  readonly name: string;
  readonly pid: number;
  /** Settles with how the process ended (`code 0`, `signal SIGKILL`). */
  readonly exited: Promise<string>;
  readonly hasExited: () => boolean;
  /** Sends a command over the IPC channel and resolves when the child sends it back. */
  command(message: string): Promise<void>;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** Variables added to the parent's environment (minus any PORTTI* of the caller's shell). */
  readonly env: Record<string, string>;
}

const REPO_ROOT = resolve(import.meta.dirname, '../..');
const STOP_GRACE_MS = 10_000;
const running = new Set<ChildProcess>();

// Last resort: whatever path the benchmark leaves by, no child outlives it.
cleanUpOnExit(() => killAllChildren());

/**
 * Runs `node --import tsx <entry>` from the repository root. The node process itself is
 * the child (no npx or tsx wrapper), so its pid is the one whose CPU time we read. The IPC
 * channel lets an entry notice that the benchmark died and exit by itself.
 */
export function startChild(name: string, entry: string, options: ChildOptions): BenchChild {
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: REPO_ROOT,
    env: { ...inheritedEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  if (child.pid === undefined) throw new Error(`${name} could not be started (${process.execPath})`);
  running.add(child);
  forwardLines(name, child);
  child.on('error', (error) => process.stderr.write(`[${name}] ${error.message}\n`));
  const exited = new Promise<string>((resolveExit) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolveExit(signal ? `signal ${signal}` : `code ${code}`);
    });
  });
  const hasExited = () => child.exitCode !== null || child.signalCode !== null;
  return {
    name,
    pid: child.pid,
    exited,
    hasExited,
    command(message) {
      return new Promise((resolveCommand, reject) => {
        const onMessage = (reply: unknown) => {
          if (reply !== message) return;
          child.off('message', onMessage);
          resolveCommand();
        };
        child.on('message', onMessage);
        child.send(message, (error) => error && reject(error));
        exited.then((how) => reject(new Error(`${name} exited (${how}) before acknowledging ${message}`)));
      });
    },
    async stop() {
      if (hasExited()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

function killAllChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

// The caller's PORTTI* variables would silently change the broker under test.
function inheritedEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env)
    .filter((entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('PORTTI')));
}

// Children's output goes to our stderr: stdout carries only the summary lines.
function forwardLines(name: string, child: ChildProcess): void {
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (line) => process.stderr.write(`[${name}] ${line}\n`));
  }
}
