import { KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { createAuthority } from '../../sandbox-pki/sandbox-authority.ts';
import { generateKeys } from '../../sandbox-pki/sandbox-keys.ts';

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
  const authority = await createAuthority({ commonName: name, kind: 'ec', keys: await generateKeys('ec'), crlUrl });
  return {
    certificate: authority.certificate,
    pem: authority.pem,
    async issue(spec: UserCertificateSpec): Promise<IssuedKey> {
      const user = await generateKeys(spec.keyType ?? 'ec');
      const issued = Date.now();
      const certificate = await authority.issue({
        subject: [{ CN: [spec.commonName] }, { C: ['FI'] }],
        notBefore: new Date(issued - (spec.expired ? 400 : 1) * DAY),
        notAfter: new Date(issued + (spec.expired ? -30 : 730) * DAY),
        publicKey: user.publicKey,
        extensions: [new x509.KeyUsagesExtension(spec.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true)],
      });
      return { certificate, privateKey: KeyObject.from(user.privateKey) };
    },
    revoke: (cert: x509.X509Certificate) => authority.revoke(cert),
    /** A freshly signed CRL, valid for an hour. */
    crl: () => authority.crl(),
  };
}

export type SandboxCa = Awaited<ReturnType<typeof createSandboxCa>>;
