import { createHmac } from 'node:crypto';
import type { Hetu } from '../identity/identity.ts';

/**
 * Keyed derivations that keep the hetu out of identifiers. One server secret serves
 * both, domain-separated by a label, so a person key can never equal a `sub`.
 */
export interface SubjectKeys {
  /** Internal, stable account id for a person: never sent to an e-service. */
  personKey(hetu: Hetu): string;
  /** Pairwise `sub`: the same person gets a different, unlinkable value in every sector. */
  pairwiseSub(personKey: string, sector: string): string;
}

export function createSubjectKeys(secret: string): SubjectKeys {
  const mac = (label: string, value: string): string =>
    createHmac('sha256', secret).update(`${label}\0${value}`).digest('base64url');
  return {
    personKey: (hetu) => mac('person', hetu),
    pairwiseSub: (personKey, sector) => mac(`sub\0${sector}`, personKey),
  };
}
