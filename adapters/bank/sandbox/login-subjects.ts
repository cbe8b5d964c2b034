import { randomBytes } from 'node:crypto';
import type { Account, FindAccount } from 'oidc-provider';
import { personClaims, type ClaimStyle } from './person-claims.ts';
import type { TestPerson } from './test-persons.ts';

// Bounds memory in a long-running sandbox; far more than the codes and tokens still alive.
const MAX_REMEMBERED_LOGINS = 10_000;

/**
 * Gives every login its own random `sub`, as OP does, so a broker that keyed people on
 * the bank's `sub` would fail against the sandbox just as it would in production.
 */
export class LoginSubjects {
  readonly #personBySub = new Map<string, TestPerson>();
  readonly #style: ClaimStyle;

  constructor(style: ClaimStyle) {
    this.#style = style;
  }

  issueSubject(person: TestPerson): string {
    const sub = randomBytes(16).toString('base64url');
    this.#personBySub.set(sub, person);
    if (this.#personBySub.size > MAX_REMEMBERED_LOGINS) {
      const oldest = this.#personBySub.keys().next().value;
      if (oldest !== undefined) this.#personBySub.delete(oldest);
    }
    return sub;
  }

  readonly findAccount: FindAccount = (_ctx, sub) => {
    const person = this.#personBySub.get(sub);
    if (person === undefined) return undefined;
    const account: Account = {
      accountId: sub,
      claims: () => ({ sub, ...personClaims(person, this.#style) }),
    };
    return account;
  };
}
