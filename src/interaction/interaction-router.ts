import Router from '@koa/router';
import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { EserviceConfig } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Accounts } from '../oidc/accounts.ts';
import type { SubjectKeys } from '../oidc/subject-keys.ts';
import { InteractionExpiredError } from '../errors/http-errors.ts';
import { readForm } from '../http/read-form.ts';
import { requestLocale } from '../http/request-locale.ts';
import { rememberLanguageSwitch } from './remember-language.ts';
import { translate } from '../i18n/catalog.ts';
import { renderMethodChoicePage } from '../views/pages/method-choice-page.ts';
import { loadInteraction, type LoadedInteraction } from './load-interaction.ts';
import { abortLogin, finishLogin } from './finish-login.ts';
import type { Csrf } from './csrf.ts';
import type { MethodRegistry } from './method-registry.ts';
import type { PendingIdentifications } from './pending-identifications.ts';
import { auditUnsuccessful } from './audit-unsuccessful.ts';
import { IdentificationFailedError } from './identification-failed-error.ts';
import { MethodUnavailableError } from '../identity/method-unavailable-error.ts';
import { addMobileRoutes } from './mobile-routes.ts';
import { addCardRoutes, showCardFailure } from './card-routes.ts';

export interface InteractionDependencies {
  readonly provider: Provider;
  readonly eservices: readonly EserviceConfig[];
  readonly methods: MethodRegistry;
  readonly pending: PendingIdentifications;
  readonly csrf: Csrf;
  readonly accounts: Accounts;
  readonly subjects: SubjectKeys;
  readonly audit: AuditLog;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  readonly secureCookies: boolean;
}

const retryUrlOf = (uid: string) => `/interaction/${encodeURIComponent(uid)}`;

const NOTICES = { cancelled: 'error.bank.cancelled', failed: 'error.bank.failed' } as const;

/**
 * The citizen's side of a login: method choice, hand-off to a method, the method's return,
 * and cancel. Each route is its steps in order; every POST checks the CSRF token first.
 */
export function createInteractionRouter(deps: InteractionDependencies): Router {
  const router = new Router();
  const eservices = new Map(deps.eservices.map((e) => [e.clientId, e]));
  const load = async (ctx: Context) => {
    const interaction = await loadInteraction(ctx, deps.provider, eservices);
    // Error pages after this point speak the citizen's language, ui_locales included.
    ctx.state.locale = requestLocale(ctx, interaction.details.params.ui_locales);
    return interaction;
  };
  const serviceName = (ctx: Context, interaction: LoadedInteraction) =>
    interaction.eservice.name[requestLocale(ctx, interaction.details.params.ui_locales)];

  async function showMethodChoice(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    rememberLanguageSwitch(ctx, deps.secureCookies);
    if (interaction.details.prompt.name !== 'login') {
      throw new InteractionExpiredError(`unexpected prompt ${interaction.details.prompt.name}`);
    }
    const locale = requestLocale(ctx, interaction.details.params.ui_locales);
    const notice = NOTICES[String(ctx.query.notice) as keyof typeof NOTICES];
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderMethodChoicePage({
      locale,
      nonce: ctx.state.cspNonce,
      uid: interaction.uid,
      csrfToken: deps.csrf.tokenFor(interaction.uid),
      serviceName: serviceName(ctx, interaction),
      options: deps.methods.optionsMeeting(interaction.requiredAcr),
      ...(notice ? { notice: translate(locale, notice) } : {}),
    });
  }

  async function startMethod(ctx: Context): Promise<void> {
    const form = await readForm(ctx, deps.maxBodyBytes);
    const interaction = await load(ctx);
    deps.csrf.verify(interaction.uid, form.get('csrf'));
    const { option, method } = deps.methods.resolve(form.get('option'), interaction.requiredAcr);
    if (method.flow === 'decoupled') {
      // Decoupled methods first ask for the citizen's user id on their own page.
      ctx.status = 303;
      ctx.redirect(`/interaction/${encodeURIComponent(interaction.uid)}/${method.kind}`);
      return;
    }
    let started: Awaited<ReturnType<typeof method.start>>;
    try {
      started = await method.start({
        interactionUid: interaction.uid,
        optionId: option.id,
        locale: requestLocale(ctx, interaction.details.params.ui_locales),
        eserviceName: serviceName(ctx, interaction),
        correlationId: ctx.state.correlationId,
      });
    } catch (error) {
      if (error instanceof MethodUnavailableError) {
        await auditUnsuccessful(deps.audit, ctx, interaction, option, { reason: 'upstream_error', code: error.code });
        error.retryUrl = retryUrlOf(interaction.uid);
      }
      throw error;
    }
    await deps.pending.save(interaction.uid, started.pending);
    deps.logger.info('identification started', { correlationId: ctx.state.correlationId, uid: interaction.uid, option: option.id });
    ctx.status = 303;
    ctx.redirect(started.url);
  }

  async function abort(ctx: Context): Promise<void> {
    const form = await readForm(ctx, deps.maxBodyBytes);
    const interaction = await load(ctx);
    deps.csrf.verify(interaction.uid, form.get('csrf'));
    await abortLogin(deps.provider, ctx, 'The citizen cancelled the identification');
  }

  /** Upstream redirect URI: it arrives without our cookie path, so find the interaction by its return key. */
  async function routeUpstreamReturn(ctx: Context): Promise<void> {
    const key = typeof ctx.query.state === 'string' ? ctx.query.state : undefined;
    const uid = key && key.length <= 200 ? await deps.pending.uidForReturnKey(key) : undefined;
    if (!uid) throw new InteractionExpiredError('no pending identification for this return');
    ctx.status = 303;
    ctx.redirect(`/interaction/${encodeURIComponent(uid)}/return?${ctx.querystring}`);
  }

  async function completeMethod(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    const pending = await deps.pending.take(interaction.uid);
    if (!pending) throw new InteractionExpiredError('no pending identification for this interaction');
    const { option, method } = deps.methods.resolve(pending.optionId, undefined);
    if (method.flow === 'decoupled') throw new InteractionExpiredError('a decoupled method has no return');
    const outcome = await method.complete({
      pending,
      params: new URLSearchParams(ctx.querystring),
      correlationId: ctx.state.correlationId,
    });
    if (outcome.ok) {
      await finishLogin(deps, ctx, interaction, outcome.identity);
      return;
    }
    const { failure } = outcome;
    await auditUnsuccessful(deps.audit, ctx, interaction, option, failure);
    const level = failure.reason === 'cancelled' ? 'info' : 'warn';
    deps.logger[level]('identification did not succeed', {
      correlationId: ctx.state.correlationId, option: option.id, reason: failure.reason, code: failure.code, detail: failure.detail, cause: failure.cause,
    });
    if (failure.reason === 'cancelled') {
      ctx.status = 303;
      ctx.redirect(`/interaction/${encodeURIComponent(interaction.uid)}?notice=cancelled`);
      return;
    }
    if (option.kind === 'card') return showCardFailure(ctx, deps, interaction.uid, option, failure);
    throw new IdentificationFailedError(failure, retryUrlOf(interaction.uid));
  }

  router.get('/interaction/callback/:kind', routeUpstreamReturn);
  router.get('/interaction/:uid', showMethodChoice);
  router.post('/interaction/:uid/method', startMethod);
  router.post('/interaction/:uid/abort', abort);
  router.get('/interaction/:uid/return', completeMethod);
  addMobileRoutes(router, { deps, load, serviceName });
  addCardRoutes(router, { deps, load });
  return router;
}
