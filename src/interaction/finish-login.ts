import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { Identity } from '../identity/identity.ts';
import type { Accounts } from '../oidc/accounts.ts';
import type { SubjectKeys } from '../oidc/subject-keys.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { LoadedInteraction } from './load-interaction.ts';

export interface FinishLoginDependencies {
  readonly provider: Provider;
  readonly accounts: Accounts;
  readonly subjects: SubjectKeys;
  readonly audit: AuditLog;
}

/** Logs the verified person in, records it, and hands the browser back to oidc-provider. */
export async function finishLogin(deps: FinishLoginDependencies, ctx: Context, interaction: LoadedInteraction, identity: Identity): Promise<void> {
  const accountId = await deps.accounts.remember(identity);
  await deps.audit.identification({
    outcome: 'succeeded',
    correlationId: ctx.state.correlationId,
    clientId: interaction.eservice.clientId,
    method: identity.method,
    subMethod: identity.subMethod,
    acr: identity.acr,
    sub: deps.subjects.pairwiseSub(accountId, interaction.eservice.sector ?? interaction.eservice.clientId),
  });
  const redirectTo = await deps.provider.interactionResult(ctx.req, ctx.res, {
    login: { accountId, acr: identity.acr, amr: [...identity.amr], ts: identity.authTime, remember: false },
  }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}

/** Ends the interaction with `access_denied`: the citizen chose to go back to the e-service. */
export async function abortLogin(provider: Provider, ctx: Context, description: string): Promise<void> {
  const redirectTo = await provider.interactionResult(ctx.req, ctx.res, {
    error: 'access_denied',
    error_description: description,
  }, { mergeWithLastSubmission: false });
  ctx.status = 303;
  ctx.redirect(redirectTo);
}
