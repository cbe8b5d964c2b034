import { randomBytes, type webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as x509 from '@peculiar/x509';

/** The key types of the real hierarchy: G4R cards and CA are RSA, G4E are ECDSA P-256. */
export type KeyKind = 'rsa' | 'ec';

const ALGORITHMS = {
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
} as const;
const DAY = 86_400_000;
const CRL_NUMBER = '2.5.29.20';

/** Runs off the main thread, so the sandbox generates all its keys at once. */
export async function generateKeys(kind: KeyKind): Promise<webcrypto.CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALGORITHMS[kind], true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

export interface IssueSpec {
  readonly subject: x509.JsonName;
  readonly publicKey: webcrypto.CryptoKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
}

export interface AuthoritySpec {
  readonly commonName: string;
  readonly kind: KeyKind;
  readonly keys: webcrypto.CryptoKeyPair;
  /** Where this CA publishes its CRL; certificates it issues name this URL. None for the TLS CA. */
  readonly crlUrl?: string;
  /** The issuing CA; a root when absent. */
  readonly parent?: SandboxAuthority;
}

export interface SandboxAuthority {
  readonly commonName: string;
  readonly kind: KeyKind;
  readonly certificate: x509.X509Certificate;
  readonly pem: string;
  readonly crlUrl: string | undefined;
  /** Signs a certificate; adds the authority key identifier and the CRL distribution point. */
  issue(spec: IssueSpec): Promise<x509.X509Certificate>;
  /** Puts a certificate this CA issued on its CRL. */
  revoke(certificate: x509.X509Certificate): void;
  /** A freshly signed DER CRL: thisUpdate a minute ago (clock skew), nextUpdate in an hour. */
  crl(): Promise<Buffer>;
}

/**
 * A CA of the sandbox hierarchies: issues certificates (each naming `crlUrl` as its CRL
 * distribution point, as the DVV CAs do) and signs a fresh CRL of what it revoked on
 * every request, so a verifier always finds a current list.
 */
export async function createAuthority(spec: AuthoritySpec): Promise<SandboxAuthority> {
  const subject: x509.JsonName = [{ C: ['FI'] }, { O: ['Portti Sandbox'] }, { CN: [spec.commonName] }];
  const signingAlgorithm = ALGORITHMS[spec.kind];
  const keyIdentifier = await x509.AuthorityKeyIdentifierExtension.create(spec.keys.publicKey);
  const revoked: x509.X509CrlEntryParams[] = [];
  let crlNumber = Math.floor(Date.now() / 1000);
  const caExtensions = async (pathLength: number | undefined) => [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(spec.keys.publicKey),
  ];
  const now = Date.now();
  const validity = { notBefore: new Date(now - 3 * 365 * DAY), notAfter: new Date(now + 10 * 365 * DAY) };
  const certificate = spec.parent
    ? await spec.parent.issue({ subject, publicKey: spec.keys.publicKey, ...validity, extensions: await caExtensions(0) })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: serial(), name: subject, keys: spec.keys, signingAlgorithm, ...validity, extensions: await caExtensions(undefined) });

  return {
    commonName: spec.commonName,
    kind: spec.kind,
    certificate,
    pem: certificate.toString('pem'),
    crlUrl: spec.crlUrl,
    async issue(issued: IssueSpec): Promise<x509.X509Certificate> {
      return x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: issued.subject,
        issuer: certificate.subjectName,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        publicKey: issued.publicKey,
        signingKey: spec.keys.privateKey,
        signingAlgorithm,
        extensions: [...issued.extensions, keyIdentifier, ...(spec.crlUrl ? [new x509.CRLDistributionPointsExtension([spec.crlUrl])] : [])],
      });
    },
    revoke(revokedCertificate: x509.X509Certificate): void {
      revoked.push({ serialNumber: revokedCertificate.serialNumber, revocationDate: new Date(Date.now() - 60_000), reason: x509.X509CrlReason.keyCompromise });
    },
    async crl(): Promise<Buffer> {
      const thisUpdate = new Date(Date.now() - 60_000);
      const crl = await x509.X509CrlGenerator.create({
        issuer: certificate.subjectName,
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + 3_600_000),
        entries: revoked.map((entry) => ({ ...entry })),
        extensions: [keyIdentifier, new x509.Extension(CRL_NUMBER, false, new asn1js.Integer({ value: crlNumber++ }).toBER())],
        signingKey: spec.keys.privateKey,
        signingAlgorithm,
      });
      return Buffer.from(crl.rawData);
    },
  };
}

/** Positive, non-zero, 16 random bytes, as the CA/Browser practice asks. */
function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
