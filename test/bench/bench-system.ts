import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../support/free-port.ts';
import { startChild, type BenchChild } from './child-process.ts';
import { cleanUpOnExit } from './exit-cleanup.ts';
import { brokerCardSections, brokerMobileSections, cardEndpointUrl, writeBenchConfig, writeBrokerConfig, type BrokerSections } from './bench-config.ts';
import { waitForCardPeerInfo, type BenchCardPeerInfo } from './bench-card-peers.ts';
import { PROFILE_START, PROFILE_STOP } from './cpu-profile-on-request.ts';
import { CARD_READY } from './card-ready-on-request.ts';
import { BENCH_ESERVICE } from './bench-eservice.ts';
import { waitUntilUp } from './wait-until-up.ts';

export interface BenchSystemOptions {
  /** The login workload needs the sandbox banks; the token workload does not. */
  readonly withBanks: boolean;
  /** The mobile workload: the sandbox process also runs the MSSP, and the broker uses it. */
  readonly withMobile?: boolean;
  /** The card workload: the sandbox process also runs the card peers, and the broker its card endpoint. */
  readonly withCard?: boolean;
  /** When set, the broker's CPU profile of the timed phase is written to this file. */
  readonly brokerCpuProfile?: string | undefined;
}

export interface BenchSystem {
  readonly issuer: string;
  readonly broker: BenchChild;
  /** Absent in a system started without banks. */
  readonly banks: BenchChild | undefined;
  /** With the card method: the sandbox card peers (test cards, the endpoint's TLS CA) and the card endpoint's URL. */
  readonly card: { readonly peers: BenchCardPeerInfo; readonly endpointUrl: string } | undefined;
  /** Runs the timed phase, with the broker's CPU profiler on around it when one was asked for. */
  timed<T>(run: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const entry = (name: string) => join(import.meta.dirname, name);

/**
 * Portti as deployed, in child processes: the broker (sandbox disabled in its process) on
 * a fresh SQLite file under the OS temp folder, and the sandbox banks in another process.
 * Resolves once /health and every bank's discovery answer (and with the card method, once
 * its endpoint listens and each of its CRLs has been fetched once); close() stops both and
 * removes the temp folder, also when start-up failed half way.
 */
export async function startBenchSystem(options: BenchSystemOptions): Promise<BenchSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'portti-bench-'));
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  const forgetDir = cleanUpOnExit(removeDir);
  const children: BenchChild[] = [];
  const close = async () => {
    await Promise.allSettled(children.map((child) => child.stop()));
    removeDir();
    forgetDir();
  };
  try {
    const config = await writeBenchConfig(dir);
    const env = { PORTTI_CONFIG: config.path };
    const profile = options.brokerCpuProfile;
    const withBanks = options.withBanks || options.withMobile === true || options.withCard === true;
    const cardInfoPath = join(dir, 'card-peers.json');
    const banks = withBanks
      ? startChild('banks', entry('sandbox-banks-entry.ts'), {
        env: {
          ...env,
          ...(options.withMobile ? { BENCH_MSSP_PORT: String(config.mssp.port) } : {}),
          ...(options.withCard ? { BENCH_CARD_PORT: String(config.card.peerPort), BENCH_CARD_INFO: cardInfoPath } : {}),
        },
      })
      : undefined;
    const ready: Promise<void>[] = [];
    if (banks) {
      children.push(banks);
      ready.push(...config.bankIssuers.map((issuer) => waitUntilUp(banks, `${issuer}/.well-known/openid-configuration`)));
    }
    // The broker must trust the CAs the sandbox MSSP and card peers generate at start-up, so it starts after them.
    let sections: BrokerSections = {};
    if (banks && options.withMobile) {
      await waitUntilUp(banks, `${config.mssp.url}/ca.pem`);
      const caPem = await (await fetch(`${config.mssp.url}/ca.pem`)).text();
      sections = { ...sections, ...brokerMobileSections(config, caPem) };
    }
    const cardPeers = banks && options.withCard ? await waitForCardPeerInfo(banks, cardInfoPath) : undefined;
    if (cardPeers) sections = { ...sections, ...brokerCardSections(config, cardPeers) };
    const brokerConfigPath = Object.keys(sections).length > 0 ? writeBrokerConfig(config, sections) : config.path;
    const broker = startChild('broker', entry('broker-entry.ts'), {
      env: { PORTTI_CONFIG: brokerConfigPath, PORTTI__SANDBOX__ENABLED: 'false', ...(profile ? { BENCH_CPU_PROFILE_FILE: profile } : {}) },
    });
    children.push(broker);
    ready.push(waitUntilUp(broker, `${config.issuer}/health`));
    await Promise.all(ready);
    // The card endpoint starts, and the CRLs load, after /health already answers.
    if (cardPeers) await broker.command(CARD_READY);
    const timed = async <T>(run: () => Promise<T>): Promise<T> => {
      if (!profile) return run();
      await broker.command(PROFILE_START);
      try {
        return await run();
      } finally {
        await broker.command(PROFILE_STOP);
      }
    };
    const card = cardPeers ? { peers: cardPeers, endpointUrl: cardEndpointUrl(config) } : undefined;
    return { issuer: config.issuer, broker, banks, card, timed, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export interface BareProvider {
  readonly issuer: string;
  readonly pid: number;
  close(): Promise<void>;
}

/** The bare oidc-provider baseline in its own process, with the bench e-service as its client. */
export async function startBareProvider(): Promise<BareProvider> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const child = startChild('bare-provider', entry('bare-provider-entry.ts'), {
    env: {
      BENCH_BARE_PORT: String(port),
      BENCH_CLIENT_ID: BENCH_ESERVICE.clientId,
      BENCH_CLIENT_SECRET: BENCH_ESERVICE.secret,
    },
  });
  try {
    await waitUntilUp(child, `${issuer}/.well-known/openid-configuration`);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { issuer, pid: child.pid, close: () => child.stop() };
}
