/** Levels of assurance Portti issues, as the FTN (Traficom) URIs integrators already know. */
export const ACR = {
  substantial: 'http://ftn.ficora.fi/2017/loa2',
  high: 'http://ftn.ficora.fi/2017/loa3',
} as const;

export type Acr = (typeof ACR)[keyof typeof ACR];

/** Ordered lowest first, so "meets the requested level" is an index comparison. */
export const ACR_ORDER: readonly Acr[] = [ACR.substantial, ACR.high];

export function isAcr(value: string): value is Acr {
  return (ACR_ORDER as readonly string[]).includes(value);
}

/** True when `actual` is at least as strong as `required`. */
export function acrMeets(actual: Acr, required: Acr): boolean {
  return ACR_ORDER.indexOf(actual) >= ACR_ORDER.indexOf(required);
}

export type MethodKind = 'bank' | 'mobile' | 'card';

/** A hetu that has passed `parseHetu`; the brand keeps unvalidated strings out. */
export type Hetu = string & { readonly __brand: 'Hetu' };

/**
 * A citizen identified by one method. Only a method adapter creates one, and only
 * after it has verified the upstream answer itself.
 */
export interface Identity {
  readonly hetu: Hetu;
  readonly givenName: string;
  readonly familyName: string;
  /** ISO date `YYYY-MM-DD`, derived from the hetu when the upstream does not say. */
  readonly birthdate: string;
  /** Electronic identification number from the citizen certificate, when known. */
  readonly satu?: string;
  readonly method: MethodKind;
  /** Which bank, operator or card generation, e.g. `nordea`. */
  readonly subMethod: string;
  readonly acr: Acr;
  /** Methods references for the ID token `amr`, e.g. `['bank', 'nordea']`. */
  readonly amr: readonly string[];
  /** When the upstream identified the citizen (epoch seconds). */
  readonly authTime: number;
}
