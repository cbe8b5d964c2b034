import * as x509 from '@peculiar/x509';
import { createAuthority } from '../../sandbox-pki/sandbox-authority.ts';
import { exportPrivateKey, generateKeys, privateKeyOf } from '../../sandbox-pki/sandbox-keys.ts';

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
    privateKey: exportPrivateKey(serverKeys.privateKey),
    caPem: ca.pem,
  };
}

/**
 * The server certificate a previous start saved, unchanged: a person who imported the TLS
 * CA keeps trusting it. Throws when the key is not the certificate's or the CA did not sign
 * it. The TLS CA's own key is never saved: a person who imported the CA trusts it for every
 * website, so its key must not lie on disk where any program could sign for another site.
 */
export async function restoreSandboxServerTls(saved: SandboxServerTls): Promise<SandboxServerTls> {
  const certificate = new x509.X509Certificate(saved.certificate);
  privateKeyOf(certificate, saved.privateKey);
  const ca = new x509.X509Certificate(saved.caPem);
  if (!(await certificate.verify({ publicKey: ca.publicKey, signatureOnly: true }))) throw new Error('the saved TLS server certificate is not signed by the saved TLS CA');
  return { certificate: saved.certificate, privateKey: saved.privateKey, caPem: saved.caPem };
}
