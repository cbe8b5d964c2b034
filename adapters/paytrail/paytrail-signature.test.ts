import { expect } from 'chai';
import { calculateSignature, signaturesMatch, verifySignature } from './paytrail-signature.ts';

describe('Paytrail signatures', () => {
  it('matches the published example for the test merchant', () => {
    // From Paytrail's HMAC example (Checkout API): three headers and a create-payment body.
    const headers: [string, string][] = [['checkout-account', '375917'], ['checkout-algorithm', 'sha256'], ['checkout-method', 'POST']];
    const body = JSON.stringify({
      stamp: 'should-be-unique-for-merchant',
      reference: '3759170',
      amount: 1525,
      currency: 'EUR',
      language: 'FI',
      items: [{ unitPrice: 1525, units: 1, vatPercentage: 24, productCode: '#1234', deliveryDate: '2018-09-01' }],
      customer: { email: 'test.customer@example.com' },
      redirectUrls: { success: 'https://ecom.example.com/cart/success', cancel: 'https://ecom.example.com/cart/cancel' },
    });
    expect(calculateSignature('SAIPPUAKAUPPIAS', 'sha256', headers, body)).to.equal('84b454005a4f087076ad86cee8b4a646b18982998de7221db57646743cda7b81');
  });

  it('signs only checkout- fields, sorted, and ignores their order and the case of names', () => {
    const a = calculateSignature('s3cret', 'sha512', [['checkout-b', '2'], ['checkout-a', '1'], ['other', 'x']], '');
    const b = calculateSignature('s3cret', 'sha512', [['Checkout-A', '1'], ['checkout-b', '2']], '');
    expect(a).to.equal(b);
    expect(a).to.have.length(128);
  });

  it('verifies with the algorithm the fields name and refuses unknown algorithms and changes', () => {
    const fields: [string, string][] = [['checkout-algorithm', 'sha256'], ['checkout-amount', '1250'], ['checkout-status', 'ok']];
    const signature = calculateSignature('secret', 'sha256', fields, '');
    expect(verifySignature('secret', fields, '', signature)).to.equal(true);
    expect(verifySignature('secret', fields, '', signature.toUpperCase()), 'hex case').to.equal(true);
    expect(verifySignature('other', fields, '', signature)).to.equal(false);
    const changed: [string, string][] = [['checkout-algorithm', 'sha256'], ['checkout-amount', '1'], ['checkout-status', 'ok']];
    expect(verifySignature('secret', changed, '', signature)).to.equal(false);
    const md5: [string, string][] = [['checkout-algorithm', 'md5'], ['checkout-amount', '1250']];
    expect(verifySignature('secret', md5, '', signature)).to.equal(false);
    expect(signaturesMatch(signature, undefined)).to.equal(false);
    expect(signaturesMatch(signature, signature.slice(1))).to.equal(false);
  });
});
