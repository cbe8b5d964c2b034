import type { PaymentState, RefundState } from '../storage/storage.ts';

/**
 * The one state table. Each action names the states it may start from and the state it
 * leads to; the store applies it as a compare-and-set on exactly those `from` states, and
 * `assertAllowed` (one check before every handler) refuses an action the state does not
 * allow. Reading the table top to bottom is reading the payment lifecycle:
 *
 *   created -> started -> succeeded | failed | cancelled | expired
 *
 * A verified success from the provider always wins, even after the payment failed,
 * expired or was cancelled: money was taken, so it is recorded (flagged late) and the
 * e-service is told, to deliver or refund.
 */
export const PAYMENT_ACTIONS = {
  /** The citizen opened the payment page: the provider's payment exists from now on. */
  start: { from: ['created'], to: 'started' },
  /** A Portti session appeared after the page was first opened: record who pays. */
  identifyPayer: { from: ['started'], to: 'started' },
  succeed: { from: ['started'], to: 'succeeded' },
  succeedLate: { from: ['failed', 'cancelled', 'expired'], to: 'succeeded' },
  fail: { from: ['started'], to: 'failed' },
  cancel: { from: ['created', 'started'], to: 'cancelled' },
  expire: { from: ['created', 'started'], to: 'expired' },
  /** Not a transition of the payment: refunds have their own table below. */
  refund: { from: ['succeeded'], to: 'succeeded' },
} as const satisfies Record<string, { readonly from: readonly PaymentState[]; readonly to: PaymentState }>;

export type PaymentAction = keyof typeof PAYMENT_ACTIONS;

export const REFUND_ACTIONS = {
  /** The provider took the refund but has not finished it: note its refund transaction. */
  acknowledge: { from: ['pending'], to: 'pending' },
  settle: { from: ['pending'], to: 'succeeded' },
  reject: { from: ['pending'], to: 'failed' },
} as const satisfies Record<string, { readonly from: readonly RefundState[]; readonly to: RefundState }>;

export type RefundAction = keyof typeof REFUND_ACTIONS;

/** States a payment never leaves, except by a late success. */
export const FINAL_STATES: readonly PaymentState[] = ['succeeded', 'failed', 'cancelled', 'expired'];

export function isFinal(state: PaymentState): boolean {
  return FINAL_STATES.includes(state);
}

export function isAllowed(action: PaymentAction, state: PaymentState): boolean {
  return (PAYMENT_ACTIONS[action].from as readonly PaymentState[]).includes(state);
}

/** The actions a payment in `state` allows, for display and for the tests of this table. */
export function allowedActions(state: PaymentState): PaymentAction[] {
  return (Object.keys(PAYMENT_ACTIONS) as PaymentAction[]).filter((action) => isAllowed(action, state));
}
