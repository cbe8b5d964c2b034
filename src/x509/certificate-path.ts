import { createHash } from 'node:crypto';
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
    if (await isSignedBy(cert, candidate)) issuers.push(candidate);
  }
  return issuers;
}

/*
 * Whether a certificate's signature verifies with a candidate's key is a fact about the
 * two certificates' bytes, so it is remembered: every card login would otherwise verify
 * the same issuing CA under the same root again (a WebCrypto key import and a signature).
 * Bounded, oldest first out.
 */
const SIGNED_BY = new Map<string, boolean>();
const SIGNED_BY_LIMIT = 4096;

async function isSignedBy(cert: X509Certificate, candidate: X509Certificate): Promise<boolean> {
  const key = `${thumbprint(cert)}:${thumbprint(candidate)}`;
  const known = SIGNED_BY.get(key);
  if (known !== undefined) return known;
  const verified = await cert.verify({ publicKey: candidate.publicKey, signatureOnly: true });
  if (SIGNED_BY.size >= SIGNED_BY_LIMIT) SIGNED_BY.delete(SIGNED_BY.keys().next().value!);
  SIGNED_BY.set(key, verified);
  return verified;
}

const THUMBPRINTS = new WeakMap<X509Certificate, string>();

function thumbprint(cert: X509Certificate): string {
  let value = THUMBPRINTS.get(cert);
  if (value === undefined) {
    value = createHash('sha256').update(new Uint8Array(cert.rawData)).digest('base64');
    THUMBPRINTS.set(cert, value);
  }
  return value;
}

function isWithinValidity(cert: X509Certificate, now: Date): boolean {
  return cert.notBefore <= now && now <= cert.notAfter;
}

const AUTHORITIES = new WeakMap<X509Certificate, boolean>();

/** A CA certificate whose key may sign certificates (basicConstraints cA, keyCertSign if key usage is present). */
export function isCertificateAuthority(cert: X509Certificate): boolean {
  // Configured CAs are asked on every login; parsing their extensions once is enough.
  let answer = AUTHORITIES.get(cert);
  if (answer === undefined) {
    const constraints = cert.getExtension(BasicConstraintsExtension);
    const usage = cert.getExtension(KeyUsagesExtension);
    answer = constraints?.ca === true && (!usage || (usage.usages & KeyUsageFlags.keyCertSign) !== 0);
    AUTHORITIES.set(cert, answer);
  }
  return answer;
}

/** Issuer and serial: enough for an operator to find the certificate, without the citizen's name. */
export function describeCertificate(cert: X509Certificate): string {
  return `certificate ${cert.serialNumber} of ${cert.issuer}`;
}

/** Every certificate in the given PEM texts (each may hold several); throws on one that does not parse. */
export function parsePemCertificates(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((one) => new X509Certificate(one)));
}
