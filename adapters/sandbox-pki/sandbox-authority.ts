import type { webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as x509 from '@peculiar/x509';
import { ALGORITHMS, exportPrivateKey, importKeyPair, randomSerial, type KeyKind } from './sandbox-keys.ts';

const DAY = 86_400_000;
const CRL_NUMBER = '2.5.29.20';

export interface IssueSpec {
  readonly subject: x509.JsonName;
  readonly publicKey: webcrypto.CryptoKey;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly extensions: readonly x509.Extension[];
}

/** What a CA is, apart from its keys: the same whether generated or restored. */
export interface AuthorityIdentity {
  readonly commonName: string;
  readonly kind: KeyKind;
  /** Where this CA publishes its CRL; certificates it issues name this URL. None for the TLS CA. */
  readonly crlUrl?: string;
}

export interface AuthoritySpec extends AuthorityIdentity {
  readonly keys: webcrypto.CryptoKeyPair;
  /** The issuing CA; a root when absent. */
  readonly parent?: SandboxAuthority;
}

/** A CA as the sandbox state file keeps it: PEM certificate, unencrypted PKCS#8 key, revocations. */
export interface SavedAuthority {
  readonly certificate: string;
  readonly privateKey: string;
  readonly revoked: readonly { readonly serialNumber: string; readonly revocationDate: string }[];
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
  /** What a restart needs to go on signing with the same key and revoking the same certificates. */
  save(): SavedAuthority;
}

interface Revocation { readonly serialNumber: string; readonly revocationDate: Date }

/**
 * A new CA of the sandbox peers' test hierarchies (the citizen CA, the mobile operators'
 * CA): issues certificates (each naming `crlUrl` as its CRL distribution point, as the
 * real CAs do) and signs a fresh CRL of what it revoked on
 * every request, so a verifier always finds a current list.
 */
export async function createAuthority(spec: AuthoritySpec): Promise<SandboxAuthority> {
  const subject: x509.JsonName = [{ C: ['FI'] }, { O: ['Portti Sandbox'] }, { CN: [spec.commonName] }];
  const caExtensions = async (pathLength: number | undefined) => [
    new x509.BasicConstraintsExtension(true, pathLength, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
    await x509.SubjectKeyIdentifierExtension.create(spec.keys.publicKey),
  ];
  const now = Date.now();
  const validity = { notBefore: new Date(now - 3 * 365 * DAY), notAfter: new Date(now + 10 * 365 * DAY) };
  const certificate = spec.parent
    ? await spec.parent.issue({ subject, publicKey: spec.keys.publicKey, ...validity, extensions: await caExtensions(0) })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber: randomSerial(), name: subject, keys: spec.keys, signingAlgorithm: ALGORITHMS[spec.kind], ...validity, extensions: await caExtensions(undefined) });
  return authorityOf(spec, spec.keys, certificate, []);
}

/**
 * A CA from the sandbox state file, with the certificate, key and revocations it had, so
 * certificates imported before a restart still chain to it. Throws when the saved CA is
 * not the one named, its key is not its certificate's, or `parent` did not sign it.
 */
export async function restoreAuthority(identity: AuthorityIdentity, saved: SavedAuthority, parent?: SandboxAuthority): Promise<SandboxAuthority> {
  const certificate = new x509.X509Certificate(saved.certificate);
  if (certificate.subjectName.getField('CN')[0] !== identity.commonName) throw new Error(`the saved certificate is not "${identity.commonName}"`);
  const signer = parent?.certificate ?? certificate;
  if (!(await certificate.verify({ publicKey: signer.publicKey, signatureOnly: true }))) throw new Error(`"${identity.commonName}" is not signed by "${signer.subject}"`);
  const keys = await importKeyPair(identity.kind, certificate, saved.privateKey);
  return authorityOf(identity, keys, certificate, saved.revoked.map((entry) => ({ serialNumber: entry.serialNumber, revocationDate: new Date(entry.revocationDate) })));
}

async function authorityOf(identity: AuthorityIdentity, keys: webcrypto.CryptoKeyPair, certificate: x509.X509Certificate, revoked: Revocation[]): Promise<SandboxAuthority> {
  const signingAlgorithm = ALGORITHMS[identity.kind];
  const keyIdentifier = await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey);
  // Seconds since the epoch: grows across restarts too, as RFC 5280 asks of CRL numbers.
  let crlNumber = Math.floor(Date.now() / 1000);
  return {
    commonName: identity.commonName,
    kind: identity.kind,
    certificate,
    pem: certificate.toString('pem'),
    crlUrl: identity.crlUrl,
    async issue(issued: IssueSpec): Promise<x509.X509Certificate> {
      return x509.X509CertificateGenerator.create({
        serialNumber: randomSerial(),
        subject: issued.subject,
        issuer: certificate.subjectName,
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
        publicKey: issued.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm,
        extensions: [...issued.extensions, keyIdentifier, ...(identity.crlUrl ? [new x509.CRLDistributionPointsExtension([identity.crlUrl])] : [])],
      });
    },
    revoke(revokedCertificate: x509.X509Certificate): void {
      revoked.push({ serialNumber: revokedCertificate.serialNumber, revocationDate: new Date(Date.now() - 60_000) });
    },
    async crl(): Promise<Buffer> {
      const thisUpdate = new Date(Date.now() - 60_000);
      const crl = await x509.X509CrlGenerator.create({
        issuer: certificate.subjectName,
        thisUpdate,
        nextUpdate: new Date(thisUpdate.getTime() + 3_600_000),
        entries: revoked.map((entry) => ({ ...entry, reason: x509.X509CrlReason.keyCompromise })),
        extensions: [keyIdentifier, new x509.Extension(CRL_NUMBER, false, new asn1js.Integer({ value: crlNumber++ }).toBER())],
        signingKey: keys.privateKey,
        signingAlgorithm,
      });
      return Buffer.from(crl.rawData);
    },
    save(): SavedAuthority {
      return {
        certificate: certificate.toString('pem'),
        privateKey: exportPrivateKey(keys.privateKey),
        revoked: revoked.map((entry) => ({ serialNumber: entry.serialNumber, revocationDate: entry.revocationDate.toISOString() })),
      };
    },
  };
}
