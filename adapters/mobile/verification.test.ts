import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KeyUsageFlags } from '@peculiar/x509';
import { createSandboxCa, type SandboxCa } from './sandbox/sandbox-ca.ts';
import { createCmsSignature } from './sandbox/sign-cms.ts';
import { verifyCmsSignature } from './cms-signature.ts';
import { verifyChain } from './certificate-chain.ts';
import { createCrlCache } from './crl-cache.ts';

describe('mobile: verification Portti does itself', () => {
  const challenge = Buffer.from('a fresh challenge of thirty-two!');
  let server: http.Server;
  let base: string;
  let crlRequests = 0;
  let ca: SandboxCa;
  let other: SandboxCa;
  let serveCrlOf: () => SandboxCa;

  before(async () => {
    server = http.createServer((req, res) => {
      crlRequests += 1;
      if (req.url === '/missing.crl') return void res.writeHead(404).end();
      serveCrlOf().crl().then((crl) => res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(crl));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    ca = await createSandboxCa('Test Mobile CA', `${base}/ca.crl`);
    other = await createSandboxCa('Other CA', `${base}/other.crl`);
    serveCrlOf = () => ca;
  });
  after(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));

  describe('CMS signature', () => {
    it('accepts a signature over exactly the challenge, RSA and EC', async () => {
      for (const keyType of ['ec', 'rsa'] as const) {
        const user = await ca.issue({ commonName: `user ${keyType}`, keyType });
        const check = verifyCmsSignature(createCmsSignature(challenge, user), challenge);
        expect(check.ok, keyType).to.equal(true);
        if (check.ok) expect(check.signer.serialNumber).to.equal(user.certificate.serialNumber);
      }
    });

    it('refuses a signature over other data, a tampered signature, and bytes that are no CMS', async () => {
      const user = await ca.issue({ commonName: 'user' });
      expect(verifyCmsSignature(createCmsSignature(Buffer.from('other data'), user), challenge)).to.include({ ok: false, code: 'ERR_MOBILE_SIGNED_DATA_MISMATCH' });
      const signature = createCmsSignature(challenge, user);
      signature[signature.length - 5]! ^= 0xff;
      expect(verifyCmsSignature(signature, challenge)).to.include({ ok: false });
      expect(verifyCmsSignature(Buffer.from('not a signature'), challenge)).to.include({ ok: false, code: 'ERR_MOBILE_SIGNATURE_INVALID' });
    });

    it('refuses a signature made with another key than the certificate it carries', async () => {
      const user = await ca.issue({ commonName: 'user' });
      const impostor = await ca.issue({ commonName: 'impostor' });
      const forged = createCmsSignature(challenge, { certificate: user.certificate, privateKey: impostor.privateKey });
      expect(verifyCmsSignature(forged, challenge)).to.include({ ok: false, code: 'ERR_MOBILE_SIGNATURE_INVALID' });
    });
  });

  describe('certificate chain', () => {
    it('accepts a certificate of a trust anchor and refuses one of another CA', async () => {
      const user = await ca.issue({ commonName: 'user' });
      expect(await verifyChain(user.certificate, [], [ca.certificate], new Date())).to.include({ ok: true });
      const stranger = await other.issue({ commonName: 'stranger' });
      expect(await verifyChain(stranger.certificate, [other.certificate], [ca.certificate], new Date())).to.include({ ok: false, code: 'ERR_MOBILE_CERT_UNTRUSTED' });
    });

    it('refuses an expired certificate and one without the digitalSignature key usage', async () => {
      const expired = await ca.issue({ commonName: 'expired', expired: true });
      expect(await verifyChain(expired.certificate, [], [ca.certificate], new Date())).to.include({ ok: false, code: 'ERR_MOBILE_CERT_EXPIRED' });
      const encipherOnly = await ca.issue({ commonName: 'encipher', keyUsage: KeyUsageFlags.keyEncipherment });
      expect(await verifyChain(encipherOnly.certificate, [], [ca.certificate], new Date())).to.include({ ok: false, code: 'ERR_MOBILE_CERT_KEY_USAGE' });
    });
  });

  describe('CRL', () => {
    it('finds a revoked certificate, passes a good one, and fetches the CRL once while it is fresh', async () => {
      const good = await ca.issue({ commonName: 'good' });
      const revoked = await ca.issue({ commonName: 'revoked' });
      ca.revoke(revoked.certificate);
      const crls = createCrlCache({ fetchTimeoutMs: 2000, maxAgeSeconds: 600 });
      const before = crlRequests;
      expect(await crls.check(revoked.certificate, ca.certificate, new Date())).to.include({ ok: false, code: 'ERR_MOBILE_CERT_REVOKED' });
      expect(await crls.check(good.certificate, ca.certificate, new Date())).to.deep.equal({ ok: true });
      expect(crlRequests - before, 'CRL downloads').to.equal(1);
    });

    it('refuses (fails closed) when the CRL cannot be had or is not signed by the issuer', async () => {
      const missing = await createSandboxCa('Missing CRL CA', `${base}/missing.crl`);
      const user = await missing.issue({ commonName: 'user' });
      expect(await createCrlCache({ fetchTimeoutMs: 2000, maxAgeSeconds: 600 }).check(user.certificate, missing.certificate, new Date()))
        .to.include({ ok: false, code: 'ERR_MOBILE_CRL_UNAVAILABLE' });
      serveCrlOf = () => other;
      try {
        const victim = await ca.issue({ commonName: 'victim' });
        expect(await createCrlCache({ fetchTimeoutMs: 2000, maxAgeSeconds: 600 }).check(victim.certificate, ca.certificate, new Date()))
          .to.include({ ok: false, code: 'ERR_MOBILE_CRL_UNAVAILABLE' });
      } finally {
        serveCrlOf = () => ca;
      }
    });
  });
});
