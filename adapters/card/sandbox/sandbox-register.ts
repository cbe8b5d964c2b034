import type { TestCard } from './test-cards.ts';

/** A person as the register's JSON names it (VTJ's Finnish field names). */
export interface RegisterRecord {
  readonly henkilotunnus: string;
  /** All first names, space-separated. */
  readonly etunimet: string;
  readonly sukunimi: string;
  readonly kuollut: boolean;
}

export type RegisterReply =
  | { readonly status: 200; readonly body: RegisterRecord }
  | { readonly status: 404; readonly body: { readonly virhe: 'EI_LOYDY' } }
  | { readonly status: 400; readonly body: { readonly virhe: 'VIRHEELLINEN_PYYNTO' } };

/** Bigger requests are refused unread: a SATU query is a few dozen bytes. */
export const REGISTER_MAX_BODY_BYTES = 4096;
const SATU = /^\d{8}[0-9A-Y]$/;
const BAD_REQUEST = { status: 400, body: { virhe: 'VIRHEELLINEN_PYYNTO' } } as const;

/** The sandbox population register's contents: every test card's holder that has a hetu. */
export function createRegisterRecords(cards: readonly TestCard[]): ReadonlyMap<string, RegisterRecord> {
  return new Map(cards.flatMap((card) => card.hetu
    ? [[card.satu, Object.freeze({ henkilotunnus: card.hetu, etunimet: card.givenName, sukunimi: card.surname, kuollut: false })] as const]
    : []));
}

/**
 * `POST /register/henkilotunnuskysely`, the JSON shape of VTJ's HenkilonTunnusKysely:
 * `{"sahkoinenAsiointitunnus": SATU}` in, the person or `EI_LOYDY` out. Anything that is
 * not such an object with a well-formed SATU is a 400, so the sandbox catches a client
 * that sends the wrong thing instead of answering "not found".
 */
export function answerRegisterQuery(records: ReadonlyMap<string, RegisterRecord>, rawBody: string | undefined): RegisterReply {
  if (rawBody === undefined) return BAD_REQUEST;
  let request: unknown;
  try {
    request = JSON.parse(rawBody);
  } catch {
    return BAD_REQUEST;
  }
  const satu = typeof request === 'object' && request !== null ? (request as Record<string, unknown>).sahkoinenAsiointitunnus : undefined;
  if (typeof satu !== 'string' || !SATU.test(satu)) return BAD_REQUEST;
  const record = records.get(satu);
  return record ? { status: 200, body: record } : { status: 404, body: { virhe: 'EI_LOYDY' } };
}
