import { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, type X509Certificate } from '@peculiar/x509';

export type ChainCheck =
  | { readonly ok: true; readonly path: readonly X509Certificate[]; readonly anchor: X509Certificate }
  | { readonly ok: false; readonly code: 'ERR_MOBILE_CERT_UNTRUSTED' | 'ERR_MOBILE_CERT_EXPIRED' | 'ERR_MOBILE_CERT_KEY_USAGE'; readonly detail: string };

const MAX_INTERMEDIATES = 3;

/**
 * Builds the path from the signer's certificate to one of the configured trust anchors,
 * using the certificates the signature carried as intermediates. Every certificate on the
 * path must be within its validity, every issuer a CA allowed to sign certificates, and
 * the signer's key must be for digital signatures. Revocation is checked separately.
 * `path` is the signer first, then the intermediates; the anchor is not part of it.
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
  const path: X509Certificate[] = [signer];
  let current = signer;
  for (let depth = 0; depth <= MAX_INTERMEDIATES; depth += 1) {
    const anchor = await findIssuer(current, anchors);
    if (anchor) {
      const expired = [...path, anchor].find((cert) => cert.notBefore > now || cert.notAfter < now);
      if (expired) {
        return { ok: false, code: 'ERR_MOBILE_CERT_EXPIRED', detail: `${describe(expired)} is valid ${expired.notBefore.toISOString()} - ${expired.notAfter.toISOString()}` };
      }
      return { ok: true, path, anchor };
    }
    const intermediate = await findIssuer(current, carried.filter((c) => !path.includes(c) && isCertificateAuthority(c)));
    if (!intermediate) break;
    path.push(intermediate);
    current = intermediate;
  }
  return { ok: false, code: 'ERR_MOBILE_CERT_UNTRUSTED', detail: `no path from ${describe(signer)} to a configured trust anchor` };
}

async function findIssuer(cert: X509Certificate, candidates: readonly X509Certificate[]): Promise<X509Certificate | undefined> {
  for (const candidate of candidates) {
    if (candidate.subject !== cert.issuer) continue;
    if (await cert.verify({ publicKey: candidate.publicKey, signatureOnly: true })) return candidate;
  }
  return undefined;
}

function isCertificateAuthority(cert: X509Certificate): boolean {
  const constraints = cert.getExtension(BasicConstraintsExtension);
  const usage = cert.getExtension(KeyUsagesExtension);
  return constraints?.ca === true && (!usage || (usage.usages & KeyUsageFlags.keyCertSign) !== 0);
}

/** Issuer and serial: enough for an operator to find the certificate, without the citizen's name. */
export function describe(cert: X509Certificate): string {
  return `certificate ${cert.serialNumber} of ${cert.issuer}`;
}
