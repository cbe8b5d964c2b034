/** What a scripted test phone does with a signature request. */
export type PhoneScript =
  | 'accept'
  | 'cancel'
  | 'timeout'
  | 'pin-blocked'
  | 'card-blocked'
  | 'no-key'
  | 'revoked-certificate'
  | 'revoked-fault'
  | 'bad-signature'
  | 'other-data'
  | 'foreign-ca'
  | 'expired-certificate'
  | 'invalid-hetu'
  | 'internal-error';

export interface TestPhone {
  /** E.164. */
  readonly msisdn: string;
  readonly script: PhoneScript;
  readonly person: { readonly hetu: string; readonly givenName: string; readonly surName: string };
  readonly keyType?: 'ec' | 'rsa';
  /** What the sandbox page and the README say the number does. */
  readonly description: string;
}

const LIISA = { hetu: '131052-308T', givenName: 'Liisa', surName: 'Virtanen' };
const TESTER = { hetu: '010594Y9021', givenName: 'Anna', surName: 'Korhonen' };

/*
 * The 040 000 0xxx block: 00xx numbers accept, 01xx numbers show one outcome each. Any
 * other Finnish mobile number answers 105 UNKNOWN_CLIENT, as for a number without a
 * mobile certificate. The hetus are the valid test codes the sandbox banks use.
 */
export const TEST_PHONES: readonly TestPhone[] = Object.freeze([
  { msisdn: '+358400000001', script: 'accept', person: LIISA, description: 'accepts after a short delay (Liisa Virtanen)' },
  { msisdn: '+358400000002', script: 'accept', keyType: 'rsa', person: { hetu: '010594Y9032', givenName: 'Juha', surName: 'Korhonen' }, description: 'accepts after a short delay, RSA key (Juha Korhonen)' },
  { msisdn: '+358400000003', script: 'accept', person: { hetu: '150898+958A', givenName: 'Hilma', surName: 'Lehtonen' }, description: 'accepts after a short delay (Hilma Lehtonen)' },
  { msisdn: '+358400000004', script: 'accept', person: { hetu: '280614C9483', givenName: 'Emilia', surName: 'Laine' }, description: 'accepts after a short delay (Emilia Laine)' },
  { msisdn: '+358400000101', script: 'cancel', person: TESTER, description: 'the citizen cancels on the phone (fault 401 USER_CANCEL)' },
  { msisdn: '+358400000102', script: 'timeout', person: TESTER, description: 'nobody answers (fault 208 EXPIRED_TRANSACTION)' },
  { msisdn: '+358400000103', script: 'pin-blocked', person: TESTER, description: 'the PIN is blocked (fault 402 PIN_NR_BLOCKED)' },
  { msisdn: '+358400000104', script: 'revoked-certificate', person: TESTER, description: 'signs with a certificate on the sandbox CA\'s CRL' },
  { msisdn: '+358400000105', script: 'bad-signature', person: TESTER, description: 'returns a signature that does not verify' },
  { msisdn: '+358400000106', script: 'other-data', person: TESTER, description: 'signs other data than Portti sent' },
  { msisdn: '+358400000107', script: 'foreign-ca', person: TESTER, description: 'signs with a certificate from another CA' },
  { msisdn: '+358400000108', script: 'expired-certificate', person: TESTER, description: 'signs with an expired certificate' },
  { msisdn: '+358400000109', script: 'revoked-fault', person: TESTER, description: 'the MSSP reports the certificate revoked (fault 501 REVOKED_CERTIFICATE)' },
  { msisdn: '+358400000110', script: 'card-blocked', person: TESTER, description: 'the SIM card is blocked (fault 403 CARD_BLOCKED)' },
  { msisdn: '+358400000111', script: 'no-key', person: TESTER, description: 'the SIM has no signing key (fault 404 NO_KEY_FOUND)' },
  { msisdn: '+358400000112', script: 'invalid-hetu', person: { hetu: '010101-123X', givenName: 'Virheellinen', surName: 'Tunnus' }, description: 'answers an invalid personal identity code' },
  { msisdn: '+358400000113', script: 'internal-error', person: TESTER, description: 'the MSSP fails (fault 900 INTERNAL_ERROR)' },
].map((phone) => Object.freeze(phone as TestPhone)));

/** `+358400000001` as a Finn would write it: `040 000 0001`. */
export function nationalFormat(msisdn: string): string {
  const national = `0${msisdn.slice(4)}`;
  return `${national.slice(0, 3)} ${national.slice(3, 6)} ${national.slice(6)}`;
}
