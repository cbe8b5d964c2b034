import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { OidcPayload, OidcStore } from './storage.ts';

/**
 * oidc-provider's persistence interface over our OidcStore: one adapter per model name,
 * all sharing the store, so sessions, interactions and codes survive a restart and are
 * seen by every worker process.
 */
export function createOidcAdapterFactory(store: OidcStore): (model: string) => Adapter {
  return (model) => ({
    upsert: (id, payload, expiresIn) => store.upsert(model, id, payload as OidcPayload, expiresIn),
    find: async (id) => (await store.find(model, id)) as AdapterPayload | undefined,
    findByUid: async (uid) => (await store.findByUid(model, uid)) as AdapterPayload | undefined,
    findByUserCode: async (code) => (await store.findByUserCode(model, code)) as AdapterPayload | undefined,
    consume: (id) => store.consume(model, id),
    destroy: (id) => store.destroy(model, id),
    revokeByGrantId: (grantId) => store.revokeByGrantId(model, grantId),
  });
}
