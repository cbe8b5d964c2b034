import { createPublicKey } from 'node:crypto';
import { KeyUsageFlags, KeyUsagesExtension, X509Certificate } from '@peculiar/x509';
import { buildCertificatePath, describeCertificate } from '../../src/x509/certificate-path.ts';
import type { CardFailureCode } from './card-failures.ts';
import type { CrlRegistry, RevocationStatus } from './crl-registry.ts';
import { normaliseSerialHex } from './revoked-serials.ts';
import { parseSatu, type Satu } from './satu.ts';

export type CardCertificateResult =
  | {
      readonly ok: true;
      readonly holder: { readonly satu: Satu; readonly givenName?: string; readonly surname?: string };
      readonly keyType: 'rsa' | 'ecdsa';
      /** The issuing CA's subject CN. */
      readonly issuer: string;
      /** Lower-case hex without leading zero bytes. */
      readonly serialNumber: string;
    }
  | { readonly ok: false; readonly code: CardFailureCode; readonly detail: string };

export interface CardCertificateVerifierOptions {
  /** Citizen CA roots. */
  readonly anchors: readonly X509Certificate[];
  /** Citizen issuing CAs (config `card.issuingCas`): browsers usually send only the card certificate. */
  readonly issuingCas: readonly X509Certificate[];
  readonly revocation: Pick<CrlRegistry, 'check'>;
}

export interface CardCertificateVerifier {
  /** `presented`: DER, the card certificate first, then whatever else the client sent. */
  verify(presented: readonly Uint8Array[], now: Date): Promise<CardCertificateResult>;
}

const SERIAL_NUMBER = '2.5.4.5';
const GIVEN_NAME = '2.5.4.42';
const SURNAME = '2.5.4.4';
const KEY_TYPES: Readonly<Record<string, 'rsa' | 'ecdsa'>> = { rsa: 'rsa', ec: 'ecdsa' };

/**
 * Portti's own checks of a citizen certificate from the TLS handshake, in order: it
 * parses, chains to a citizen CA root (through the certificates sent and the configured
 * issuing CAs) with every certificate within its validity, is for digital signatures
 * (extended key usage is deliberately not required: the profile discourages it), has an
 * RSA or EC key, neither it nor a CA on its path is revoked, and it names a valid SATU.
 * Details name issuer and serial for the operator, never the citizen.
 */
export function createCardCertificateVerifier(options: CardCertificateVerifierOptions): CardCertificateVerifier {
  const fail = (code: CardFailureCode, detail: string): CardCertificateResult => ({ ok: false, code, detail });

  return {
    async verify(presented, now) {
      if (presented.length === 0) return fail('ERR_CARD_NO_CERTIFICATE', 'no client certificate was presented');
      let leaf: X509Certificate;
      try {
        leaf = new X509Certificate(presented[0]!);
      } catch (error) {
        return fail('ERR_CARD_CERT_MALFORMED', `the client certificate does not parse: ${error instanceof Error ? error.message : String(error)}`);
      }
      // The TLS stack accepted the extras; one our parser cannot read is only a path candidate less.
      const sent = presented.slice(1).flatMap((der) => { try { return [new X509Certificate(der)]; } catch { return []; } })
        // A copy of a configured CA adds nothing but a second signature check.
        .filter((cert) => !options.issuingCas.some((ca) => ca.equal(cert)) && !options.anchors.some((anchor) => anchor.equal(cert)));

      const built = await buildCertificatePath(leaf, [...sent, ...options.issuingCas], options.anchors, now);
      if (!built.ok) return fail(built.problem === 'expired' ? 'ERR_CARD_CERT_EXPIRED' : 'ERR_CARD_CERT_UNTRUSTED', built.detail);
      const described = describeCertificate(leaf);
      // The roots also sign organisation and server CAs: only a configured citizen CA may have issued a card.
      const issuer = built.path[1] ?? built.anchor;
      if (!options.issuingCas.some((ca) => ca.equal(issuer))) {
        return fail('ERR_CARD_CERT_UNTRUSTED', `${described} was issued by ${issuer.subject}, which is not a configured citizen issuing CA`);
      }

      const usage = leaf.getExtension(KeyUsagesExtension);
      if (!usage || (usage.usages & KeyUsageFlags.digitalSignature) === 0) {
        return fail('ERR_CARD_CERT_KEY_USAGE', `${described} has no digitalSignature key usage`);
      }
      const keyType = KEY_TYPES[createPublicKey({ key: Buffer.from(leaf.publicKey.rawData), format: 'der', type: 'spki' }).asymmetricKeyType ?? ''];
      if (!keyType) return fail('ERR_CARD_CERT_KEY_USAGE', `${described} has a key that is neither RSA nor EC`);

      const revocation = checkRevocation(options.revocation, built.path, built.anchor, now);
      if (revocation) return fail(revocation.code, revocation.detail);

      const serials = leaf.subjectName.getField(SERIAL_NUMBER);
      const satu = serials.length === 1 ? parseSatu(serials[0]!) : undefined;
      if (!satu) return fail('ERR_CARD_SATU_INVALID', `${described} has ${serials.length === 1 ? 'a subject serialNumber that is not a valid SATU' : `${serials.length} subject serialNumbers`}`);
      const givenName = leaf.subjectName.getField(GIVEN_NAME)[0];
      const surname = leaf.subjectName.getField(SURNAME)[0];

      return {
        ok: true,
        holder: { satu, ...(givenName ? { givenName } : {}), ...(surname ? { surname } : {}) },
        keyType,
        issuer: leaf.issuerName.getField('CN')[0] ?? leaf.issuer,
        serialNumber: normaliseSerialHex(leaf.serialNumber),
      };
    },
  };
}

/**
 * Every certificate on the path against its issuer's CRL. A revoked CA outranks a revoked
 * card (its CRL about the card is then worth nothing either), and a definite "revoked"
 * outranks a CRL that could not be had.
 */
function checkRevocation(
  revocation: Pick<CrlRegistry, 'check'>,
  path: readonly X509Certificate[],
  anchor: X509Certificate,
  now: Date,
): { code: CardFailureCode; detail: string } | undefined {
  const issuers = [...path.slice(1), anchor];
  const results = path.map((cert, index) => ({ cert, result: revocation.check(cert, issuers[index]!, now) }));
  const revoked = (entry: { result: RevocationStatus }): boolean => entry.result.status === 'revoked';
  const revokedCa = results.slice(1).find(revoked);
  const hit = revokedCa ?? (revoked(results[0]!) ? results[0] : undefined);
  if (hit && hit.result.status === 'revoked') {
    return { code: revokedCa ? 'ERR_CARD_CA_REVOKED' : 'ERR_CARD_CERT_REVOKED', detail: `${describeCertificate(hit.cert)} was revoked ${hit.result.revokedAt.toISOString()}` };
  }
  const unavailable = results.map(({ result }) => result).filter((result) => result.status === 'unavailable');
  if (unavailable.length > 0) return { code: 'ERR_CARD_CRL_UNAVAILABLE', detail: unavailable.map((result) => result.detail).join('; ') };
  return undefined;
}
