import { interactionPolicy } from 'oidc-provider';
import { acrMeets, isAcr } from '../identity/identity.ts';
import { requiredAcr } from './required-acr.ts';

const { Check, base } = interactionPolicy;

/**
 * oidc-provider's default policy plus one rule: an existing session whose level is below
 * the requested `acr_values` does not satisfy the request, so SSO never hands a loa2
 * session to an e-service that asked for loa3.
 */
export function createInteractionPolicy(): interactionPolicy.DefaultPolicy {
  const policy = base();
  const login = policy.get('login')!;
  login.checks.add(
    new Check('acr_values_not_met', 'the session does not meet the requested acr_values', (ctx) => {
      const required = requiredAcr(ctx.oidc.params!.acr_values);
      if (required === undefined) return Check.NO_NEED_TO_PROMPT;
      const current = ctx.oidc.session?.acr;
      return current && isAcr(current) && acrMeets(current, required) ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }),
  );
  return policy;
}
