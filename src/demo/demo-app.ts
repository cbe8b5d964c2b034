import Koa from 'koa';
import Router from '@koa/router';
import { receiveBackchannelLogout } from './backchannel-logout.ts';
import type { DemoDeps } from './demo-deps.ts';
import { demoSecurityHeaders } from './demo-security-headers.ts';
import { finishLogin } from './finish-login.ts';
import { answerErrorsInJson, handleDemoErrors } from './handle-demo-errors.ts';
import { logOut } from './log-out.ts';
import { showHome } from './show-home.ts';
import { startLogin } from './start-login.ts';
import { addPaymentRoutes } from './payments/payment-routes.ts';

/** Mount order, and each route's steps in order. */
export function createDemoApp(deps: DemoDeps): Koa {
  const router = new Router();
  router.get('/', showHome(deps));
  router.get('/login', startLogin(deps));
  router.get('/callback', finishLogin(deps));
  router.post('/logout', logOut(deps));
  router.post('/backchannel-logout', answerErrorsInJson, receiveBackchannelLogout(deps));
  if (deps.payments) addPaymentRoutes(router, deps.payments, deps.log);

  const app = new Koa();
  app.silent = true;
  app.use(demoSecurityHeaders);
  app.use(handleDemoErrors(deps.log));
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
