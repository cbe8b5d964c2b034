import type { Satu } from './satu.ts';

/**
 * The population register as the card method sees it: SATU in, person out. The hetu is
 * not in the card certificate, so every card login asks the register (in production
 * DVV's VTJ `HenkilonTunnusKysely` with `SahkoinenAsiointitunnus`, which needs a data
 * permit). `createHttpPopulationRegister` speaks Portti's JSON shape of that query; a
 * VTJ SOAP client would be a second implementation of this port.
 */
export interface RegisterPerson {
  /** As the register gave it; the card method validates it before use. */
  readonly hetu: string;
  /** All first names, space-separated, as VTJ `Etunimet`. */
  readonly givenNames: string;
  readonly familyName: string;
  readonly deceased: boolean;
}

export type RegisterAnswer =
  | { readonly found: true; readonly person: RegisterPerson }
  | { readonly found: false };

export interface PopulationRegister {
  /** Throws `PopulationRegisterUnavailableError` when the register cannot give an answer. */
  personBySatu(satu: Satu, correlationId: string): Promise<RegisterAnswer>;
}
