import type { IncomingMessage } from 'node:http';
import { expect } from 'chai';
import type { CardEndpointConfig } from '../../src/config/card-schema.ts';
import { readClientCertificates } from './read-client-certificate.ts';

const DER = Buffer.from('a certificate stands in here').toString('base64');
const PEM = `-----BEGIN CERTIFICATE-----\n${DER.match(/.{1,16}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
const proxy: CardEndpointConfig = { mode: 'proxy', host: '127.0.0.1', port: 1, certificateHeader: 'x-ssl-client-cert', trustedProxies: ['10.0.0.1', 'fd00::1'] };
const request = (remoteAddress: string, header?: string) =>
  ({ headers: header === undefined ? {} : { 'x-ssl-client-cert': header }, socket: { remoteAddress } }) as unknown as IncomingMessage;

describe('card: reading the client certificate a proxy forwards', () => {
  it('reads URL-encoded PEM, PEM with spaces for newlines, and bare base64 DER', () => {
    for (const header of [encodeURIComponent(PEM), PEM.trim().replace(/\n/g, ' '), DER]) {
      expect(readClientCertificates(request('10.0.0.1', header), proxy)).to.deep.equal({ via: 'proxy', certificates: [DER] });
    }
  });

  it('believes only the configured proxies (IPv4-mapped IPv6 included)', () => {
    expect(readClientCertificates(request('::ffff:10.0.0.1', DER), proxy).certificates).to.deep.equal([DER]);
    expect(readClientCertificates(request('fd00::1', DER), proxy).certificates).to.deep.equal([DER]);
    expect(readClientCertificates(request('10.0.0.2', DER), proxy)).to.deep.equal({ via: 'untrusted-header', certificates: [], remoteAddress: '10.0.0.2' });
  });

  it('treats an empty header (nginx sends "" or "(null)" without a certificate) as no certificate, and garbage as something to refuse', () => {
    for (const header of ['', '(null)']) expect(readClientCertificates(request('10.0.0.1', header), proxy).certificates).to.deep.equal([]);
    expect(readClientCertificates(request('10.0.0.1'), proxy).certificates).to.deep.equal([]);
    const [garbage] = readClientCertificates(request('10.0.0.1', '%E0%A4%A'), proxy).certificates;
    expect(garbage, 'passed on for the verifier to call malformed').to.be.a('string');
  });
});
