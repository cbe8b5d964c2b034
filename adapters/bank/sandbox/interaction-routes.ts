import Router from '@koa/router';
import type { Context, Next } from 'koa';
import { errors } from 'oidc-provider';
import type Provider from 'oidc-provider';
import type { Interaction, InteractionResults } from 'oidc-provider';
import { SANDBOX_SCOPES } from './create-bank-provider.ts';
import { findIdp, matchRequestedAcr } from './ftn-request-checks.ts';
import type { InteractionCsrf } from './interaction-csrf.ts';
import { pickLocale, renderErrorPage, renderLoginPage } from './login-page.ts';
import type { LoginSubjects } from './login-subjects.ts';
import { readFormBody } from './read-form-body.ts';
import type { SandboxBankOptions } from './sandbox-bank-options.ts';
import type { TestPerson } from './test-persons.ts';

export interface InteractionDeps {
  provider: Provider;
  options: SandboxBankOptions;
  persons: readonly TestPerson[];
  subjects: LoginSubjects;
  csrf: InteractionCsrf;
}

interface InteractionState {
  form?: URLSearchParams;
  interaction?: Interaction;
}
type InteractionContext = Context & { state: InteractionState; params: Record<string, string> };

/** The bank's own login page: GET shows it, POST /login identifies, POST /abort cancels. */
export function createInteractionRouter(deps: InteractionDeps): Router {
  const router = new Router({ prefix: '/interaction' });
  router.use(renderErrors(deps.options.name), preventCaching);
  router.get('/:uid', loadInteraction(deps), showLoginPage(deps));
  router.post('/:uid/login', readForm, checkCsrfToken(deps), loadInteraction(deps), identify(deps));
  router.post('/:uid/abort', readForm, checkCsrfToken(deps), loadInteraction(deps), cancel(deps));
  return router;
}

function renderErrors(bankName: string) {
  return async function renderInteractionErrors(ctx: Context, next: Next) {
    try {
      await next();
    } catch (error) {
      const { status, expose, message } = error as { status?: number; expose?: boolean; message: string };
      if (error instanceof errors.SessionNotFound) {
        ctx.status = 400;
        ctx.body = renderErrorPage(bankName, 'This identification has expired or was not found. Return to the e-service and start again.');
      } else if (expose && status !== undefined && status >= 400 && status < 500) {
        ctx.status = status;
        ctx.body = renderErrorPage(bankName, message);
      } else {
        ctx.app.emit('error', error, ctx);
        ctx.status = 500;
        ctx.body = renderErrorPage(bankName, 'The sandbox bank failed.');
      }
      ctx.type = 'html';
    }
  };
}

async function preventCaching(ctx: Context, next: Next) {
  ctx.set('Cache-Control', 'no-store');
  await next();
}

async function readForm(ctx: InteractionContext, next: Next) {
  ctx.state.form = await readFormBody(ctx);
  await next();
}

function checkCsrfToken({ csrf }: InteractionDeps) {
  return async function checkInteractionCsrfToken(ctx: InteractionContext, next: Next) {
    if (!csrf.verify(ctx.params.uid ?? '', ctx.state.form?.get('csrf'))) {
      ctx.throw(403, 'The form has expired. Return to the e-service and start again.');
    }
    await next();
  };
}

function loadInteraction({ provider }: InteractionDeps) {
  return async function loadCurrentInteraction(ctx: InteractionContext, next: Next) {
    const interaction = await provider.interactionDetails(ctx.req, ctx.res);
    if (interaction.uid !== ctx.params.uid) {
      throw new errors.SessionNotFound('interaction cookie and path do not match');
    }
    ctx.state.interaction = interaction;
    await next();
  };
}

function showLoginPage({ options, persons, csrf }: InteractionDeps) {
  return function renderBankLoginPage(ctx: InteractionContext) {
    const { uid, params } = ctx.state.interaction!;
    ctx.type = 'html';
    ctx.body = renderLoginPage({
      uid,
      csrfToken: csrf.tokenFor(uid),
      locale: pickLocale(params.ui_locales),
      bankName: options.name,
      spName: String(params.ftn_spname ?? ''),
      idpName: findIdp(options.idps, params.ftn_idp_id)?.name,
      persons,
    });
  };
}

function identify({ provider, options, persons, subjects }: InteractionDeps) {
  return async function identifyPerson(ctx: InteractionContext) {
    const { uid, params } = ctx.state.interaction!;
    const person = persons.find((candidate) => candidate.id === ctx.state.form?.get('person'));
    if (person === undefined) ctx.throw(400, 'Choose a test person.');
    const acr = matchRequestedAcr(String(params.acr_values ?? ''), options.acrValues);
    const accountId = subjects.issueSubject(person);
    const grant = new provider.Grant({ accountId, clientId: String(params.client_id) });
    const requested = String(params.scope ?? '').split(' ');
    grant.addOIDCScope(SANDBOX_SCOPES.filter((scope) => requested.includes(scope)));
    const grantId = await grant.save();
    log(options, params, { event: 'login', uid, person: person.id, acr });
    // remember: false keeps no lasting session: a bank identifies on every request, without SSO.
    await finish(ctx, provider, { login: { accountId, acr, remember: false }, consent: { grantId } });
  };
}

function cancel({ provider, options }: InteractionDeps) {
  return async function cancelIdentification(ctx: InteractionContext) {
    const { uid, params } = ctx.state.interaction!;
    log(options, params, { event: 'cancel', uid, error: options.cancelError });
    await finish(ctx, provider, { error: options.cancelError, error_description: 'The user cancelled' });
  };
}

// interactionFinished without writing the response itself, so a failure still gets a page.
async function finish(ctx: Context, provider: Provider, result: InteractionResults) {
  const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
    mergeWithLastSubmission: false,
  });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

function log(options: SandboxBankOptions, params: Interaction['params'], event: Record<string, unknown>) {
  options.logger?.({
    time: new Date().toISOString(),
    bank: options.id,
    idp: findIdp(options.idps, params.ftn_idp_id)?.id,
    clientId: params.client_id,
    ...event,
  });
}
