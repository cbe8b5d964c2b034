import type { IssuedKey, SandboxCa } from './sandbox-ca.ts';
import type { TestPhone } from './test-numbers.ts';

const SIGNING_SCRIPTS = new Set(['accept', 'revoked-certificate', 'bad-signature', 'other-data', 'foreign-ca', 'expired-certificate', 'invalid-hetu']);

/** The key and certificate on each test phone's SIM, issued by the CA its script calls for. */
export async function issuePhoneKeys(phones: readonly TestPhone[], ca: SandboxCa, foreignCa: SandboxCa): Promise<Map<string, IssuedKey>> {
  const keys = new Map<string, IssuedKey>();
  for (const phone of phones) {
    if (!SIGNING_SCRIPTS.has(phone.script)) continue;
    const commonName = `${phone.person.surName.toUpperCase()} ${phone.person.givenName} (sandbox)`;
    const issuer = phone.script === 'foreign-ca' ? foreignCa : ca;
    const key = await issuer.issue({ commonName, keyType: phone.keyType ?? 'ec', expired: phone.script === 'expired-certificate' });
    if (phone.script === 'revoked-certificate') ca.revoke(key.certificate);
    keys.set(phone.msisdn, key);
  }
  return keys;
}
