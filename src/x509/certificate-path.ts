import { BasicConstraintsExtension, KeyUsageFlags, KeyUsagesExtension, X509Certificate } from '@peculiar/x509';

/**
 * A path from a leaf to a configured trust anchor. `path` is the leaf first, then the
 * intermediates in order; the anchor is not part of it.
 */
export type CertificatePath =
  | { readonly ok: true; readonly path: readonly X509Certificate[]; readonly anchor: X509Certificate }
  | { readonly ok: false; readonly problem: 'untrusted' | 'expired'; readonly detail: string };

/** Real hierarchies have one or two; more means a loop or a path we were never meant to trust. */
const MAX_INTERMEDIATES = 3;

/**
 * Builds the path from `leaf` to one of `anchors`, taking intermediates from `candidates`
 * (whatever the peer sent plus any configured ones). Every certificate on the path and the
 * anchor must be within its validity at `now`, and every intermediate a CA allowed to sign
 * certificates. The search backtracks, so a stale copy of an intermediate sent beside the
 * current one does not hide the good path; `expired` is answered only when every path
 * found has a certificate outside its validity. Key usage of the leaf and revocation are
 * the caller's checks: each method has its own rules for them.
 */
export async function buildCertificatePath(
  leaf: X509Certificate,
  candidates: readonly X509Certificate[],
  anchors: readonly X509Certificate[],
  now: Date,
): Promise<CertificatePath> {
  const intermediates = candidates.filter(isCertificateAuthority);
  let firstExpired: X509Certificate | undefined;

  async function extend(path: readonly X509Certificate[]): Promise<CertificatePath | undefined> {
    const current = path[path.length - 1]!;
    for (const anchor of await issuersOf(current, anchors)) {
      const outside = [...path, anchor].find((cert) => !isWithinValidity(cert, now));
      if (!outside) return { ok: true, path, anchor };
      firstExpired ??= outside;
    }
    if (path.length > MAX_INTERMEDIATES) return undefined;
    const unused = intermediates.filter((candidate) => !path.some((onPath) => onPath.equal(candidate)));
    for (const intermediate of await issuersOf(current, unused)) {
      const found = await extend([...path, intermediate]);
      if (found) return found;
    }
    return undefined;
  }

  const found = await extend([leaf]);
  if (found) return found;
  if (firstExpired) {
    return {
      ok: false,
      problem: 'expired',
      detail: `${describeCertificate(firstExpired)} is valid ${firstExpired.notBefore.toISOString()} - ${firstExpired.notAfter.toISOString()}`,
    };
  }
  return { ok: false, problem: 'untrusted', detail: `no path from ${describeCertificate(leaf)} to a configured trust anchor` };
}

async function issuersOf(cert: X509Certificate, candidates: readonly X509Certificate[]): Promise<X509Certificate[]> {
  const issuers: X509Certificate[] = [];
  for (const candidate of candidates) {
    if (candidate.subject !== cert.issuer) continue;
    if (await cert.verify({ publicKey: candidate.publicKey, signatureOnly: true })) issuers.push(candidate);
  }
  return issuers;
}

function isWithinValidity(cert: X509Certificate, now: Date): boolean {
  return cert.notBefore <= now && now <= cert.notAfter;
}

/** A CA certificate whose key may sign certificates (basicConstraints cA, keyCertSign if key usage is present). */
export function isCertificateAuthority(cert: X509Certificate): boolean {
  const constraints = cert.getExtension(BasicConstraintsExtension);
  const usage = cert.getExtension(KeyUsagesExtension);
  return constraints?.ca === true && (!usage || (usage.usages & KeyUsageFlags.keyCertSign) !== 0);
}

/** Issuer and serial: enough for an operator to find the certificate, without the citizen's name. */
export function describeCertificate(cert: X509Certificate): string {
  return `certificate ${cert.serialNumber} of ${cert.issuer}`;
}

/** Every certificate in the given PEM texts (each may hold several); throws on one that does not parse. */
export function parsePemCertificates(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((one) => new X509Certificate(one)));
}
