import type { Storage } from '../storage/storage.ts';
import { REQUIRED_KEYS, generateKey } from './generate-key.ts';

/**
 * Adds a new key for every purpose and algorithm and schedules the old ones to leave
 * the JWKS once nothing they produced can still be in use. Instances sign with the new
 * keys after their next (rolling) restart; until then both generations are published,
 * so tokens from either verify.
 */
export async function rotateKeys(
  storage: Storage,
  lifetimes: { readonly opSeconds: number; readonly rpSeconds: number },
  now = Math.floor(Date.now() / 1000),
): Promise<string[]> {
  const added: string[] = [];
  for (const { purpose, alg } of REQUIRED_KEYS) {
    const key = await generateKey(purpose, alg, now);
    await storage.keys.add(key);
    const keep = purpose.startsWith('op-') ? lifetimes.opSeconds : lifetimes.rpSeconds;
    await storage.keys.retireOthers(purpose, alg, key.kid, now + keep);
    added.push(`${purpose} ${alg} ${key.kid}`);
  }
  return added;
}
