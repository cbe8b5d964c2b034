import type { BankUpstreamConfig } from '../../src/config/schema.ts';
import type { CompletionOutcome } from '../../src/identity/identification-method.ts';
import { ACR } from '../../src/identity/identity.ts';
import { parseHetu } from '../../src/identity/hetu.ts';
import { bankFailure } from './bank-errors.ts';

/**
 * Turns a bank's verified claims into an Identity, with this upstream's claim names
 * and acr mapping. The person is the validated hetu; the bank's `sub` is ignored, since
 * banks such as OP issue a new one on every login.
 */
export function mapBankIdentity(
  upstream: BankUpstreamConfig,
  bankId: string,
  claims: Readonly<Record<string, unknown>>,
  now: number,
): CompletionOutcome {
  const text = (name: string | undefined): string | undefined => {
    const value = name === undefined ? undefined : claims[name];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const acr = typeof claims.acr === 'string' ? upstream.acrMap[claims.acr] : undefined;
  if (!acr) return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_ACR_UNKNOWN', `acr ${String(claims.acr)} is not mapped for ${upstream.id}`) };

  const rawHetu = text(upstream.claims.hetu);
  const givenName = text(upstream.claims.givenName);
  const familyName = text(upstream.claims.familyName);
  if (!rawHetu || !givenName || !familyName) {
    return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_CLAIMS_MISSING', `claims missing from ${upstream.id}: need ${Object.values(upstream.claims).join(', ')}`) };
  }
  const hetu = parseHetu(rawHetu);
  if (!hetu.ok) return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_HETU_INVALID', `${upstream.id} sent an invalid personal identity code (${hetu.code})`) };

  const authTime = typeof claims.auth_time === 'number' ? claims.auth_time : now;
  return {
    ok: true,
    identity: {
      hetu: hetu.hetu,
      givenName,
      familyName,
      // The hetu is authoritative for the birth date; a bank's own claim adds nothing.
      birthdate: hetu.birthdate,
      method: 'bank',
      subMethod: bankId,
      acr: ACR[acr],
      amr: ['bank', bankId],
      authTime,
    },
  };
}
