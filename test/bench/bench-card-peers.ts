import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { RunningSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import type { BenchChild } from './child-process.ts';

/**
 * What the broker needs from the sandbox card peers that they do not serve over HTTP (the
 * server TLS key above all): the sandbox process writes it to a file in the bench's temp
 * folder once the peers are up, and the bench system reads it to write the broker's config.
 */
export interface BenchCardPeerInfo {
  readonly url: string;
  /** Of every test card's PKCS#12. */
  readonly password: string;
  /** For the broker's card endpoint; `caPem` is what a client trusts it with. */
  readonly serverTls: { readonly certificate: string; readonly privateKey: string; readonly caPem: string };
  readonly trustAnchors: readonly string[];
  readonly intermediates: readonly string[];
  readonly crlUrls: readonly string[];
  readonly registerUrl: string;
}

const STARTUP_TIMEOUT_MS = 60_000;
const POLL_MS = 100;

/** Written under another name and renamed, so a reader never sees half a file. */
export function writeCardPeerInfo(path: string, peers: RunningSandboxCardPeers): void {
  const info: BenchCardPeerInfo = {
    url: peers.url,
    password: peers.password,
    serverTls: peers.serverTls,
    trustAnchors: peers.trustAnchors,
    intermediates: peers.intermediates,
    crlUrls: peers.crlUrls,
    registerUrl: peers.registerUrl,
  };
  writeFileSync(`${path}.partial`, JSON.stringify(info));
  renameSync(`${path}.partial`, path);
}

/** Waits for the sandbox process to write the file, failing fast when it exits first. */
export async function waitForCardPeerInfo(child: BenchChild, path: string): Promise<BenchCardPeerInfo> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!existsSync(path)) {
    if (child.hasExited()) throw new Error(`${child.name} exited (${await child.exited}) before the card peers were up`);
    if (Date.now() > deadline) throw new Error(`${child.name} did not start the card peers within ${STARTUP_TIMEOUT_MS / 1000} s`);
    await new Promise((resolveSleep) => setTimeout(resolveSleep, POLL_MS));
  }
  return JSON.parse(readFileSync(path, 'utf8')) as BenchCardPeerInfo;
}
