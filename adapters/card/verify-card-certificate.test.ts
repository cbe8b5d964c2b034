import { expect } from 'chai';
import { KeyUsageFlags, type X509Certificate } from '@peculiar/x509';
import type { RevocationStatus } from './crl-registry.ts';
import { createTestCa, type TestCa } from './test-pki.ts';
import { createCardCertificateVerifier, type CardCertificateResult } from './verify-card-certificate.ts';

const DAY = 86_400_000;
const der = (cert: X509Certificate): Uint8Array => new Uint8Array(cert.rawData);

describe('card: certificate verification', () => {
  let root: TestCa;
  let issuing: TestCa;
  let foreign: TestCa;
  /** serial -> answer of the fake revocation; anything else is good. */
  const revocation = new Map<string, RevocationStatus>();
  const checked: string[] = [];

  before(async () => {
    root = await createTestCa('Test Gov. Root CA', { keyType: 'ec' });
    root.crlUrl = 'http://crl.test/root.crl';
    issuing = await createTestCa('Test Citizen Certificates - G4', { keyType: 'rsa', issuer: root });
    issuing.crlUrl = 'http://crl.test/g4.crl';
    foreign = await createTestCa('Foreign CA');
  });
  beforeEach(() => { revocation.clear(); checked.length = 0; });

  function verifier(issuingCas: readonly X509Certificate[] = [issuing.certificate]) {
    return createCardCertificateVerifier({
      anchors: [root.certificate],
      issuingCas,
      revocation: {
        check(cert, issuer) {
          checked.push(`${cert.subject} <- ${issuer.subject}`);
          return revocation.get(cert.serialNumber) ?? { status: 'good' };
        },
      },
    });
  }

  async function failure(result: Promise<CardCertificateResult>): Promise<{ code: string; detail: string }> {
    const answer = await result;
    if (answer.ok) throw new Error('expected a failure');
    expect(answer.detail).to.not.match(/TESTINEN|TEEMU/); // operators' details carry no citizen names
    return answer;
  }

  it('accepts an RSA card through the configured issuing CA, checking revocation of card and CA', async () => {
    const card = await issuing.issueCard({ satu: '12345678N', givenName: 'TEEMU', surname: 'TESTINEN', keyType: 'rsa', serialNumber: '00ab12' });
    const result = await verifier().verify([der(card)], new Date());
    expect(result).to.deep.equal({
      ok: true,
      holder: { satu: '12345678N', givenName: 'TEEMU', surname: 'TESTINEN' },
      keyType: 'rsa',
      issuer: 'Test Citizen Certificates - G4',
      serialNumber: 'ab12',
    });
    expect(checked).to.deep.equal([`${card.subject} <- ${issuing.certificate.subject}`, `${issuing.certificate.subject} <- ${root.certificate.subject}`]);
  });

  it('accepts an ECDSA card without an extended key usage, the issuing CA also sent by the client', async () => {
    const card = await issuing.issueCard({ keyType: 'ec' });
    const result = await verifier().verify([der(card), der(issuing.certificate)], new Date());
    expect(result).to.include({ ok: true, keyType: 'ecdsa' });
  });

  it('refuses a card from a CA under a trusted root that is not a configured citizen issuing CA, even when the client sends that CA', async () => {
    // The DVV roots also sign organisation and server CAs: chaining to a root proves no citizen card.
    const card = await issuing.issueCard({ keyType: 'ec' });
    const result = await failure(verifier([]).verify([der(card), der(issuing.certificate)], new Date()));
    expect(result).to.include({ code: 'ERR_CARD_CERT_UNTRUSTED' });
    expect(result.detail).to.contain('not a configured citizen issuing CA');
  });

  it('ERR_CARD_NO_CERTIFICATE and ERR_CARD_CERT_MALFORMED', async () => {
    expect(await failure(verifier().verify([], new Date()))).to.include({ code: 'ERR_CARD_NO_CERTIFICATE' });
    expect(await failure(verifier().verify([Buffer.from('not a certificate')], new Date()))).to.include({ code: 'ERR_CARD_CERT_MALFORMED' });
  });

  it('ERR_CARD_CERT_UNTRUSTED for another CA, and without the issuing CA', async () => {
    const stranger = await foreign.issueCard();
    expect(await failure(verifier().verify([der(stranger), der(foreign.certificate)], new Date()))).to.include({ code: 'ERR_CARD_CERT_UNTRUSTED' });
    const card = await issuing.issueCard();
    expect(await failure(verifier([]).verify([der(card)], new Date()))).to.include({ code: 'ERR_CARD_CERT_UNTRUSTED' });
  });

  it('ERR_CARD_CERT_EXPIRED for the card, an issuing CA or the root, but a current copy of the CA beside a stale one is found', async () => {
    const expired = await issuing.issueCard({ notBefore: new Date(Date.now() - 800 * DAY), notAfter: new Date(Date.now() - DAY) });
    expect(await failure(verifier().verify([der(expired)], new Date()))).to.include({ code: 'ERR_CARD_CERT_EXPIRED' });

    const card = await issuing.issueCard();
    const staleCa = await issuing.recertify({ notBefore: new Date(Date.now() - 4000 * DAY), notAfter: new Date(Date.now() - DAY) });
    const stale = await failure(verifier([staleCa]).verify([der(card)], new Date()));
    expect(stale).to.include({ code: 'ERR_CARD_CERT_EXPIRED' });
    expect(stale.detail).to.contain(staleCa.serialNumber);
    expect(await verifier([staleCa, issuing.certificate]).verify([der(card)], new Date())).to.include({ ok: true });

    // Ten years on, everything on the path is outside its validity, the root included.
    expect(await failure(verifier().verify([der(card)], new Date(Date.now() + 3700 * DAY)))).to.include({ code: 'ERR_CARD_CERT_EXPIRED' });
  });

  it('ERR_CARD_CERT_KEY_USAGE without digitalSignature, and for a key neither RSA nor EC', async () => {
    const encipherment = await issuing.issueCard({ keyUsage: KeyUsageFlags.keyEncipherment });
    expect(await failure(verifier().verify([der(encipherment)], new Date()))).to.include({ code: 'ERR_CARD_CERT_KEY_USAGE' });
    const edwards = await issuing.issueCard({ keyType: 'ed25519' });
    const refused = await failure(verifier().verify([der(edwards)], new Date()));
    expect(refused).to.include({ code: 'ERR_CARD_CERT_KEY_USAGE' });
    expect(refused.detail).to.contain('neither RSA nor EC');
  });

  it('ERR_CARD_CERT_REVOKED, ERR_CARD_CA_REVOKED (which outranks it) and ERR_CARD_CRL_UNAVAILABLE', async () => {
    const card = await issuing.issueCard();
    revocation.set(card.serialNumber, { status: 'revoked', revokedAt: new Date(Date.now() - DAY) });
    const revoked = await failure(verifier().verify([der(card)], new Date()));
    expect(revoked).to.include({ code: 'ERR_CARD_CERT_REVOKED' });
    expect(revoked.detail).to.contain(card.serialNumber).and.contain(issuing.certificate.subject);

    revocation.set(issuing.certificate.serialNumber, { status: 'revoked', revokedAt: new Date(Date.now() - DAY) });
    expect(await failure(verifier().verify([der(card)], new Date()))).to.include({ code: 'ERR_CARD_CA_REVOKED' });

    revocation.clear();
    revocation.set(issuing.certificate.serialNumber, { status: 'unavailable', detail: 'http://crl.test/root.crl: HTTP 503' });
    const unavailable = await failure(verifier().verify([der(card)], new Date()));
    expect(unavailable).to.include({ code: 'ERR_CARD_CRL_UNAVAILABLE' });
    expect(unavailable.detail).to.contain('http://crl.test/root.crl: HTTP 503');
  });

  it('ERR_CARD_SATU_INVALID for a wrong check character and a missing serialNumber', async () => {
    const wrong = await issuing.issueCard({ satu: '12345678M' });
    expect(await failure(verifier().verify([der(wrong)], new Date()))).to.include({ code: 'ERR_CARD_SATU_INVALID' });
    const missing = await issuing.issueCard({ satu: '' });
    expect(await failure(verifier().verify([der(missing)], new Date()))).to.include({ code: 'ERR_CARD_SATU_INVALID' });
  });
});
