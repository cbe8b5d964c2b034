import type Router from '@koa/router';
import type { Context } from 'koa';
import type { IdentificationFailure, MethodOption } from '../identity/identification-method.ts';
import type { LoadedInteraction } from './load-interaction.ts';
import type { InteractionDependencies } from './interaction-router.ts';
import { rememberLanguageSwitch } from './remember-language.ts';
import { showMethodFailure } from './show-method-failure.ts';

const choiceUrlOf = (uid: string) => `/interaction/${encodeURIComponent(uid)}`;
const resultUrlOf = (uid: string) => `${choiceUrlOf(uid)}/card/result`;

/**
 * After a card attempt failed (and was audited): its page at a stable address. The return
 * URL it came from is single-use, and a reload or a language switch must still work.
 */
export async function showCardFailure(ctx: Context, deps: InteractionDependencies, uid: string, option: MethodOption, failure: IdentificationFailure): Promise<void> {
  await deps.pending.recordFailure(uid, {
    method: 'card', optionId: option.id, reason: failure.reason, code: failure.code, retryable: failure.retryable !== false, correlationId: ctx.state.correlationId,
  });
  ctx.status = 303;
  ctx.redirect(`${resultUrlOf(uid)}?ref=${encodeURIComponent(ctx.state.correlationId)}`);
}

/** The card method's own page: the last failure of this login, as often as the citizen reloads it, in the language chosen. */
export function addCardRoutes(router: Router, parts: { readonly deps: InteractionDependencies; readonly load: (ctx: Context) => Promise<LoadedInteraction> }): void {
  const { deps, load } = parts;

  async function showCardResult(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    rememberLanguageSwitch(ctx, deps.secureCookies);
    const { uid } = interaction;
    const failure = await deps.pending.lastFailure(uid);
    if (failure?.method !== 'card') {
      ctx.status = 303;
      ctx.redirect(choiceUrlOf(uid));
      return;
    }
    showMethodFailure(ctx, {
      uid,
      method: 'card',
      failure,
      // "Try again" is a new hand-off: the method choice's own form, with this option.
      retry: { kind: 'form', action: `${choiceUrlOf(uid)}/method`, csrfToken: deps.csrf.tokenFor(uid), option: failure.optionId },
      correlationId: failure.correlationId,
      languageUrl: (locale) => `${resultUrlOf(uid)}?lang=${locale}`,
    });
  }

  router.get('/interaction/:uid/card/result', showCardResult);
}
