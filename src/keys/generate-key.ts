import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type { KeyPurpose, StoredKey } from '../storage/storage.ts';

export type KeyAlg = 'RS256' | 'ES256' | 'RSA-OAEP';

/** The keys every instance needs; a missing one is generated at start-up. */
export const REQUIRED_KEYS: readonly { readonly purpose: KeyPurpose; readonly alg: KeyAlg }[] = [
  { purpose: 'op-signing', alg: 'RS256' },
  { purpose: 'op-signing', alg: 'ES256' },
  { purpose: 'rp-signing', alg: 'RS256' },
  { purpose: 'rp-encryption', alg: 'RSA-OAEP' },
];

/**
 * Generates one private key as a JWK with a thumbprint kid. RSA keys are 2048 bits, the
 * FTN minimum: every login decrypts with the encryption key and signs twice with the RP
 * key, and 3072 bits would cost each login about a millisecond more of broker CPU.
 */
export async function generateKey(purpose: KeyPurpose, alg: KeyAlg, now: number): Promise<StoredKey> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
  const jwk: JWK = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  jwk.kid = kid;
  jwk.use = alg === 'RSA-OAEP' ? 'enc' : 'sig';
  // RSA keys carry no `alg`: the OP key serves RS256 and PS256, and the encryption key
  // RSA-OAEP and RSA-OAEP-256, whichever a bank is configured for.
  if (alg !== 'RSA-OAEP' && !(purpose === 'op-signing' && alg === 'RS256')) jwk.alg = alg;
  return { kid, purpose, alg, privateJwk: jwk as Record<string, unknown>, createdAt: now };
}
