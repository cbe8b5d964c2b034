import { randomUUID } from 'node:crypto';
import type { ProviderStatus } from '../../../src/payments/payment-provider.ts';
import type { PaytrailAlgorithm } from '../paytrail-signature.ts';
import type { CreateBody } from './check-create-body.ts';

export interface SandboxRefund {
  readonly transactionId: string;
  readonly refundStamp: string;
  readonly refundReference: string;
  readonly amount: number;
  status: ProviderStatus;
  readonly callbackUrl: string | null;
}

/** A payment as the merchant created it, and what has happened to it since. */
export interface SandboxTransaction extends CreateBody {
  readonly transactionId: string;
  readonly account: string;
  /** The algorithm the merchant signed with; redirects and callbacks use it too. */
  readonly algorithm: PaytrailAlgorithm;
  status: ProviderStatus;
  provider: string | null;
  readonly createdAt: string;
  paidAt: string | null;
  readonly refunds: SandboxRefund[];
}

/** The sandbox PSP's memory: transactions by id, stamps per merchant. Gone when it stops. */
export class SandboxLedger {
  readonly #transactions = new Map<string, SandboxTransaction>();
  readonly #stamps = new Set<string>();

  hasStamp(account: string, stamp: string): boolean {
    return this.#stamps.has(`${account}\0${stamp}`);
  }

  add(input: Omit<SandboxTransaction, 'transactionId' | 'status' | 'provider' | 'createdAt' | 'paidAt' | 'refunds'>): SandboxTransaction {
    const transaction: SandboxTransaction = {
      ...input, transactionId: randomUUID(), status: 'new', provider: null, createdAt: new Date().toISOString(), paidAt: null, refunds: [],
    };
    this.#transactions.set(transaction.transactionId, transaction);
    this.#stamps.add(`${input.account}\0${input.stamp}`);
    return transaction;
  }

  get(transactionId: string): SandboxTransaction | undefined {
    return this.#transactions.get(transactionId);
  }

  refunded(transaction: SandboxTransaction): number {
    return transaction.refunds.filter((r) => r.status !== 'fail').reduce((sum, r) => sum + r.amount, 0);
  }
}
