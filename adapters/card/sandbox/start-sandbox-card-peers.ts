import http from 'node:http';
import { listen } from '../../../src/http/listen.ts';
import { obtainSandboxMaterial } from './sandbox-material.ts';
import type { SandboxServerTls } from './sandbox-tls.ts';
import { packageCard, type SandboxCard } from './sandbox-card.ts';
import { createRegisterRecords } from './sandbox-register.ts';
import { renderCardReadme } from './card-page.ts';
import { writeCardFiles } from './write-card-files.ts';
import { createCardPeerHandler } from './card-peer-routes.ts';
import type { CardId } from './test-cards.ts';

export type { CardId } from './test-cards.ts';
export type { SandboxCard } from './sandbox-card.ts';

export interface SandboxCardPeersOptions {
  readonly host: string;
  /** 0 picks an ephemeral port. */
  readonly port: number;
  /**
   * When given, `<id>.p12` per card, `ca/*.pem` and `README.txt` are written here, and
   * `sandbox-state.json` keeps the CAs, cards and TLS certificate for the next start.
   */
  readonly outputDir?: string;
  /** Of every `.p12`; shown on the sandbox page, so never a real secret. */
  readonly password: string;
  readonly log?: (event: Record<string, unknown>) => void;
}

export interface RunningSandboxCardPeers {
  /** Base URL: the page, /cards/, /crl/, /ca/, /register/. */
  readonly url: string;
  /** PEM of "Portti Sandbox Gov. Root CA" (not of the unknown foreign root). */
  readonly trustAnchors: readonly string[];
  /** PEM of the three sandbox issuing CAs (RSA, ECC, Revoked). */
  readonly intermediates: readonly string[];
  /** Every CRL this peer serves: the root's ARL first, then one per issuing CA. */
  readonly crlUrls: readonly string[];
  /** Base URL of the population register: POST `${registerUrl}/henkilotunnuskysely`. */
  readonly registerUrl: string;
  /** For Portti's card endpoint on localhost. */
  readonly serverTls: SandboxServerTls;
  readonly password: string;
  readonly cards: Readonly<Record<CardId, SandboxCard>>;
  /** True when the CAs, cards and TLS certificate are those a previous start saved in `outputDir`. */
  readonly restored: boolean;
  /** Tests: make every CRL URL answer 503 (false) or serve again (true). */
  setCrlAvailable(available: boolean): void;
  /** Tests: make the population register answer 503 (false) or answer again (true). */
  setRegisterAvailable(available: boolean): void;
  close(): Promise<void>;
}

/**
 * The sandbox peers of the citizen-certificate method: a test citizen CA hierarchy with
 * its CRLs, the population register that turns a SATU into a person, test cards as
 * PKCS#12 files, and a TLS server certificate for Portti's card endpoint. Everything is
 * generated at run time, so no key material lives in the repository; with `outputDir` it
 * is kept there across restarts, so what a person imported into a browser keeps working.
 */
export async function startSandboxCardPeers(options: SandboxCardPeersOptions): Promise<RunningSandboxCardPeers> {
  if (!options.password) throw new Error('startSandboxCardPeers: password must not be empty');
  const startedAt = Date.now();
  const log = (event: Record<string, unknown>) => options.log?.({ time: new Date().toISOString(), ...event });
  const server = http.createServer();
  let handle: ReturnType<typeof createCardPeerHandler> | undefined;
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!handle) return void res.writeHead(503, { 'retry-after': '1' }).end('starting');
    handle(req, res).catch((error: unknown) => {
      log({ event: 'sandbox card peer failed', error: (error as Error).message });
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' }).end('sandbox card peer failure');
    });
  });
  const port = await listen(server, options.port, options.host);
  const url = `http://${options.host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${port}`;

  const { ca, serverTls, restored } = await obtainSandboxMaterial({ crlBaseUrl: `${url}/crl`, outputDir: options.outputDir, log });
  const caPems = new Map([...[ca.root, ...ca.issuingCas].map((authority) => [fileName(authority.commonName), authority.pem] as const), ['portti-sandbox-tls-ca', serverTls.caPem] as const]);
  let cards = ca.cards.map((issued) => packageCard(issued, options.password));
  if (options.outputDir) {
    cards = await writeCardFiles(options.outputDir, cards, caPems, renderCardReadme(cards, options.password, url));
  }
  let crlAvailable = true;
  let registerAvailable = true;
  handle = createCardPeerHandler({
    baseUrl: url,
    password: options.password,
    ...(options.outputDir ? { outputDir: options.outputDir } : {}),
    cards,
    crls: ca.crls,
    caPems,
    tlsCaPem: serverTls.caPem,
    records: createRegisterRecords(ca.cards.map((issued) => issued.card)),
    crlAvailable: () => crlAvailable,
    registerAvailable: () => registerAvailable,
    log,
  });
  log({ event: 'sandbox card peers started', url, cards: cards.length, restored, startupMs: Date.now() - startedAt, ...(options.outputDir ? { outputDir: options.outputDir } : {}) });

  return {
    url,
    trustAnchors: Object.freeze([ca.root.pem]),
    intermediates: Object.freeze(ca.issuingCas.map((authority) => authority.pem)),
    crlUrls: Object.freeze([...ca.crls.keys()].map((name) => `${url}/crl/${name}.crl`)),
    registerUrl: `${url}/register`,
    serverTls,
    password: options.password,
    restored,
    cards: Object.freeze(Object.fromEntries(cards.map((card) => [card.id, card])) as Record<CardId, SandboxCard>),
    setCrlAvailable(available: boolean) {
      crlAvailable = available;
    },
    setRegisterAvailable(available: boolean) {
      registerAvailable = available;
    },
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** "Portti Sandbox Gov. Root CA" → "portti-sandbox-gov-root-ca". */
function fileName(commonName: string): string {
  return commonName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
