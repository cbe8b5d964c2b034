import type Router from '@koa/router';
import type { Context } from 'koa';
import type { DecoupledIdentificationMethod, IdentificationFailure, MethodOption } from '../identity/identification-method.ts';
import type { MessageKey } from '../i18n/catalog.ts';
import { InteractionExpiredError } from '../errors/http-errors.ts';
import { readForm } from '../http/read-form.ts';
import { renderMobilePhonePage } from '../views/pages/mobile-phone-page.ts';
import { renderMobileWaitPage } from '../views/pages/mobile-wait-page.ts';
import type { LoadedInteraction } from './load-interaction.ts';
import type { InteractionDependencies } from './interaction-router.ts';
import { finishLogin } from './finish-login.ts';
import { showMethodFailure } from './show-method-failure.ts';
import { rememberLanguageSwitch } from './remember-language.ts';
import type { RecordedFailure } from './pending-identifications.ts';
import { auditUnsuccessful } from './audit-unsuccessful.ts';
import { createDecoupledPolling } from './decoupled-polling.ts';

export interface MobileRouteParts {
  readonly deps: InteractionDependencies;
  readonly load: (ctx: Context) => Promise<LoadedInteraction>;
  readonly serviceName: (ctx: Context, interaction: LoadedInteraction) => string;
}

const PHONE_ERROR_STATUS: Readonly<Partial<Record<MessageKey, number>>> = {
  'mobile.phone.busy': 409,
  'mobile.phone.throttled': 429,
  'mobile.phone.throttledAddress': 429,
};

/**
 * The mobile certificate's screens: phone number, waiting page (with its JSON status for
 * the page's script), and the result. Each route is its steps in order; POSTs check the
 * CSRF token first; every route is bound to the browser's own interaction.
 */
