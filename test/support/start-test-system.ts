import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { deepMerge, loadConfig } from '../../src/config/load-config.ts';
import type { BankUpstreamConfig, Config } from '../../src/config/schema.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startBroker, type RunningBroker } from '../../src/broker.ts';
import { startSandboxBank, type RunningSandboxBank } from '../../adapters/bank/sandbox/start-sandbox-bank.ts';
import { freePort } from './free-port.ts';
import { createTestEservices } from './test-eservices.ts';

export interface TestSystem {
  readonly issuer: string;
  readonly config: Readonly<Config>;
  readonly banks: readonly RunningSandboxBank[];
  broker: RunningBroker;
  /** Every JSON log line the broker wrote. */
  readonly logs: Record<string, unknown>[];
  readonly eservices: Awaited<ReturnType<typeof createTestEservices>>;
  /** Stops and starts the broker on the same store and port, as a deploy or crash would. */
  restartBroker(): Promise<void>;
  close(): Promise<void>;
}

/** A bank upstream as written in config; `scope` and `cancelErrors` take their defaults. */
export type ExtraUpstream = Omit<BankUpstreamConfig, 'scope' | 'cancelErrors'> & Partial<Pick<BankUpstreamConfig, 'scope' | 'cancelErrors'>>;

const CONFIG_DIR = resolve(import.meta.dirname, '../../config');

/**
 * The whole system on loopback: the sandbox banks from config/sandbox.json on ephemeral
 * ports, and a broker on a fresh SQLite file wired to them, with the test e-services.
 * `extraUpstreams` are appended to the sandbox banks' upstreams (the caller runs and closes
 * those banks); every other key overrides the config.
 */
export async function startTestSystem(
  overrides: Record<string, unknown> & { readonly extraUpstreams?: readonly ExtraUpstream[] } = {},
): Promise<TestSystem> {
  const { extraUpstreams = [], ...configOverrides } = overrides;
  const dir = mkdtempSync(join(tmpdir(), 'portti-test-'));
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const sandbox = JSON.parse(readFileSync(join(CONFIG_DIR, 'sandbox.json'), 'utf8')) as Config['sandbox'];
  const banks = await Promise.all(sandbox.banks.map((bank) => startSandboxBank({
    ...bank,
    host: '127.0.0.1',
    port: 0,
    client: { clientId: 'portti', jwksUri: `${issuer}/upstream/jwks`, redirectUris: [`${issuer}/interaction/callback/bank`] },
  })));
  const defaults = JSON.parse(readFileSync(join(CONFIG_DIR, 'default.json'), 'utf8')) as Config;
  const upstreams = [
    ...defaults.bank.upstreams.map((u) => ({ ...u, issuer: banks[sandbox.banks.findIndex((b) => b.id === u.id)]!.issuer })),
    ...extraUpstreams,
  ];
  const eservices = await createTestEservices();
  const config = loadConfig({
    configDir: CONFIG_DIR,
    env: {},
    overrides: deepMerge({
      issuer,
      http: { host: '127.0.0.1', port },
      store: { kind: 'sqlite', sqlitePath: join(dir, 'portti.sqlite') },
      log: { level: 'info' },
      bank: { upstreams },
      eservices: eservices.registry,
    }, configOverrides),
  });
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', (line) => logs.push(JSON.parse(line) as Record<string, unknown>));

  const system: TestSystem = {
    issuer,
    config,
    banks,
    logs,
    eservices,
    broker: await startBroker(config, logger),
    async restartBroker() {
      await system.broker.close();
      // Let this process's fetch pool see the closed keep-alive sockets before reusing them.
      await new Promise((resolve) => setTimeout(resolve, 50));
      system.broker = await startBroker(config, logger);
    },
    async close() {
      await system.broker.close();
      await Promise.all(banks.map((b) => b.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return system;
}
