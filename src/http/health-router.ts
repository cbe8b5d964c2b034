import Router from '@koa/router';
import type { KeySet } from '../keys/key-set.ts';

/** Liveness for load balancers, and the RP key set the banks fetch (FTN `jwks_uri`). */
export function createPublicRouter(keys: KeySet): Router {
  const router = new Router();
  router.get('/health', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  router.get('/upstream/jwks', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/jwk-set+json';
    ctx.body = keys.rpPublicJwks;
  });
  return router;
}
