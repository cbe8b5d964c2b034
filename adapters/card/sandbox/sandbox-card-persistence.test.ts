import { X509Certificate as NodeX509 } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { expect } from 'chai';
import * as x509 from '@peculiar/x509';
import { startSandboxCardPeers, type RunningSandboxCardPeers } from './start-sandbox-card-peers.ts';
import { readSandboxState, SANDBOX_STATE_FILE, type SandboxState } from './sandbox-state.ts';
import { restoreSandboxCitizenCa } from './saved-citizen-ca.ts';
import { staleReason } from './stale-reason.ts';
import { TEST_CARDS } from './test-cards.ts';

const PASSWORD = 'sandbox-salasana';
const DAY = 86_400_000;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What a person who imported a card and the TLS CA depends on. */
function trustedMaterial(peers: RunningSandboxCardPeers) {
  return {
    trustAnchors: peers.trustAnchors,
    intermediates: peers.intermediates,
    tlsCa: peers.serverTls.caPem,
    tlsCertificate: peers.serverTls.certificate,
    tlsKey: peers.serverTls.privateKey,
    cards: Object.fromEntries(Object.values(peers.cards).map((card) => [card.id, new NodeX509(card.certificatePem).fingerprint256])),
  };
}

/** The certificate a TLS server sends when it takes its identity from `pfx`: proves the file holds the key too. */
async function certificateServedFrom(pfx: Buffer): Promise<Buffer> {
  const server = tls.createServer({ pfx, passphrase: PASSWORD }, (socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const socket = tls.connect({ host: '127.0.0.1', port: (server.address() as AddressInfo).port, rejectUnauthorized: false });
    await new Promise<void>((resolve, reject) => socket.once('secureConnect', resolve).once('error', reject));
    const raw = socket.getPeerCertificate().raw;
    socket.destroy();
    return raw;
  } finally {
    server.close();
  }
}

describe('sandbox card peers with an output directory', () => {
  let outputDir: string;
  let port: number;
  let events: Record<string, unknown>[];
  const start = (atPort = port) => startSandboxCardPeers({ host: '127.0.0.1', port: atPort, password: PASSWORD, outputDir, log: (event) => events.push(event) });
  const eventsNamed = (name: string) => events.filter((event) => event.event === name);

  before(async () => {
    outputDir = path.join(await mkdtemp(path.join(tmpdir(), 'card-persistence-')), 'sandbox-cards');
    port = await freePort();
  });
  beforeEach(() => {
    events = [];
  });
  after(async () => {
    await rm(path.dirname(outputDir), { recursive: true, force: true });
  });

  it('restores the same CAs, cards, TLS certificate and revocations after a restart', async () => {
    const first = await start();
    const firstMaterial = trustedMaterial(first);
    const firstPfx = await readFile(path.join(outputDir, 'valid-rsa.p12'));
    await first.close();
    expect(first.restored).to.equal(false);
    expect(eventsNamed('sandbox card material generated')[0]).to.include({ reason: 'no saved state' });

    const second = await start();
    try {
      expect(second.restored).to.equal(true);
      expect(eventsNamed('sandbox card peers started').at(-1)).to.include({ restored: true });
      expect(trustedMaterial(second)).to.deep.equal(firstMaterial);

      const signers = [...second.trustAnchors, ...second.intermediates].map((pem) => new x509.X509Certificate(pem));
      const crls = await Promise.all(second.crlUrls.map(async (url) => new x509.X509Crl(await (await fetch(url)).arrayBuffer())));
      for (const [index, crl] of crls.entries()) expect(await crl.verify({ publicKey: signers[index]!.publicKey }), second.crlUrls[index]).to.equal(true);
      expect(crls[1]!.findRevoked(new x509.X509Certificate(second.cards.revoked.certificatePem))).to.not.equal(null);
      expect(crls[0]!.findRevoked(new x509.X509Certificate(second.cards['revoked-ca'].chainPem))).to.not.equal(null);
      expect(crls[1]!.findRevoked(new x509.X509Certificate(second.cards['valid-rsa'].certificatePem))).to.equal(null);

      const served = await certificateServedFrom(firstPfx);
      expect(served.equals(new NodeX509(second.cards['valid-rsa'].certificatePem).raw)).to.equal(true);
    } finally {
      await second.close();
    }
  });

  it('generates new material, and saves it, when the peer moved to another address', async () => {
    const before = (await readSandboxState(outputDir))!;
    const moved = await start(await freePort());
    await moved.close();
    expect(moved.restored).to.equal(false);
    expect(moved.trustAnchors[0]).to.not.equal(before.citizenCa.authorities.root.certificate);
    expect(eventsNamed('sandbox card material generated')[0]?.reason).to.match(/^made for CRLs at /);
    expect((await readSandboxState(outputDir))!.crlBaseUrl).to.equal(`${moved.url}/crl`);
  });

  it('logs a corrupt state file and generates new material instead of failing', async () => {
    await writeFile(path.join(outputDir, SANDBOX_STATE_FILE), '{"version": 1, "crlBaseUrl": ');
    const peers = await start();
    await peers.close();
    expect(peers.restored).to.equal(false);
    expect(eventsNamed('sandbox card material generated')[0]).to.include({ reason: 'unusable state file' }).and.to.have.property('error').that.is.a('string');
    expect((await readSandboxState(outputDir))!.crlBaseUrl).to.equal(`${peers.url}/crl`);
  });

  describe('what it will not restore', () => {
    let state: SandboxState;
    before(async () => {
      state = (await readSandboxState(outputDir))!;
    });

    it('accepts the state it saved', () => {
      expect(staleReason(state, state.crlBaseUrl, TEST_CARDS)).to.equal(undefined);
    });

    it('refuses material with a certificate 30 days from expiry, but not because of the expired card', () => {
      const tlsExpiry = new x509.X509Certificate(state.tls.certificate).notAfter.getTime();
      expect(staleReason(state, state.crlBaseUrl, TEST_CARDS, tlsExpiry - 31 * DAY)).to.equal(undefined);
      expect(staleReason(state, state.crlBaseUrl, TEST_CARDS, tlsExpiry - 29 * DAY)).to.match(/CN=localhost" expires on /);
    });

    it('refuses material made for other test cards', () => {
      const renamed = TEST_CARDS.map((card) => card.id === 'valid-ecdsa' ? { ...card, givenName: 'Ville' } : card);
      expect(staleReason(state, state.crlBaseUrl, renamed)).to.equal('the test cards have changed');
      expect(staleReason(state, state.crlBaseUrl, TEST_CARDS.slice(1))).to.equal('the test cards have changed');
    });

    it('refuses a CA whose saved key is not its certificate\'s', async () => {
      const { rsa, ecc } = state.citizenCa.authorities;
      const swapped = { ...state.citizenCa, authorities: { ...state.citizenCa.authorities, ecc: { ...ecc, privateKey: rsa.privateKey } } };
      await restoreSandboxCitizenCa(state.citizenCa, state.crlBaseUrl);
      let error: unknown;
      await restoreSandboxCitizenCa(swapped, state.crlBaseUrl).catch((caught: unknown) => { error = caught; });
      expect((error as Error | undefined)?.message).to.match(/saved private key does not belong to/);
    });
  });
});
