import type { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { SandboxAuthority } from '../../sandbox-pki/sandbox-authority.ts';

const DAY = 86_400_000;

export interface CardHolder {
  readonly satu: string;
  /** All first names, space-separated. */
  readonly givenName: string;
  readonly surname: string;
}

export interface CardCertificateSpec {
  readonly holder: CardHolder;
  readonly publicKey: webcrypto.CryptoKey;
  readonly keyUsage: x509.KeyUsageFlags;
  /** Validity ended 30 days ago instead of running two years from now. */
  readonly expired?: boolean;
}

/**
 * The authentication certificate of a test eID card, in the citizen-certificate profile:
 * subject C=FI, serialNumber=SATU, givenName, surname and CN "SURNAME GIVEN SATU" in
 * capitals, a critical key usage and deliberately no extended key usage (the profile
 * discourages it, so Portti must not require clientAuth).
 */
export async function issueCardCertificate(ca: SandboxAuthority, spec: CardCertificateSpec): Promise<x509.X509Certificate> {
  const { satu, givenName, surname } = spec.holder;
  const now = Date.now();
  const [notBefore, notAfter] = spec.expired ? [now - 760 * DAY, now - 30 * DAY] : [now - DAY, now + 730 * DAY];
  return ca.issue({
    subject: [
      { C: ['FI'] },
      { '2.5.4.5': [satu] },
      { G: [givenName.toUpperCase()] },
      { SN: [surname.toUpperCase()] },
      { CN: [`${surname} ${givenName} ${satu}`.toUpperCase()] },
    ],
    publicKey: spec.publicKey,
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
    extensions: [
      new x509.KeyUsagesExtension(spec.keyUsage, true),
      await x509.SubjectKeyIdentifierExtension.create(spec.publicKey),
    ],
  });
}
