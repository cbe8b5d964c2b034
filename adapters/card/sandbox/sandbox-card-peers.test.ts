import { X509Certificate as NodeX509 } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as x509 from '@peculiar/x509';
import { parseHetu } from '../../../src/identity/hetu.ts';
import { parseSatu } from '../satu.ts';
import { startSandboxCardPeers, type CardId, type RunningSandboxCardPeers } from './start-sandbox-card-peers.ts';

const PASSWORD = 'sandbox-salasana';

/** What a TLS server trusting only the sandbox root says of the card the client presents. */
async function handshake(peers: RunningSandboxCardPeers, id: CardId): Promise<{ authorized: boolean; error: string | undefined }> {
  const server = tls.createServer({ cert: peers.serverTls.certificate, key: peers.serverTls.privateKey, ca: [...peers.trustAnchors], requestCert: true, rejectUnauthorized: false });
  const verdict = new Promise<{ authorized: boolean; error: string | undefined }>((resolve) => server.on('secureConnection', (socket) => {
    resolve({ authorized: socket.authorized, error: socket.authorizationError?.toString() });
    socket.end();
  }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const client = tls.connect({ host: '127.0.0.1', servername: 'localhost', port: (server.address() as AddressInfo).port, ca: peers.serverTls.caPem, pfx: peers.cards[id].pfx, passphrase: PASSWORD });
    client.on('error', () => { /* the server hangs up once it has its answer */ });
    return await verdict;
  } finally {
    server.close();
  }
}

const queryRegister = (peers: RunningSandboxCardPeers, body: string) =>
  fetch(`${peers.registerUrl}/henkilotunnuskysely`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

describe('sandbox card peers', () => {
  let peers: RunningSandboxCardPeers;
  let outputDir: string;
  let startupMs: number;

  before(async () => {
    outputDir = path.join(await mkdtemp(path.join(tmpdir(), 'card-peers-')), 'cards');
    const started = Date.now();
    peers = await startSandboxCardPeers({ host: '127.0.0.1', port: 0, password: PASSWORD, outputDir });
    startupMs = Date.now() - started;
  });
  after(async () => {
    await peers?.close();
    await rm(path.dirname(outputDir), { recursive: true, force: true });
  });

  it('starts in well under the time a test waits', () => {
    expect(startupMs).to.be.below(5000);
  });

  describe('CRLs', () => {
    const crlAt = async (url: string) => {
      const res = await fetch(url);
      expect(res.status, url).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('application/pkix-crl');
      return new x509.X509Crl(await res.arrayBuffer());
    };

    it('serves the root ARL and one current CRL per issuing CA, each signed by its CA', async () => {
      const signers = [...peers.trustAnchors, ...peers.intermediates].map((pem) => new x509.X509Certificate(pem));
      expect(peers.crlUrls).to.have.length(4);
      for (const [index, url] of peers.crlUrls.entries()) {
        const crl = await crlAt(url);
        expect(crl.issuer).to.equal(signers[index]!.subject);
        // The PublicKey, not the certificate: given a certificate, @peculiar/x509 verifies with the
        // algorithm that signed the certificate (ECDSA by the root) and fails for the RSA CA.
        expect(await crl.verify({ publicKey: signers[index]!.publicKey }), url).to.equal(true);
        expect(crl.thisUpdate.getTime()).to.be.below(Date.now());
        expect(crl.nextUpdate!.getTime()).to.be.above(Date.now() + 50 * 60_000);
      }
    });

    it('lists the revoked card in the RSA CA\'s CRL and the revoked CA in the root\'s ARL', async () => {
      const [arl, rsaCrl, eccCrl] = await Promise.all(peers.crlUrls.slice(0, 3).map(crlAt));
      const revoked = new x509.X509Certificate(peers.cards.revoked.certificatePem);
      const revokedCa = new x509.X509Certificate(peers.cards['revoked-ca'].chainPem);
      expect(rsaCrl!.findRevoked(revoked)).to.not.equal(null);
      expect(arl!.findRevoked(revokedCa)).to.not.equal(null);
      expect(rsaCrl!.findRevoked(new x509.X509Certificate(peers.cards['valid-rsa'].certificatePem))).to.equal(null);
      expect(eccCrl!.entries).to.have.length(0);
    });

    it('points each CA at the root ARL and each sandbox card at its issuing CA\'s CRL', () => {
      const distributionPoint = (pem: string) => new x509.X509Certificate(pem).getExtension(x509.CRLDistributionPointsExtension)?.distributionPoints[0]?.distributionPoint?.fullName?.[0]?.uniformResourceIdentifier;
      for (const pem of peers.intermediates) expect(distributionPoint(pem)).to.equal(peers.crlUrls[0]);
      for (const card of Object.values(peers.cards).filter((c) => c.id !== 'unknown-ca')) {
        expect(peers.crlUrls.slice(1)[peers.intermediates.indexOf(card.chainPem)]).to.equal(distributionPoint(card.certificatePem)).and.to.be.a('string');
      }
    });

    it('answers 503 while switched off, and serves again when switched back', async () => {
      peers.setCrlAvailable(false);
      expect((await fetch(peers.crlUrls[1]!)).status).to.equal(503);
      peers.setCrlAvailable(true);
      expect((await fetch(peers.crlUrls[1]!)).status).to.equal(200);
    });
  });

  describe('population register', () => {
    it('answers a known SATU with the person', async () => {
      const card = peers.cards['valid-rsa'];
      const res = await queryRegister(peers, JSON.stringify({ sahkoinenAsiointitunnus: card.satu }));
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ henkilotunnus: '131052-308T', etunimet: 'Maija Liisa', sukunimi: 'Meikäläinen', kuollut: false });
    });

    it('knows every card holder but unknown-satu, each with a valid hetu', async () => {
      for (const card of Object.values(peers.cards)) {
        const res = await queryRegister(peers, JSON.stringify({ sahkoinenAsiointitunnus: card.satu }));
        if (card.id === 'unknown-satu') {
          expect(res.status).to.equal(404);
          expect(await res.json()).to.deep.equal({ virhe: 'EI_LOYDY' });
        } else {
          expect(res.status, card.id).to.equal(200);
          const { henkilotunnus } = (await res.json()) as { henkilotunnus: string };
          expect(henkilotunnus).to.equal(card.hetu);
          expect(parseHetu(henkilotunnus).ok, henkilotunnus).to.equal(true);
        }
      }
    });

    for (const [label, body] of [['non-JSON', 'sahkoinenAsiointitunnus=99990001W'], ['a missing field', '{}'], ['a number', '{"sahkoinenAsiointitunnus":99990001}'], ['a malformed SATU', '{"sahkoinenAsiointitunnus":"1234"}'], ['over 4 KiB', JSON.stringify({ sahkoinenAsiointitunnus: '99990001W', pad: 'x'.repeat(5000) })]] as const) {
      it(`refuses ${label} with 400 VIRHEELLINEN_PYYNTO`, async () => {
        const res = await queryRegister(peers, body);
        expect(res.status).to.equal(400);
        expect(await res.json()).to.deep.equal({ virhe: 'VIRHEELLINEN_PYYNTO' });
      });
    }
  });

  describe('test cards', () => {
    it('has exactly the documented card ids', () => {
      expect(Object.keys(peers.cards).sort()).to.deep.equal(['expired', 'revoked', 'revoked-ca', 'unknown-ca', 'unknown-satu', 'valid-ecdsa', 'valid-rsa', 'wrong-key-usage']);
    });

    it('loads every card\'s PKCS#12 with the password', () => {
      for (const card of Object.values(peers.cards)) expect(() => tls.createSecureContext({ pfx: card.pfx, passphrase: PASSWORD }), card.id).not.to.throw();
    });

    it('carries a valid SATU and the names in the subject, the citizen-certificate way', () => {
      for (const card of Object.values(peers.cards)) expect(parseSatu(card.satu), card.satu).to.equal(card.satu);
      const certificate = new x509.X509Certificate(peers.cards['valid-rsa'].certificatePem);
      expect(certificate.subjectName.getField('2.5.4.5')).to.deep.equal(['99990001W']);
      expect(certificate.subjectName.getField('CN')).to.deep.equal(['MEIKÄLÄINEN MAIJA LIISA 99990001W']);
      expect(certificate.subjectName.getField('C')).to.deep.equal(['FI']);
      expect(certificate.publicKey.algorithm.name).to.equal('RSASSA-PKCS1-v1_5');
      expect(new x509.X509Certificate(peers.cards['valid-ecdsa'].certificatePem).publicKey.algorithm.name).to.equal('ECDSA');
    });

    it('gives digitalSignature and no extended key usage to every card but wrong-key-usage', () => {
      for (const card of Object.values(peers.cards)) {
        const certificate = new x509.X509Certificate(card.certificatePem);
        const usages = certificate.getExtension(x509.KeyUsagesExtension)!.usages;
        expect(Boolean(usages & x509.KeyUsageFlags.digitalSignature), card.id).to.equal(card.id !== 'wrong-key-usage');
        expect(certificate.getExtension(x509.ExtendedKeyUsageExtension), card.id).to.equal(null);
      }
    });

    it('has the expired card end 30 days ago', () => {
      const notAfter = new x509.X509Certificate(peers.cards.expired.certificatePem).notAfter.getTime();
      expect(notAfter).to.be.within(Date.now() - 31 * 86_400_000, Date.now() - 29 * 86_400_000);
    });

    it('verifies the valid cards up to the trust anchors in a TLS handshake, and not unknown-ca', async () => {
      expect(await handshake(peers, 'valid-rsa')).to.deep.equal({ authorized: true, error: undefined });
      expect(await handshake(peers, 'valid-ecdsa')).to.deep.equal({ authorized: true, error: undefined });
      expect((await handshake(peers, 'unknown-ca')).authorized).to.equal(false);
    });
  });

  it('gives the server certificate the localhost names', () => {
    expect(new NodeX509(peers.serverTls.certificate).subjectAltName).to.equal('DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1');
    expect(peers.trustAnchors.join()).not.to.include(peers.serverTls.caPem);
  });

  it('serves the page, the downloads and the TLS CA', async () => {
    const page = await (await fetch(peers.url)).text();
    expect(page).to.include('<html lang="en">');
    for (const id of Object.keys(peers.cards)) expect(page).to.include(`/cards/${id}.p12`);
    const download = await fetch(`${peers.url}/cards/valid-ecdsa.p12`);
    expect(download.headers.get('content-type')).to.equal('application/x-pkcs12');
    expect(download.headers.get('content-disposition')).to.match(/^attachment; filename=/);
    expect(Buffer.from(await download.arrayBuffer()).equals(peers.cards['valid-ecdsa'].pfx)).to.equal(true);
    expect(await (await fetch(`${peers.url}/tls-ca.pem`)).text()).to.equal(peers.serverTls.caPem);
  });

  it('writes the .p12 files, the CA certificates, a README and the state file to outputDir', async () => {
    expect((await readdir(outputDir)).sort()).to.deep.equal([...Object.keys(peers.cards).map((id) => `${id}.p12`), 'README.txt', 'ca', 'sandbox-state.json'].sort());
    expect(await readdir(path.join(outputDir, 'ca'))).to.include('portti-sandbox-gov-root-ca.pem');
    const card = peers.cards['valid-rsa'];
    expect(card.file).to.equal(path.join(outputDir, 'valid-rsa.p12'));
    expect((await readFile(card.file!)).equals(card.pfx)).to.equal(true);
    expect(await readFile(path.join(outputDir, 'README.txt'), 'utf8')).to.include(PASSWORD).and.include('99990001W');
  });
});
