import { Name } from '@peculiar/x509';
import { parseCrl, type CrlScope } from './parse-crl.ts';
import { createRevokedSerialsBuilder, type RevokedSerials } from './revoked-serials.ts';
import { verifyCrlSignature } from './verify-crl-signature.ts';

/** A CA whose CRLs Portti accepts, in the form a worker can receive. */
export interface CrlIssuerKey {
  readonly subject: string;
  readonly subjectDer: Uint8Array;
  readonly spki: Uint8Array;
}

export type ReadCrlResult =
  | {
      readonly ok: true;
      /** Index into the issuers given: the one whose key verified the signature. */
      readonly issuerIndex: number;
      readonly thisUpdate: number;
      readonly nextUpdate: number | undefined;
      readonly scope: CrlScope;
      readonly entries: number;
      readonly revoked: RevokedSerials;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Everything the CRL worker does with one downloaded body: PEM or DER, one pass over the
 * list into a revoked-serials table, then the issuer. A CRL counts only if its issuer name
 * is that of a configured CA (DER, or failing that the same string form) and that CA's key
 * verified its signature; otherwise it is reported and never used.
 */
export function readCrl(body: Uint8Array, issuers: readonly CrlIssuerKey[]): ReadCrlResult {
  try {
    const der = decodePem(body);
    const builder = createRevokedSerialsBuilder();
    const crl = parseCrl(der, builder.add);
    const name = new Name(crl.issuerDer).toString();
    const named = issuers.flatMap((issuer, index) => (sameBytes(issuer.subjectDer, crl.issuerDer) || issuer.subject === name ? [index] : []));
    if (named.length === 0) return { ok: false, reason: `the CRL issuer ${name} is not a configured CA` };
    let reason = '';
    for (const index of named) {
      const check = verifyCrlSignature(crl.tbs, crl.signatureAlgorithm, crl.signature, issuers[index]!.spki);
      if (check.ok) {
        const { thisUpdate, nextUpdate, scope, entries } = crl;
        return { ok: true, issuerIndex: index, thisUpdate, nextUpdate, scope, entries, revoked: builder.finish() };
      }
      reason = check.reason;
    }
    return { ok: false, reason: `the CRL is not signed by the configured CA ${name}: ${reason}` };
  } catch (error) {
    return { ok: false, reason: `unreadable CRL: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function decodePem(body: Uint8Array): Uint8Array {
  const head = Buffer.from(body.buffer, body.byteOffset, Math.min(body.length, 64)).toString('latin1').trimStart();
  if (!head.startsWith('-----BEGIN')) return body;
  const text = Buffer.from(body.buffer, body.byteOffset, body.length).toString('latin1');
  const begin = text.indexOf('-----BEGIN X509 CRL-----');
  const end = text.indexOf('-----END X509 CRL-----', begin);
  if (begin < 0 || end < 0) throw new Error('PEM without an X509 CRL block');
  return Buffer.from(text.slice(begin + '-----BEGIN X509 CRL-----'.length, end), 'base64');
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}
