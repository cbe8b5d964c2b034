/**
 * What the sandbox PSP offers: test banks, one card acquirer and one mobile wallet, and
 * the test cards that decide a card payment's outcome. All of it is shown on the sandbox
 * pages, so a developer clicking through sees which card does what.
 */
export interface SandboxMethod {
  readonly id: string;
  readonly name: string;
  /** Paytrail's group words. */
  readonly group: 'bank' | 'creditcard' | 'mobile';
}

export const SANDBOX_METHODS: readonly SandboxMethod[] = [
  { id: 'aurinko-pay', name: 'Aurinkopankki', group: 'bank' },
  { id: 'revontuli-pay', name: 'Revontulipankki', group: 'bank' },
  { id: 'saaristo-pay', name: 'Saaristopankki', group: 'bank' },
  { id: 'sandbox-card', name: 'Visa / Mastercard', group: 'creditcard' },
  { id: 'taskumaksu', name: 'Taskumaksu', group: 'mobile' },
];

export type CardOutcome = 'ok' | 'fail' | 'pending';

/** Luhn-valid test numbers, as the sandbox card page lists them. */
export const TEST_CARDS: readonly { readonly number: string; readonly outcome: CardOutcome; readonly note: string }[] = [
  { number: '4111111111111111', outcome: 'ok', note: 'approved' },
  { number: '4000000000000002', outcome: 'fail', note: 'declined by the card issuer' },
  { number: '4000000000000077', outcome: 'pending', note: 'pending: approved, settled later by callback only' },
];

export function cardOutcome(cardNumber: string): CardOutcome | undefined {
  const digits = cardNumber.replace(/[\s-]/g, '');
  return TEST_CARDS.find((card) => card.number === digits)?.outcome;
}

/**
 * Refund outcomes by the last two digits of the amount in cents, so every refund path
 * can be tried: ..13 fails, ..77 is pending and settles later, anything else succeeds.
 */
export function refundOutcome(amount: number): CardOutcome {
  const cents = amount % 100;
  return cents === 13 ? 'fail' : cents === 77 ? 'pending' : 'ok';
}
