import type { IdentificationFailure } from '../../src/identity/identification-method.ts';
import type { Hetu } from '../../src/identity/identity.ts';
import { parseHetu } from '../../src/identity/hetu.ts';
import { FICOM, type ServiceResponse } from './etsi-messages.ts';
import { mobileFailure } from './mobile-failures.ts';

export interface MobilePerson {
  readonly hetu: Hetu;
  readonly birthdate: string;
  readonly givenName: string;
  readonly familyName: string;
  readonly satu?: string;
}

/**
 * The person from the FiCom personIdentity answer (`PersonID#hetu`, `#givenName`,
 * `#surName`, optionally `#satu`). The hetu is validated; without it nobody is identified.
 */
export function readPersonIdentity(responses: readonly ServiceResponse[] | undefined):
  { readonly ok: true; readonly person: MobilePerson } | { readonly ok: false; readonly failure: IdentificationFailure } {
  const response = responses?.find((r) => r.Description === FICOM.personIdentity);
  const attribute = (name: string): string | undefined => {
    const value = response?.Attributes?.find((a) => a.Name === name)?.Value;
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
  };
  const rawHetu = attribute(FICOM.personId.hetu);
  const givenName = attribute(FICOM.personId.givenName);
  const familyName = attribute(FICOM.personId.surName);
  if (!rawHetu || !givenName || !familyName) {
    return { ok: false, failure: mobileFailure('ERR_MOBILE_PERSON_MISSING', 'the personIdentity answer lacks the hetu or the names') };
  }
  const hetu = parseHetu(rawHetu);
  if (!hetu.ok) return { ok: false, failure: mobileFailure('ERR_MOBILE_HETU_INVALID', `the MSSP sent an invalid personal identity code (${hetu.code})`) };
  const satu = attribute(FICOM.personId.satu);
  return { ok: true, person: { hetu: hetu.hetu, birthdate: hetu.birthdate, givenName, familyName, ...(satu ? { satu } : {}) } };
}
