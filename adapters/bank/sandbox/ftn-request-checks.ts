import { errors } from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { SandboxBankOptions, SandboxIdp } from './sandbox-bank-options.ts';

type ParamValidator = (ctx: KoaContextWithOIDC, value: string | undefined) => void;

/*
 * oidc-provider runs extraParams validators after the Request Object has replaced the
 * query parameters and before any interaction, so a refusal here reaches the relying
 * party as an authorization error response at its redirect URI, as a real bank's would.
 * `acr_values` and `nonce` are standard parameters; listing them only attaches FTN checks.
 */
export function createFtnParamValidators(
  options: Pick<SandboxBankOptions, 'acrValues' | 'idps'>,
): Record<string, ParamValidator> {
  return {
    acr_values(_ctx, value) {
      if (!value) throw new errors.InvalidRequest('acr_values is mandatory');
      if (matchRequestedAcr(value, options.acrValues) === undefined) {
        throw new errors.InvalidRequest('acr_values contains a value this bank does not offer');
      }
    },
    // oidc-provider leaves nonce optional in the code flow; the FTN banks require it.
    nonce(_ctx, value) {
      if (!value) throw new errors.InvalidRequest('nonce is mandatory');
    },
    ftn_spname(_ctx, value) {
      if (!value?.trim()) throw new errors.InvalidRequest('ftn_spname is mandatory');
    },
    ftn_idp_id(_ctx, value) {
      if (options.idps === undefined) return;
      if (findIdp(options.idps, value) === undefined) {
        throw new errors.InvalidRequest('ftn_idp_id must name a bank served by this broker');
      }
    },
  };
}

/** The first requested acr value, provided every requested value is one this bank offers. */
export function matchRequestedAcr(
  requested: string | undefined,
  accepted: readonly string[],
): string | undefined {
  const values = (requested ?? '').split(' ').filter(Boolean);
  if (values.length === 0 || !values.every((value) => accepted.includes(value))) return undefined;
  return values[0];
}

export function findIdp(
  idps: readonly SandboxIdp[] | undefined,
  ftnIdpId: unknown,
): SandboxIdp | undefined {
  return idps?.find((idp) => idp.ftnIdpId === ftnIdpId);
}
