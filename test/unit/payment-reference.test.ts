import { expect } from 'chai';
import { createRfReference, createViitenumero, parsePaymentReference, viitenumeroCheckDigit } from '../../src/payments/payment-reference.ts';

describe('Finnish payment references', () => {
  describe('viitenumero', () => {
    it('accepts references whose check digit is right, ignoring grouping spaces', () => {
      for (const valid of ['1232', '12345672', '1 23456 72', '00000000000000000013', '1009']) {
        expect(parsePaymentReference(valid), valid).to.include({ ok: true, kind: 'viitenumero' });
      }
      expect(parsePaymentReference('1 23456 72')).to.deep.equal({ ok: true, kind: 'viitenumero', value: '12345672' });
    });

    it('computes the check digit with weights 7, 3, 1 from the right', () => {
      expect(viitenumeroCheckDigit('123')).to.equal(2);
      expect(viitenumeroCheckDigit('1234567')).to.equal(2);
      expect(createViitenumero('100')).to.equal('1009');
    });

    it('refuses a wrong check digit, too few or too many digits, and other characters', () => {
      for (const invalid of ['1233', '123', '123456789012345678901', '12a4', '', '12-32', '+1232']) {
        expect(parsePaymentReference(invalid), invalid).to.include({ ok: false });
      }
    });
  });

  describe('RF creditor reference', () => {
    it('accepts ISO 11649 references, in any case and with spaces', () => {
      for (const valid of ['RF18539007547034', 'RF18 5390 0754 7034', 'rf18539007547034', 'RF712348231', createRfReference('ABC123')]) {
        expect(parsePaymentReference(valid), valid).to.include({ ok: true, kind: 'rf' });
      }
    });

    it('builds references that check, from a viitenumero or letters', () => {
      expect(createRfReference('539007547034')).to.equal('RF18539007547034');
      expect(parsePaymentReference(createRfReference('INVOICE2024'))).to.include({ ok: true });
    });

    it('refuses wrong check digits, a bad shape and a body over 21 characters', () => {
      for (const invalid of ['RF19539007547034', 'RF1', 'RF18', 'RFAB539007547034', `RF00${'1'.repeat(22)}`, 'RF18-539007547034']) {
        expect(parsePaymentReference(invalid), invalid).to.include({ ok: false });
      }
    });
  });
});
