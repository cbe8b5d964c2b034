import { ACR_ORDER, isAcr, type Acr } from '../identity/identity.ts';

/**
 * The level an authorization request demands. `acr_values` lists acceptable values; we
 * read the weakest known one as the minimum, so `loa2 loa3` offers both and `loa3` only
 * high-level methods. Unknown values are ignored, as the OIDC spec treats acr_values
 * as voluntary; a request naming only unknown values demands nothing.
 */
export function requiredAcr(acrValues: unknown): Acr | undefined {
  if (typeof acrValues !== 'string') return undefined;
  const known = acrValues.split(' ').filter(isAcr);
  if (known.length === 0) return undefined;
  return ACR_ORDER.find((level) => known.includes(level));
}
