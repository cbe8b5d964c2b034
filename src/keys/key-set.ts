import type { JWK } from 'jose';
import type { Storage, StoredKey } from '../storage/storage.ts';
import { REQUIRED_KEYS, generateKey } from './generate-key.ts';

/** The keys one instance runs with, loaded once at start-up. */
export interface KeySet {
  /** Private JWKs for oidc-provider, newest first so the newest signs. */
  readonly opJwks: { readonly keys: JWK[] };
  /** Portti as a relying party towards banks: the newest signing key signs requests. */
  readonly rpSigning: JWK;
  /** Every published decryption key: a bank may still encrypt to the previous one. */
  readonly rpDecryption: readonly JWK[];
  /** Public half of the RP keys, served at /upstream/jwks for the banks. */
  readonly rpPublicJwks: { readonly keys: JWK[] };
}

/**
 * A new RP signing key is published at once but signs only after this long: banks cache
 * our JWKS (oidc-provider refetches on an unknown kid at most once a minute, others for
 * hours), and a request object signed with a key they have not seen is refused.
 */
export const RP_SIGNING_ACTIVATION_SECONDS = 2 * 86400;

/** Loads the active keys, generating any that is missing (the first start). */
export async function loadKeySet(storage: Storage, now = Math.floor(Date.now() / 1000)): Promise<KeySet> {
  let active = await storage.keys.listActive(now);
  for (const { purpose, alg } of REQUIRED_KEYS) {
    if (!active.some((k) => k.purpose === purpose && k.alg === alg)) {
      await storage.keys.add(await generateKey(purpose, alg, now));
    }
  }
  active = await storage.keys.listActive(now);
  const of = (purpose: StoredKey['purpose']): JWK[] =>
    active.filter((k) => k.purpose === purpose).map((k) => ({ ...k.privateJwk }) as JWK);
  const rpSigningKeys = of('rp-signing');
  const rpDecryption = of('rp-encryption');
  const rpSigningStored = active.filter((k) => k.purpose === 'rp-signing');
  const seasoned = rpSigningStored.find((k) => k.createdAt <= now - RP_SIGNING_ACTIVATION_SECONDS);
  // The first key of a fresh install has nothing to wait for; otherwise the newest seasoned key signs.
  const rpSigningKid = (seasoned ?? rpSigningStored.at(-1)!).kid;
  return {
    opJwks: { keys: of('op-signing') },
    rpSigning: rpSigningKeys.find((k) => k.kid === rpSigningKid)!,
    rpDecryption,
    rpPublicJwks: { keys: [...rpSigningKeys, ...rpDecryption].map(toPublicJwk) },
  };
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export function toPublicJwk(jwk: JWK): JWK {
  const copy: Record<string, unknown> = { ...jwk };
  for (const member of PRIVATE_MEMBERS) delete copy[member];
  return copy as JWK;
}
