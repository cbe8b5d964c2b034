import type { Account, FindAccount } from 'oidc-provider';
import type { Identity } from '../identity/identity.ts';
import type { OidcStore } from '../storage/storage.ts';
import type { SubjectKeys } from './subject-keys.ts';

/** Model name under which identified persons are kept for the length of a session. */
const ACCOUNT_MODEL = 'Account';

/**
 * The citizens Portti has identified, keyed by person key. An account lives only as long
 * as a session may refer to it: Portti is a broker, not a population register.
 */
export interface Accounts {
  /** Records a fresh identification and returns the account id to log in with. */
  remember(identity: Identity): Promise<string>;
  readonly findAccount: FindAccount;
}

export function createAccounts(store: OidcStore, keys: SubjectKeys, lifetimeSeconds: number): Accounts {
  return {
    async remember(identity) {
      const accountId = keys.personKey(identity.hetu);
      await store.upsert(ACCOUNT_MODEL, accountId, { identity: { ...identity } }, lifetimeSeconds);
      return accountId;
    },
    async findAccount(_ctx, accountId): Promise<Account | undefined> {
      const record = await store.find(ACCOUNT_MODEL, accountId);
      if (!record) return undefined;
      const identity = record.identity as Identity;
      return { accountId, claims: () => claimsOf(accountId, identity) };
    },
  };
}

/** Every claim Portti knows; oidc-provider releases only those the grant allows. */
function claimsOf(accountId: string, identity: Identity): { sub: string; [claim: string]: unknown } {
  return {
    sub: accountId,
    name: `${identity.givenName} ${identity.familyName}`,
    given_name: identity.givenName,
    family_name: identity.familyName,
    birthdate: identity.birthdate,
    personal_identity_code: identity.hetu,
    ...(identity.satu ? { satu: identity.satu } : {}),
  };
}
