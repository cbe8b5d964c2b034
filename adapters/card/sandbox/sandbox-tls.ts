import { KeyObject } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { createAuthority, generateKeys } from './sandbox-authority.ts';

const DAY = 86_400_000;

/** PEMs for Portti's card endpoint (HTTPS that asks for the client certificate). */
export interface SandboxServerTls {
  readonly certificate: string;
  /** Unencrypted PKCS#8. */
  readonly privateKey: string;
  /** "Portti Sandbox TLS CA", for test clients and for a person who wants no browser warning. */
  readonly caPem: string;
}

/**
 * A server certificate for localhost (DNS:localhost, IP:127.0.0.1, IP:::1) from a TLS CA of
 * its own: the citizen roots must never vouch for a server, and a person who imports this
 * CA to silence the browser warning trusts nothing else with it. Validity under 398 days,
 * the most browsers accept for a server certificate.
 */
export async function createSandboxServerTls(): Promise<SandboxServerTls> {
  const [caKeys, serverKeys] = await Promise.all([generateKeys('ec'), generateKeys('ec')]);
  const ca = await createAuthority({ commonName: 'Portti Sandbox TLS CA', kind: 'ec', keys: caKeys });
  const now = Date.now();
  const certificate = await ca.issue({
    subject: [{ C: ['FI'] }, { O: ['Portti Sandbox'] }, { CN: ['localhost'] }],
    publicKey: serverKeys.publicKey,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 397 * DAY),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }, { type: 'ip', value: '::1' }]),
      await x509.SubjectKeyIdentifierExtension.create(serverKeys.publicKey),
    ],
  });
  return {
    certificate: certificate.toString('pem'),
    privateKey: KeyObject.from(serverKeys.privateKey).export({ type: 'pkcs8', format: 'pem' }) as string,
    caPem: ca.pem,
  };
}
