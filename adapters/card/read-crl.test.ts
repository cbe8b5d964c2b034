import { expect } from 'chai';
import * as x509 from '@peculiar/x509';
import { readCrl, type CrlIssuerKey, type ReadCrlResult } from './read-crl.ts';
import { findRevoked } from './revoked-serials.ts';
import { createTestCa, type TestCa } from './test-pki.ts';

describe('card: reading a CRL (what the worker runs)', () => {
  let ca: TestCa;
  let issuers: CrlIssuerKey[];

  before(async () => {
    ca = await createTestCa('Test Citizen CA', { keyType: 'rsa' });
    issuers = [{ subject: ca.certificate.subject, subjectDer: new Uint8Array(ca.certificate.subjectName.toArrayBuffer()), spki: new Uint8Array(ca.certificate.publicKey.rawData) }];
  });

  async function crl(options: { extensions?: x509.Extension[]; entries?: x509.X509CrlEntryParams[]; signingAlgorithm?: x509.X509CrlCreateParams['signingAlgorithm'] } = {}): Promise<Uint8Array> {
    const generated = await x509.X509CrlGenerator.create({
      issuer: ca.certificate.subjectName,
      thisUpdate: new Date(Date.now() - 60_000),
      nextUpdate: new Date(Date.now() + 3_600_000),
      entries: options.entries ?? [],
      extensions: options.extensions ?? [],
      signingKey: ca.keys.privateKey,
      signingAlgorithm: options.signingAlgorithm ?? ca.algorithm,
    });
    return new Uint8Array(generated.rawData);
  }

  const reason = (result: ReadCrlResult): string => (result.ok ? 'accepted' : result.reason);

  it('normalises serials (no leading zero bytes, any case) and reads entries with non-critical extensions', async () => {
    const result = readCrl(await crl({ entries: [
      { serialNumber: '00ff01', revocationDate: new Date(Date.UTC(2024, 0, 2)), reason: x509.X509CrlReason.keyCompromise },
      { serialNumber: '0102', revocationDate: new Date(Date.UTC(2024, 0, 3)), invalidity: new Date(Date.UTC(2024, 0, 1)) },
    ] }), issuers);
    if (!result.ok) throw new Error(result.reason);
    expect(result.entries).to.equal(2);
    expect(findRevoked(result.revoked, 'ff01')).to.equal(Date.UTC(2024, 0, 2));
    expect(findRevoked(result.revoked, '00FF01')).to.equal(Date.UTC(2024, 0, 2));
    expect(findRevoked(result.revoked, '0102')).to.equal(Date.UTC(2024, 0, 3));
    expect(findRevoked(result.revoked, '01')).to.equal(undefined);
  });

  it('verifies RSASSA-PSS signatures', async () => {
    const pss = await createTestCa('Test PSS CA', { keyType: 'rsa' });
    const key = await crypto.subtle.importKey('pkcs8', await crypto.subtle.exportKey('pkcs8', pss.keys.privateKey), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
    const generated = await x509.X509CrlGenerator.create({
      issuer: pss.certificate.subjectName,
      nextUpdate: new Date(Date.now() + 3_600_000),
      signingKey: key,
      signingAlgorithm: { name: 'RSA-PSS', saltLength: 32 } as x509.X509CrlCreateParams['signingAlgorithm'],
    });
    const keys = [{ subject: pss.certificate.subject, subjectDer: new Uint8Array(pss.certificate.subjectName.toArrayBuffer()), spki: new Uint8Array(pss.certificate.publicKey.rawData) }];
    expect(Buffer.from(generated.rawData).includes(Buffer.from('06092a864886f70d01010a', 'hex')), 'id-RSASSA-PSS').to.equal(true);
    expect(reason(readCrl(new Uint8Array(generated.rawData), keys))).to.equal('accepted');
    const wrongKey = [{ ...keys[0]!, spki: issuers[0]!.spki }];
    expect(reason(readCrl(new Uint8Array(generated.rawData), wrongKey))).to.contain('not signed by');
  });

  it('reads the scope of an issuingDistributionPoint', async () => {
    // SEQUENCE { [1] onlyContainsUserCerts TRUE }
    const idp = new x509.Extension('2.5.29.28', true, new Uint8Array([0x30, 0x03, 0x81, 0x01, 0xff]));
    const result = readCrl(await crl({ extensions: [idp] }), issuers);
    expect(result.ok && result.scope).to.equal('end-entity');
  });

  it('refuses a delta CRL, an unknown critical extension, truncated bytes and a CRL of an unconfigured CA', async () => {
    const delta = new x509.Extension('2.5.29.27', true, new Uint8Array([0x02, 0x01, 0x05]));
    expect(reason(readCrl(await crl({ extensions: [delta] }), issuers))).to.contain('delta');
    const unknown = new x509.Extension('1.2.3.4', true, new Uint8Array([0x05, 0x00]));
    expect(reason(readCrl(await crl({ extensions: [unknown] }), issuers))).to.contain('critical');
    const whole = await crl();
    expect(reason(readCrl(whole.subarray(0, whole.length - 10), issuers))).to.contain('unreadable');
    const other = await createTestCa('Other CA');
    expect(reason(readCrl(await other.crl(), issuers))).to.contain('not a configured CA');
  });
});
