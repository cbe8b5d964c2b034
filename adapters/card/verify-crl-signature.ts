import { constants, createPublicKey, verify } from 'node:crypto';
import { DerError, TAG, childrenOf, expectTlv, readOid, readTlv } from './der.ts';
import type { CrlSignatureAlgorithm } from './parse-crl.ts';

const HASHES: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OID -> [key type node reports, hash]. SHA-1 is left out on purpose. */
const ALGORITHMS: Readonly<Record<string, readonly [keyType: string, hash: string]>> = {
  '1.2.840.113549.1.1.11': ['rsa', 'sha256'],
  '1.2.840.113549.1.1.12': ['rsa', 'sha384'],
  '1.2.840.113549.1.1.13': ['rsa', 'sha512'],
  '1.2.840.10045.4.3.2': ['ec', 'sha256'],
  '1.2.840.10045.4.3.3': ['ec', 'sha384'],
  '1.2.840.10045.4.3.4': ['ec', 'sha512'],
};
const RSASSA_PSS = '1.2.840.113549.1.1.10';
const MGF1 = '1.2.840.113549.1.1.8';

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a CRL's signature over its tbsCertList with the issuer's public key (SPKI DER):
 * RSA PKCS#1 v1.5 and ECDSA with SHA-256/384/512, and RSASSA-PSS whose mask hash is its
 * message hash. Runs in the CRL worker: hashing a 45 MB list takes a while.
 */
export function verifyCrlSignature(tbs: Uint8Array, algorithm: CrlSignatureAlgorithm, signature: Uint8Array, issuerSpki: Uint8Array): SignatureCheck {
  const key = createPublicKey({ key: Buffer.from(issuerSpki), format: 'der', type: 'spki' });
  if (algorithm.oid === RSASSA_PSS) {
    const pss = readPssParameters(algorithm.parameters);
    if (!pss) return { ok: false, reason: 'unsupported RSASSA-PSS parameters' };
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'rsa-pss') return { ok: false, reason: `an RSASSA-PSS signature cannot come from a ${key.asymmetricKeyType} key` };
    const valid = verify(pss.hash, tbs, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength }, signature);
    return valid ? { ok: true } : { ok: false, reason: 'the signature does not verify' };
  }
  const known = ALGORITHMS[algorithm.oid];
  if (!known) return { ok: false, reason: `unsupported signature algorithm ${algorithm.oid}` };
  const [keyType, hash] = known;
  if (key.asymmetricKeyType !== keyType) return { ok: false, reason: `a ${algorithm.oid} signature cannot come from a ${key.asymmetricKeyType} key` };
  return verify(hash, tbs, key, signature) ? { ok: true } : { ok: false, reason: 'the signature does not verify' };
}

/** RSASSA-PSS-params; the SHA-1 defaults are not accepted, so hashAlgorithm must be present. */
function readPssParameters(parameters: Uint8Array | undefined): { hash: string; saltLength: number } | undefined {
  if (!parameters) return undefined;
  try {
    let hash: string | undefined;
    let mgfHash: string | undefined;
    let saltLength = 20;
    for (const field of childrenOf(parameters, expectTlv(parameters, 0, parameters.length, TAG.SEQUENCE, 'RSASSA-PSS-params'))) {
      const inner = readTlv(parameters, field.start, field.end);
      if (field.tag === 0xa0) hash = HASHES[readOid(parameters, childrenOf(parameters, inner)[0]!)];
      else if (field.tag === 0xa1) {
        const [mgf, mgfParameters] = childrenOf(parameters, inner);
        if (!mgf || readOid(parameters, mgf) !== MGF1 || !mgfParameters) return undefined;
        mgfHash = HASHES[readOid(parameters, childrenOf(parameters, mgfParameters)[0]!)];
      } else if (field.tag === 0xa2) {
        saltLength = 0;
        for (let i = inner.start; i < inner.end; i += 1) saltLength = saltLength * 256 + parameters[i]!;
      } else if (field.tag !== 0xa3) return undefined;
    }
    return hash && hash === mgfHash ? { hash, saltLength } : undefined;
  } catch (error) {
    if (error instanceof DerError) return undefined;
    throw error;
  }
}
