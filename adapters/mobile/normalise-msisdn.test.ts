import { expect } from 'chai';
import { maskMsisdn, normaliseMsisdn } from './normalise-msisdn.ts';

describe('mobile: phone number normalisation', () => {
  for (const [typed, e164] of [
    ['040 123 4567', '+358401234567'],
    ['0401234567', '+358401234567'],
    ['040-123 4567', '+358401234567'],
    ['+358401234567', '+358401234567'],
    ['+358 40 123 4567', '+358401234567'],
    ['+358 (0)40 123 4567', '+358401234567'],
    ['00358 40 1234567', '+358401234567'],
    ['358401234567', '+358401234567'],
    ['  050 123 45 67 ', '+358501234567'],
    ['045\u00a0123\u00a04567', '+358451234567'],
    ['+358 457 123 4567', '+3584571234567'],
  ] as const) {
    it(`accepts "${typed}" as ${e164}`, () => expect(normaliseMsisdn(typed)).to.equal(e164));
  }

  for (const typed of ['', 'abc', '12345', '040', '09 123 4567', '+46 70 123 4567', '+358 9 123 4567', '040 123 4567 890', '+358401234567x', '040/ 12a 4567', '1'.repeat(50)]) {
    it(`refuses "${typed.slice(0, 20)}"`, () => expect(normaliseMsisdn(typed)).to.equal(undefined));
  }

  it('masks the subscriber number for logs', () => {
    expect(maskMsisdn('+358401234567')).to.equal('+35840*****67');
  });
});
