import { expect } from 'chai';
import { parseSatu } from './satu.ts';

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const withCheck = (digits: string): string => `${digits}${CHECK_CHARS[Number(digits) % 31]}`;

describe('card: SATU', () => {
  it('accepts a value computed by hand: 12345678 mod 31 = 21, the 22nd character N', () => {
    expect(parseSatu('12345678N')).to.equal('12345678N');
    // 10000001 - 31 * 322580 = 21 as well; 00000000 mod 31 = 0.
    expect(parseSatu('10000001N')).to.equal('10000001N');
    expect(parseSatu('000000000')).to.equal('000000000');
  });

  it('accepts values whose check character follows the rule, letters of the table included', () => {
    for (const digits of ['99999999', '00000030', '12000017', '87654321', '00000016']) {
      expect(parseSatu(withCheck(digits)), digits).to.equal(withCheck(digits));
    }
    expect(withCheck('00000030')).to.equal('00000030Y');
    expect(withCheck('00000016')).to.equal('00000016H');
  });

  it('refuses a wrong check character', () => {
    expect(parseSatu('12345678M')).to.equal(undefined);
    expect(parseSatu('123456780')).to.equal(undefined);
  });

  it('refuses 7 and 10 digits, letters among the digits, lowercase and surrounding space', () => {
    expect(parseSatu(withCheck('1234567'))).to.equal(undefined);
    expect(parseSatu(withCheck('1234567890'))).to.equal(undefined);
    expect(parseSatu('1234A678N')).to.equal(undefined);
    expect(parseSatu('ABCDEFGHN')).to.equal(undefined);
    expect(parseSatu('12345678n')).to.equal(undefined);
    expect(parseSatu(' 12345678N')).to.equal(undefined);
    expect(parseSatu('12345678N ')).to.equal(undefined);
    expect(parseSatu('')).to.equal(undefined);
  });
});
