import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { EserviceConfig } from '../config/schema.ts';
import { InteractionExpiredError } from '../errors/http-errors.ts';
import { requiredAcr } from '../oidc/required-acr.ts';
import type { Acr } from '../identity/identity.ts';

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export interface LoadedInteraction {
  readonly uid: string;
  readonly details: Details;
  readonly eservice: EserviceConfig;
  readonly requiredAcr: Acr | undefined;
}

/**
 * The interaction this browser is in. oidc-provider finds it by its interaction cookie,
 * so a uid copied into another browser finds nothing: that binds every step to the
 * browser that started the login.
 */
export async function loadInteraction(
  ctx: Context,
  provider: Provider,
  eservices: ReadonlyMap<string, EserviceConfig>,
): Promise<LoadedInteraction> {
  let details: Details;
  try {
    details = await provider.interactionDetails(ctx.req, ctx.res);
  } catch (cause) {
    throw new InteractionExpiredError('interaction not found for this browser', { cause });
  }
  if (details.uid !== ctx.params.uid) throw new InteractionExpiredError('interaction cookie belongs to another interaction');
  const eservice = eservices.get(String(details.params.client_id));
  if (!eservice) throw new InteractionExpiredError('interaction of an unknown client');
  return { uid: details.uid, details, eservice, requiredAcr: requiredAcr(details.params.acr_values) };
}
