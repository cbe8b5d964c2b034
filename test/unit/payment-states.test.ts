import { expect } from 'chai';
import { FINAL_STATES, PAYMENT_ACTIONS, allowedActions, isAllowed, isFinal } from '../../src/payments/payment-states.ts';

describe('the payment state table', () => {
  it('reads as the lifecycle: created -> started -> succeeded | failed | cancelled | expired', () => {
    expect(allowedActions('created')).to.have.members(['start', 'cancel', 'expire']);
    expect(allowedActions('started')).to.have.members(['identifyPayer', 'succeed', 'fail', 'cancel', 'expire']);
    expect(allowedActions('succeeded')).to.have.members(['refund']);
    for (const state of ['failed', 'cancelled', 'expired'] as const) expect(allowedActions(state)).to.deep.equal(['succeedLate']);
  });

  it('lets a verified success win after any ending except success itself', () => {
    expect(isAllowed('succeedLate', 'expired')).to.equal(true);
    expect(isAllowed('succeedLate', 'succeeded')).to.equal(false);
    expect(isAllowed('succeed', 'created'), 'nothing to succeed before the provider has the payment').to.equal(false);
    expect(isAllowed('fail', 'succeeded'), 'a late fail never undoes a success').to.equal(false);
  });

  it('names four final states, each the target of an action', () => {
    expect(FINAL_STATES.every(isFinal)).to.equal(true);
    expect(isFinal('started')).to.equal(false);
    const targets = new Set<string>(Object.values(PAYMENT_ACTIONS).map((a) => a.to));
    for (const state of FINAL_STATES) expect(targets.has(state), state).to.equal(true);
  });
});
