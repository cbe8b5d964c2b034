import { KeyUsageFlags, KeyUsagesExtension, type X509Certificate } from '@peculiar/x509';
import { buildCertificatePath, describeCertificate } from '../../src/x509/certificate-path.ts';

export type ChainCheck =
  | { readonly ok: true; readonly path: readonly X509Certificate[]; readonly anchor: X509Certificate }
  | { readonly ok: false; readonly code: 'ERR_MOBILE_CERT_UNTRUSTED' | 'ERR_MOBILE_CERT_EXPIRED' | 'ERR_MOBILE_CERT_KEY_USAGE'; readonly detail: string };

/**
 * The mobile signer's chain: the signer's key must be for digital signatures, then the
 * shared path building (`src/x509/certificate-path.ts`) with the certificates the
 * signature carried as intermediates, its problems named as mobile failures. Revocation
 * is checked separately. `path` is the signer first; the anchor is not part of it.
 */
export async function verifyChain(
  signer: X509Certificate,
  carried: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): Promise<ChainCheck> {
  const usage = signer.getExtension(KeyUsagesExtension);
  if (!usage || (usage.usages & KeyUsageFlags.digitalSignature) === 0) {
    return { ok: false, code: 'ERR_MOBILE_CERT_KEY_USAGE', detail: `signer ${describe(signer)} has no digitalSignature key usage` };
  }
  const built = await buildCertificatePath(signer, carried, anchors, now);
  if (built.ok) return built;
  return { ok: false, code: built.problem === 'expired' ? 'ERR_MOBILE_CERT_EXPIRED' : 'ERR_MOBILE_CERT_UNTRUSTED', detail: built.detail };
}

/** Issuer and serial: enough for an operator to find the certificate, without the citizen's name. */
export const describe = describeCertificate;
