import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { freePort } from '../support/free-port.ts';
import { BENCH_ESERVICE_REGISTRATION } from './bench-eservice.ts';

export interface BenchConfig {
  readonly issuer: string;
  readonly bankIssuers: readonly string[];
  /** The PORTTI_CONFIG file both the broker and the sandbox-bank process load. */
  readonly path: string;
}

/**
 * Writes one PORTTI_CONFIG for the whole benchmark system: the broker on a free port with
 * a fresh SQLite file in `dir`, logging at warn, only the bench e-service registered, and
 * each bank upstream of config/default.json pointing at its sandbox bank on a free port.
 */
export async function writeBenchConfig(dir: string): Promise<BenchConfig> {
  const base = loadConfig({ env: {} });
  const brokerPort = await freePort();
  const issuer = `http://127.0.0.1:${brokerPort}`;
  const bankPorts = new Map<string, number>();
  for (const bank of base.sandbox.banks) bankPorts.set(bank.id, await freePort());
  const bankPort = (id: string) => {
    const port = bankPorts.get(id);
    if (port === undefined) throw new Error(`bank upstream ${id} has no sandbox bank in config/sandbox.json`);
    return port;
  };

  // startSandbox names each bank's issuer http://localhost:<port>.
  const bankIssuer = (id: string) => `http://localhost:${bankPort(id)}`;

  const document = {
    issuer,
    http: { host: '127.0.0.1', port: brokerPort },
    store: { kind: 'sqlite', sqlitePath: join(dir, 'portti.sqlite') },
    log: { level: 'warn' },
    eservices: [BENCH_ESERVICE_REGISTRATION],
    bank: { upstreams: base.bank.upstreams.map((u) => ({ ...u, issuer: bankIssuer(u.id) })) },
    sandbox: { banks: base.sandbox.banks.map((b) => ({ ...b, port: bankPort(b.id) })) },
  };
  const path = join(dir, 'portti-bench.json');
  writeFileSync(path, JSON.stringify(document, null, 2));
  return { issuer, bankIssuers: base.sandbox.banks.map((b) => bankIssuer(b.id)), path };
}
