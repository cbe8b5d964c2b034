import { expect } from 'chai';
import { signWebhook, verifyWebhook } from '../../src/payments/webhooks/sign-webhook.ts';

describe('webhook signatures', () => {
  const oldKey = { kid: 'k-2024', secret: 'the-old-secret-0123456789-0123456789' };
  const newKey = { kid: 'k-2025', secret: 'the-new-secret-0123456789-0123456789' };
  const body = '{"type":"payment.succeeded"}';
  const now = 1_700_000_000_000;
  const timestamp = String(now / 1000);

  it('signs with every key so a receiver holding either verifies during a rotation', () => {
    const signature = signWebhook([newKey, oldKey], now / 1000, body);
    expect(signature.split(' ')).to.have.length(2);
    expect(signature).to.match(/^kid=k-2025,v1=[0-9a-f]{64} kid=k-2024,v1=[0-9a-f]{64}$/);
    expect(verifyWebhook([oldKey], { timestamp, signature }, body, { now })).to.equal(true);
    expect(verifyWebhook([newKey], { timestamp, signature }, body, { now })).to.equal(true);
  });

  it('refuses another body, another timestamp, an unknown key and a stale delivery', () => {
    const signature = signWebhook([newKey], now / 1000, body);
    expect(verifyWebhook([newKey], { timestamp, signature }, `${body} `, { now })).to.equal(false);
    expect(verifyWebhook([newKey], { timestamp: String(now / 1000 + 1), signature }, body, { now })).to.equal(false);
    expect(verifyWebhook([oldKey], { timestamp, signature }, body, { now })).to.equal(false);
    expect(verifyWebhook([newKey], { timestamp, signature }, body, { now: now + 301_000 })).to.equal(false);
    expect(verifyWebhook([newKey], { timestamp: undefined, signature }, body, { now })).to.equal(false);
    expect(verifyWebhook([newKey], { timestamp, signature: undefined }, body, { now })).to.equal(false);
  });
});
