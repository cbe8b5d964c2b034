import type { Context } from 'koa';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { EserviceConfig } from '../../config/schema.ts';
import type { Accounts } from '../../oidc/accounts.ts';
import type { SubjectKeys } from '../../oidc/subject-keys.ts';

export interface Payer {
  /** The pairwise `sub` the e-service knows this citizen by. */
  readonly sub: string;
  readonly name: string;
}

/**
 * The citizen logged in to Portti in this browser, if any: the same session that serves
 * logins (oidc-provider's session cookie), so a citizen who just identified to the
 * e-service is shown as the payer, and the payment records their pairwise `sub`.
 */
export async function readPayer(deps: { readonly provider: Provider; readonly accounts: Accounts; readonly subjects: SubjectKeys }, ctx: Context, eservice: EserviceConfig): Promise<Payer | undefined> {
  let accountId: string | undefined;
  try {
    accountId = (await deps.provider.Session.get(ctx as unknown as KoaContextWithOIDC))?.accountId;
  } catch {
    return undefined;
  }
  if (!accountId) return undefined;
  const account = await deps.accounts.findAccount(ctx as unknown as KoaContextWithOIDC, accountId);
  if (!account) return undefined;
  const claims = await account.claims('userinfo', 'openid profile', {}, []);
  return { sub: deps.subjects.pairwiseSub(accountId, eservice.sector ?? eservice.clientId), name: String(claims.name ?? '') };
}
