import { KeyObject, type webcrypto } from 'node:crypto';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import * as x509 from '@peculiar/x509';
import { writePkcs12 } from './pkcs12.ts';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const PASSWORD = 'testi-salasana-ä';

interface Issued { readonly certificate: x509.X509Certificate; readonly privateKey: KeyObject }

async function selfSignedCa(): Promise<Issued & { readonly keys: webcrypto.CryptoKeyPair }> {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01', name: 'CN=PKCS12 Test CA', keys, signingAlgorithm: EC,
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000),
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign, true)],
  });
  return { certificate, privateKey: KeyObject.from(keys.privateKey), keys };
}

async function leaf(ca: Awaited<ReturnType<typeof selfSignedCa>>, algorithm: typeof EC | typeof RSA, commonName: string, extensions: x509.Extension[] = []): Promise<Issued> {
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: String(Date.now()), subject: `CN=${commonName}`, issuer: ca.certificate.subject, publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey, signingAlgorithm: EC,
    notBefore: new Date(Date.now() - 60_000), notAfter: new Date(Date.now() + 86_400_000), extensions,
  });
  return { certificate, privateKey: KeyObject.from(keys.privateKey) };
}

/** Starts a TLS server that asks for a client certificate and resolves with the DER it got. */
async function clientCertificateSeenByServer(server: Issued, ca: x509.X509Certificate, clientPfx: Buffer): Promise<Buffer> {
  const listener = tls.createServer({
    pfx: writePkcs12({ ...server, chain: [], password: PASSWORD, friendlyName: 'server' }),
    passphrase: PASSWORD,
    requestCert: true,
    rejectUnauthorized: false,
  });
  const received = new Promise<Buffer>((resolve) => {
    listener.on('secureConnection', (socket) => {
      resolve(socket.getPeerCertificate().raw);
      socket.end();
    });
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  try {
    const socket = tls.connect({
      host: '127.0.0.1', port: (listener.address() as AddressInfo).port, servername: 'localhost',
      ca: ca.toString('pem'), pfx: clientPfx, passphrase: PASSWORD,
    });
    socket.on('error', () => { /* the server closes first; only the certificate matters */ });
    return await received;
  } finally {
    listener.close();
  }
}

describe('writePkcs12', () => {
  let ca: Awaited<ReturnType<typeof selfSignedCa>>;
  let server: Issued;

  before(async () => {
    ca = await selfSignedCa();
    server = await leaf(ca, EC, 'localhost', [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }])]);
  });

  for (const [label, algorithm] of [['RSA', RSA], ['ECDSA', EC]] as const) {
    describe(`with an ${label} key`, () => {
      let card: Issued;
      let pfx: Buffer;

      before(async () => {
        card = await leaf(ca, algorithm, `MEIKÄLÄINEN MAIJA ${label}`);
        pfx = writePkcs12({ ...card, chain: [ca.certificate], password: PASSWORD, friendlyName: 'Maija Meikäläinen' });
      });

      it('is accepted by OpenSSL with the password (the MAC verifies)', () => {
        expect(() => tls.createSecureContext({ pfx, passphrase: PASSWORD })).not.to.throw();
      });

      it('is refused with a wrong password', () => {
        expect(() => tls.createSecureContext({ pfx, passphrase: 'väärä' })).to.throw(/mac verify failure/i);
      });

      it('presents exactly its certificate as a TLS client certificate', async () => {
        const seen = await clientCertificateSeenByServer(server, ca.certificate, pfx);
        expect(seen.equals(Buffer.from(card.certificate.rawData))).to.equal(true);
      });
    });
  }

  it('uses a fresh MAC salt for every file', async () => {
    const card = await leaf(ca, EC, 'SALT TEST');
    const first = writePkcs12({ ...card, chain: [], password: PASSWORD, friendlyName: 'a' });
    const second = writePkcs12({ ...card, chain: [], password: PASSWORD, friendlyName: 'a' });
    expect(first.equals(second)).to.equal(false);
  });
});
