import { KeyObject, randomBytes, type webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

const EC = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 } as const;
const DAY = 86_400_000;

export interface IssuedKey {
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
}

export interface UserCertificateSpec {
  readonly commonName: string;
  readonly keyType?: 'ec' | 'rsa';
  readonly expired?: boolean;
  readonly keyUsage?: x509.KeyUsageFlags;
}

/**
 * A test CA that lives as long as the sandbox process: it issues the test users'
 * authentication certificates and publishes a CRL of the ones it revoked. Certificates
 * name `crlUrl` as their CRL distribution point, as the operators' CAs do.
 */
export async function createSandboxCa(name: string, crlUrl: string) {
  const keys = (await crypto.subtle.generateKey(EC, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: [{ CN: [name] }, { O: ['Portti sandbox'] }, { C: ['FI'] }],
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 3650 * DAY),
    keys,
    signingAlgorithm: EC,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const revoked: { serialNumber: string; revocationDate: Date }[] = [];

  return {
    certificate,
    pem: certificate.toString('pem'),
    async issue(spec: UserCertificateSpec): Promise<IssuedKey> {
      const algorithm = spec.keyType === 'rsa' ? RSA : EC;
      const user = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const issued = Date.now();
      const userCertificate = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: [{ CN: [spec.commonName] }, { C: ['FI'] }],
        issuer: certificate.subjectName,
        notBefore: new Date(issued - (spec.expired ? 400 : 1) * DAY),
        notAfter: new Date(issued + (spec.expired ? -30 : 730) * DAY),
        publicKey: user.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: EC,
        extensions: [
          new x509.KeyUsagesExtension(spec.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
          new x509.CRLDistributionPointsExtension([crlUrl]),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      return { certificate: userCertificate, privateKey: KeyObject.from(user.privateKey) };
    },
    revoke(cert: x509.X509Certificate): void {
      revoked.push({ serialNumber: cert.serialNumber, revocationDate: new Date(Date.now() - 60_000) });
    },
    /** A freshly signed CRL, valid for an hour. */
    async crl(): Promise<Buffer> {
      const thisUpdate = new Date(Date.now() - 60_000);
      const crl = await x509.X509CrlGenerator.create({
        issuer: certificate.subjectName,
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + 3_600_000),
        entries: revoked.map((entry) => ({ ...entry })),
        signingKey: keys.privateKey,
        signingAlgorithm: EC,
      });
      return Buffer.from(crl.rawData);
    },
  };
}

export type SandboxCa = Awaited<ReturnType<typeof createSandboxCa>>;

/** Positive, non-zero, 16 bytes of randomness, as CA/Browser practice has it. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