export function addMobileRoutes(router: Router, parts: MobileRouteParts): void {
  const { deps, load } = parts;
  const transactions = deps.pending.decoupled;
  const polling = createDecoupledPolling(transactions, deps.methods, deps.logger);
  const paths = (uid: string) => {
    const base = `/interaction/${encodeURIComponent(uid)}`;
    return { choice: base, phone: `${base}/mobile`, wait: `${base}/mobile/wait`, result: `${base}/mobile/result` };
  };

  function mobileMethod(interaction: LoadedInteraction): { option: MethodOption; method: DecoupledIdentificationMethod } {
    const method = deps.methods.byKind('mobile');
    const optionId = method?.options()[0]?.id ?? null;
    return deps.methods.resolveDecoupled(optionId, interaction.requiredAcr);
  }

  function showPhone(ctx: Context, interaction: LoadedInteraction, status = 200, error?: MessageKey, phone?: string): void {
    ctx.status = status;
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderMobilePhonePage({
      locale: ctx.state.locale,
      nonce: ctx.state.cspNonce,
      uid: interaction.uid,
      csrfToken: deps.csrf.tokenFor(interaction.uid),
      serviceName: parts.serviceName(ctx, interaction),
      ...(error ? { error } : {}),
      ...(phone !== undefined ? { phone } : {}),
    });
  }

  /** Audits the failure once and shows its page; the page is kept so that a reload (or a language switch) shows it again. */
  async function showFailure(ctx: Context, interaction: LoadedInteraction, option: MethodOption, failure: Omit<IdentificationFailure, 'cause'>): Promise<void> {
    await auditUnsuccessful(deps.audit, ctx, interaction, option, failure);
    await deps.pending.recordFailure(interaction.uid, {
      method: 'mobile', optionId: option.id, reason: failure.reason, code: failure.code, retryable: failure.retryable !== false, correlationId: ctx.state.correlationId,
    });
    showRecordedFailure(ctx, interaction.uid, { ...failure, correlationId: ctx.state.correlationId });
  }

  function showRecordedFailure(ctx: Context, uid: string, failure: Pick<RecordedFailure, 'reason' | 'code' | 'correlationId'> & { readonly retryable?: boolean }): void {
    showMethodFailure(ctx, {
      uid,
      method: 'mobile',
      failure,
      retry: { kind: 'link', href: paths(uid).phone },
      correlationId: failure.correlationId,
      languageUrl: (locale) => `${paths(uid).result}?lang=${locale}`,
    });
  }

  async function showPhoneNumberPage(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    mobileMethod(interaction);
    showPhone(ctx, interaction);
  }

  async function sendSignatureRequest(ctx: Context): Promise<void> {
    const form = await readForm(ctx, deps.maxBodyBytes);
    const interaction = await load(ctx);
    deps.csrf.verify(interaction.uid, form.get('csrf'));
    const { option, method } = mobileMethod(interaction);
    const typed = (form.get('phone') ?? '').slice(0, 40);
    if (typed.trim() === '') return showPhone(ctx, interaction, 400, 'mobile.phone.missing', typed);
    const userId = method.parseUserId(typed);
    if (!userId) return showPhone(ctx, interaction, 400, 'mobile.phone.invalid', typed);

    const current = await transactions.find(interaction.uid);
    if (current && !current.result && current.pending.userId === userId && current.pending.deadline > Date.now()) {
      // The same request is still on the phone (a reload or the back button): keep waiting for it.
      ctx.status = 303;
      return ctx.redirect(paths(interaction.uid).wait);
    }
    const claim = await transactions.claimUserId(userId, interaction.uid, Date.now() + 60_000);
    const refuse = async (message: MessageKey) => {
      if (claim === 'claimed') await transactions.releaseUserId(userId, interaction.uid);
      deps.logger.info('mobile request refused', { correlationId: ctx.state.correlationId, uid: interaction.uid, reason: message });
      showPhone(ctx, interaction, PHONE_ERROR_STATUS[message], message, typed);
    };
    if (claim === 'busy' || (claim === 'own' && current?.pending.userId !== userId)) return refuse('mobile.phone.busy');
    const { maxAttempts, maxAttemptsPerAddress, attemptWindowSeconds } = method.policy;
    // The address first: someone trying number after number is stopped before any phone is disturbed.
    if (!(await transactions.countAttempt(`address ${ctx.ip}`, maxAttemptsPerAddress, attemptWindowSeconds))) {
      return refuse('mobile.phone.throttledAddress');
    }
    if (!(await transactions.countAttempt(userId, maxAttempts, attemptWindowSeconds))) {
      return refuse('mobile.phone.throttled');
    }

    const started = await method.start({
      interactionUid: interaction.uid,
      optionId: option.id,
      userId,
      locale: ctx.state.locale,
      eserviceName: parts.serviceName(ctx, interaction),
      correlationId: ctx.state.correlationId,
    });
    if (!started.ok) {
      await transactions.releaseUserId(userId, interaction.uid);
      polling.logFailure(ctx.state.correlationId, option, started.failure);
      return showFailure(ctx, interaction, option, started.failure);
    }
    await transactions.holdUserId(userId, interaction.uid, started.pending.deadline);
    await transactions.save(interaction.uid, { pending: started.pending });
    deps.logger.info('identification started', { correlationId: ctx.state.correlationId, uid: interaction.uid, option: option.id });
    ctx.status = 303;
    ctx.redirect(paths(interaction.uid).wait);
  }

  async function showWaitPage(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    const record = await polling.advance(interaction.uid, ctx.state.correlationId);
    if (!record || record.result) {
      ctx.status = 303;
      return ctx.redirect(record ? paths(interaction.uid).result : paths(interaction.uid).phone);
    }
    const { method } = mobileMethod(interaction);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'html';
    ctx.body = renderMobileWaitPage({
      locale: ctx.state.locale,
      nonce: ctx.state.cspNonce,
      uid: interaction.uid,
      msisdn: record.pending.userId,
      eventId: record.pending.displayCode,
      pollMs: method.policy.browserPollMs,
    });
  }

  async function answerStatus(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    const record = await polling.advance(interaction.uid, ctx.state.correlationId);
    ctx.set('Cache-Control', 'no-store');
    ctx.body = !record
      ? { state: 'none', next: paths(interaction.uid).phone }
      : record.result
        ? { state: 'done', next: paths(interaction.uid).result }
        : { state: 'outstanding', eventId: record.pending.displayCode };
  }

  async function finish(ctx: Context): Promise<void> {
    const interaction = await load(ctx);
    const found = await transactions.find(interaction.uid);
    if (found && !found.result) {
      ctx.status = 303;
      return ctx.redirect(paths(interaction.uid).wait);
    }
    const record = await transactions.take(interaction.uid);
    if (!record?.result) {
      const shown = await deps.pending.lastFailure(interaction.uid);
      if (shown?.method !== 'mobile') throw new InteractionExpiredError('no finished mobile identification for this interaction');
      rememberLanguageSwitch(ctx, deps.secureCookies);
      return showRecordedFailure(ctx, interaction.uid, shown);
    }
    const { option } = deps.methods.resolveDecoupled(record.pending.optionId, undefined);
    if (record.result.ok) return finishLogin(deps, ctx, interaction, record.result.identity);
    return showFailure(ctx, interaction, option, record.result.failure);
  }

  router.get('/interaction/:uid/mobile', showPhoneNumberPage);
  router.post('/interaction/:uid/mobile', sendSignatureRequest);
  router.get('/interaction/:uid/mobile/wait', showWaitPage);
  router.get('/interaction/:uid/mobile/status', answerStatus);
  router.get('/interaction/:uid/mobile/result', finish);
}
