import { expect } from 'chai';
import { MOBILE_FAILURE_CODES, failureOfFault } from './mobile-failures.ts';
import { CATALOGS } from '../../src/i18n/catalog.ts';
import { LOCALES } from '../../src/i18n/locale.ts';

describe('mobile: fault and status codes', () => {
  // PROTOCOLS.md: every fault code the FiCom guideline lists, each with its own outcome.
  const FAULTS: Record<number, [string, string]> = {
    101: ['ERR_MOBILE_WRONG_PARAM', 'upstream_error'],
    102: ['ERR_MOBILE_MISSING_PARAM', 'upstream_error'],
    103: ['ERR_MOBILE_WRONG_DATA_LENGTH', 'upstream_error'],
    104: ['ERR_MOBILE_UNAUTHORIZED_ACCESS', 'upstream_error'],
    105: ['ERR_MOBILE_UNKNOWN_CLIENT', 'rejected'],
    107: ['ERR_MOBILE_INAPPROPRIATE_DATA', 'upstream_error'],
    108: ['ERR_MOBILE_INCOMPATIBLE_INTERFACE', 'upstream_error'],
    109: ['ERR_MOBILE_UNSUPPORTED_PROFILE', 'rejected'],
    208: ['ERR_MOBILE_EXPIRED_TRANSACTION', 'timeout'],
    209: ['ERR_MOBILE_OTA_ERROR', 'rejected'],
    401: ['ERR_MOBILE_USER_CANCEL', 'cancelled'],
    402: ['ERR_MOBILE_PIN_NR_BLOCKED', 'rejected'],
    403: ['ERR_MOBILE_CARD_BLOCKED', 'rejected'],
    404: ['ERR_MOBILE_NO_KEY_FOUND', 'rejected'],
    422: ['ERR_MOBILE_NO_CERT_FOUND', 'rejected'],
    501: ['ERR_MOBILE_REVOKED_CERTIFICATE', 'rejected'],
    900: ['ERR_MOBILE_INTERNAL_ERROR', 'upstream_error'],
  };

  for (const [fault, [code, reason]] of Object.entries(FAULTS)) {
    it(`maps fault ${fault} to ${code} (${reason})`, () => {
      expect(failureOfFault(Number(fault), 'detail')).to.include({ code, reason });
    });
  }

  it('maps two-level codes to their primary code, and unknown codes to ERR_MOBILE_FAULT', () => {
    expect(failureOfFault(4011, 'x').code).to.equal('ERR_MOBILE_USER_CANCEL');
    expect(failureOfFault(2082, 'x').code).to.equal('ERR_MOBILE_EXPIRED_TRANSACTION');
    expect(failureOfFault(777, 'x')).to.include({ code: 'ERR_MOBILE_FAULT', reason: 'upstream_error' });
  });

  it('gives every failure code its own message in fi, sv and en', () => {
    for (const locale of LOCALES) {
      const messages = MOBILE_FAILURE_CODES.map((code) => (CATALOGS[locale] as Record<string, string>)[`mobile.failure.${code}`]);
      expect(messages.filter((m) => m === undefined), `${locale} missing`).to.have.length(0);
      expect(new Set(messages).size, `${locale} distinct`).to.equal(messages.length);
    }
  });
});
