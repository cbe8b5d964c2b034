import http from 'node:http';
import Koa from 'koa';
import type { Context } from 'koa';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import type Provider from 'oidc-provider';
import { createBankProvider } from './create-bank-provider.ts';
import { InteractionCsrf } from './interaction-csrf.ts';
import { createInteractionRouter } from './interaction-routes.ts';
import { LoginSubjects } from './login-subjects.ts';
import type { RunningSandboxBank, SandboxBankOptions } from './sandbox-bank-options.ts';
import { TEST_PERSONS } from './test-persons.ts';
import { listen } from '../../../src/http/listen.ts';

export type { RunningSandboxBank, SandboxBankOptions } from './sandbox-bank-options.ts';

/** Starts an FTN-profile bank OP over plain HTTP for development and tests. */
export async function startSandboxBank(options: SandboxBankOptions): Promise<RunningSandboxBank> {
  // Listen before building the provider: with port 0 the issuer needs the actual port.
  const server = http.createServer();
  const port = await listen(server, options.port, options.host);
  const close = () => closeServer(server);
  try {
    const issuer = options.issuer ?? `http://localhost:${port}`;
    const subjects = new LoginSubjects(options.claimStyle);
    const provider = createBankProvider(issuer, options, [await generateSigningKey()], subjects);
    const app = new Koa();
    const interactions = createInteractionRouter({
      provider,
      options,
      persons: options.persons ?? TEST_PERSONS,
      subjects,
      csrf: new InteractionCsrf(),
    });
    app.use(interactions.routes());
    app.use(mountProvider(provider));
    server.on('request', app.callback());
    return { issuer, port, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function generateSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' };
}

function mountProvider(provider: Provider) {
  const handle = provider.callback();
  return function delegateToProvider(ctx: Context) {
    if (ctx.path === '/auth' || ctx.path.startsWith('/auth/')) forgetBankSession(ctx.req);
    ctx.respond = false;
    return handle(ctx.req, ctx.res);
  };
}

/*
 * Banks keep no single sign-on: every authorization request identifies the citizen again
 * and yields a new random `sub`. Hiding oidc-provider's session cookie from the
 * authorization and resume endpoints gives each request a fresh session, so neither a
 * silent SSO answer nor the "switch account" logout form can appear.
 */
function forgetBankSession(req: http.IncomingMessage) {
  const { cookie } = req.headers;
  if (cookie === undefined) return;
  req.headers.cookie = cookie
    .split(';')
    .filter((pair) => !/^\s*_session(\.sig)?=/.test(pair))
    .join(';');
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
