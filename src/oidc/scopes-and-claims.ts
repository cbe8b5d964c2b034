import type { EserviceConfig } from '../config/schema.ts';

/** OIDC scopes Portti serves and the claims each releases (PROTOCOLS.md, "Claims Portti issues"). */
export const CLAIMS_BY_SCOPE = {
  // acr, amr and auth_time ride on `openid`, so every ID token says how the citizen was identified.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  profile: ['name', 'given_name', 'family_name', 'birthdate'],
  personal_identity_code: ['personal_identity_code'],
  satu: ['satu'],
} as const;

export type OidcScope = keyof typeof CLAIMS_BY_SCOPE;

/** Scope of the payments API's access tokens (client credentials). */
export const PAYMENTS_SCOPE = 'payments';

/** The scopes an e-service's registration lets it ask for; anything else is refused. */
export function scopesAllowedFor(eservice: EserviceConfig): string[] {
  const scopes = ['openid', 'profile'];
  if (eservice.permissions.personalIdentityCode) scopes.push('personal_identity_code');
  if (eservice.permissions.satu) scopes.push('satu');
  if (eservice.permissions.payments) scopes.push(PAYMENTS_SCOPE);
  return scopes;
}

/** The claims an e-service may receive, whichever way it asks (scope or `claims` parameter). */
export function claimsAllowedFor(eservice: EserviceConfig): Set<string> {
  const allowed = new Set<string>(['sub', 'acr', 'amr', 'auth_time', 'sid']);
  for (const scope of scopesAllowedFor(eservice)) {
    for (const claim of CLAIMS_BY_SCOPE[scope as OidcScope] ?? []) allowed.add(claim);
  }
  return allowed;
}
