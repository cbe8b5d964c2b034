import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  /** Epoch milliseconds; undefined never expires. */
  readonly expiresAt: number | undefined;
}

/**
 * The sandbox bank's own storage: in memory, one per bank, on purpose. A sandbox bank is a
 * stand-in for an organisation whose storage is not ours, and its sessions need not
 * survive a restart. Written out (rather than oidc-provider's development adapter) so that
 * every start does not warn an operator about a store Portti itself never uses.
 */
export function createSandboxMemoryAdapter(): AdapterFactory {
  const entries = new Map<string, Entry>();
  const live = (key: string): AdapterPayload | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  let writes = 0;
  // Records nobody reads again (most of them) would otherwise stay for good in a long run.
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt !== undefined && entry.expiresAt <= now) entries.delete(key);
  };
  return (model: string): Adapter => {
    const key = (id: string) => `${model}:${id}`;
    const index = (kind: string, value: string) => `${model}:${kind}:${value}`;
    return {
      async upsert(id, payload, expiresIn) {
        if (++writes % 1000 === 0) sweep();
        const expiresAt = expiresIn === undefined ? undefined : Date.now() + expiresIn * 1000;
        entries.set(key(id), { payload, expiresAt });
        if (payload.uid) entries.set(index('uid', payload.uid), { payload: { id } as AdapterPayload, expiresAt });
        if (payload.userCode) entries.set(index('userCode', payload.userCode), { payload: { id } as AdapterPayload, expiresAt });
        if (payload.grantId) {
          const grant = `grant:${payload.grantId}`;
          const ids = (live(grant)?.ids as string[] | undefined) ?? [];
          entries.set(grant, { payload: { ids: [...ids, key(id)] } as AdapterPayload, expiresAt: undefined });
        }
      },
      async find(id) {
        return live(key(id));
      },
      async findByUid(uid) {
        const id = live(index('uid', uid))?.id;
        return typeof id === 'string' ? live(key(id)) : undefined;
      },
      async findByUserCode(userCode) {
        const id = live(index('userCode', userCode))?.id;
        return typeof id === 'string' ? live(key(id)) : undefined;
      },
      async consume(id) {
        const entry = entries.get(key(id));
        if (entry) entries.set(key(id), { ...entry, payload: { ...entry.payload, consumed: Math.floor(Date.now() / 1000) } });
      },
      async destroy(id) {
        entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const id of (live(`grant:${grantId}`)?.ids as string[] | undefined) ?? []) entries.delete(id);
        entries.delete(`grant:${grantId}`);
      },
    };
  };
}
