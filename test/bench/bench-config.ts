import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { freePort } from '../support/free-port.ts';
import { BENCH_ESERVICE_REGISTRATION } from './bench-eservice.ts';
import type { BenchCardPeerInfo } from './bench-card-peers.ts';

export interface BenchConfig {
  readonly issuer: string;
  readonly bankIssuers: readonly string[];
  /** The PORTTI_CONFIG file both the broker and the sandbox-bank process load. */
  readonly path: string;
  /** The sandbox MSSP's port and base URL (the sandbox process serves it when asked to). */
  readonly mssp: { readonly port: number; readonly url: string };
  /** The sandbox card peers' port (the sandbox process serves them when asked to) and the broker's card endpoint port. */
  readonly card: { readonly peerPort: number; readonly endpointPort: number };
}

/** Top-level sections the broker's config adds to the bench config, one workload's worth each. */
export type BrokerSections = Record<string, unknown>;

/** The broker's PORTTI_CONFIG: the bench config with `sections` replacing its top-level keys. */
export function writeBrokerConfig(config: BenchConfig, sections: BrokerSections): string {
  const document = { ...(JSON.parse(readFileSync(config.path, 'utf8')) as Record<string, unknown>), ...sections };
  const path = join(dirname(config.path), 'portti-bench-broker.json');
  writeFileSync(path, JSON.stringify(document, null, 2));
  return path;
}

/**
 * The broker's mobile section for the mobile workload: the mobile method against the
 * sandbox MSSP, trusting the CA it generated, with MSSP polling as fast as the waiting
 * page's script allows and the per-number throttle as loose as the schema allows.
 */
export function brokerMobileSections(config: BenchConfig, caPem: string): BrokerSections {
  const base = loadConfig({ env: {} });
  const mobile = {
    enabled: true,
    mssp: { url: `${config.mssp.url}/mss`, apId: base.sandbox.mobile.apId, apPwd: base.sandbox.mobile.apPwd },
    trustAnchors: [caPem],
    // firstDelayMs 0 would let the waiting page itself (which also advances the transaction)
    // finish the login, and the JSON status would never be asked; one browser interval keeps
    // the page's script in the flow: its first status request is the one that polls the MSSP.
    polling: { firstDelayMs: BENCH_BROWSER_POLL_MS, intervalMs: 0, browserIntervalMs: BENCH_BROWSER_POLL_MS },
    attempts: { max: 100, perAddressMax: 100_000, windowSeconds: 1 },
  };
  return { mobile };
}

/**
 * The broker's sections for the card workload: the card endpoint as https on its own port
 * with the sandbox server certificate, the sandbox citizen CA, its CRLs and population
 * register; and the bench e-service allowed the `satu` scope a card login asks for.
 * The sandbox CRLs say nextUpdate in an hour, so the default refresh margin (an hour)
 * would fetch and parse them again every 10 s, in the timed phase too: 5 minutes does not.
 */
export function brokerCardSections(config: BenchConfig, peers: BenchCardPeerInfo): BrokerSections {
  const port = config.card.endpointPort;
  const card = {
    enabled: true,
    publicUrl: cardEndpointUrl(config),
    endpoint: { mode: 'tls', host: '127.0.0.1', port, certificate: peers.serverTls.certificate, privateKey: peers.serverTls.privateKey },
    trustAnchors: [...peers.trustAnchors],
    issuingCas: [...peers.intermediates],
    crl: { sources: [...peers.crlUrls], refreshMarginSeconds: 300 },
    populationRegister: { url: peers.registerUrl },
  };
  const eservice = { ...BENCH_ESERVICE_REGISTRATION, permissions: { ...BENCH_ESERVICE_REGISTRATION.permissions, satu: true } };
  return { card, eservices: [eservice] };
}

/** The card endpoint's public URL: `localhost`, the name in the sandbox server certificate. */
export function cardEndpointUrl(config: BenchConfig): string {
  return `https://localhost:${config.card.endpointPort}`;
}

/** The waiting page's poll interval in the mobile workload: the schema's minimum. */
export const BENCH_BROWSER_POLL_MS = 100;

/**
 * Writes one PORTTI_CONFIG for the whole benchmark system: the broker on a free port with
 * a fresh SQLite file in `dir`, logging at warn, only the bench e-service registered, and
 * each bank upstream of config/default.json pointing at its sandbox bank on a free port.
 */
export async function writeBenchConfig(dir: string): Promise<BenchConfig> {
  const base = loadConfig({ env: {} });
  const brokerPort = await freePort();
  const issuer = `http://127.0.0.1:${brokerPort}`;
  const msspPort = await freePort();
  const cardPeerPort = await freePort();
  const cardEndpointPort = await freePort();
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
    sandbox: {
      banks: base.sandbox.banks.map((b) => ({ ...b, port: bankPort(b.id) })),
      // Started by the bench's sandbox entry (with extra phones) when BENCH_MSSP_PORT is set; phones answer at once.
      mobile: { ...base.sandbox.mobile, enabled: false, port: msspPort, answerDelayMs: 0 },
      // Started by the bench's sandbox entry when BENCH_CARD_PORT is set; never on the development ports.
      card: { ...base.sandbox.card, enabled: false, port: cardPeerPort, endpointPort: cardEndpointPort },
    },
  };
  const path = join(dir, 'portti-bench.json');
  writeFileSync(path, JSON.stringify(document, null, 2));
  return {
    issuer,
    bankIssuers: base.sandbox.banks.map((b) => bankIssuer(b.id)),
    path,
    mssp: { port: msspPort, url: `http://127.0.0.1:${msspPort}` },
    card: { peerPort: cardPeerPort, endpointPort: cardEndpointPort },
  };
}
