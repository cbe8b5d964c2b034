import { expect } from 'chai';
import type { EserviceConfig } from '../../src/config/schema.ts';
import { registeredUrlsOf } from '../../src/payments/registered-urls.ts';

const eservice = (extra: Partial<EserviceConfig>) => ({
  clientId: 'svc', redirectUris: ['https://svc.example.fi/oidc/callback'], webhookSecrets: [], ...extra,
}) as EserviceConfig;

describe('return and webhook URLs registered for an e-service', () => {
  it('defaults to anywhere on the origins of the redirect URIs', () => {
    const urls = registeredUrlsOf(eservice({}));
    expect(urls.isReturnUrl(new URL('https://svc.example.fi/orders/7/paid?x=1'))).to.equal(true);
    expect(urls.isReturnUrl(new URL('https://svc.example.fi.evil.test/'))).to.equal(false);
    expect(urls.isReturnUrl(new URL('http://svc.example.fi/'))).to.equal(false);
    expect(urls.isReturnUrl(new URL('https://user:pw@svc.example.fi/'))).to.equal(false);
    expect(urls.isWebhookUrl(new URL('https://svc.example.fi/hooks/portti'))).to.equal(true);
  });

  it('keeps to the path of a registered prefix, at a segment boundary', () => {
    const urls = registeredUrlsOf(eservice({ paymentReturnUris: ['https://svc.example.fi/pay'], paymentWebhookUris: ['https://api.svc.example.fi/hooks/'] }));
    expect(urls.isReturnUrl(new URL('https://svc.example.fi/pay'))).to.equal(true);
    expect(urls.isReturnUrl(new URL('https://svc.example.fi/pay/done'))).to.equal(true);
    expect(urls.isReturnUrl(new URL('https://svc.example.fi/payload'))).to.equal(false);
    expect(urls.isReturnUrl(new URL('https://svc.example.fi/'))).to.equal(false);
    expect(urls.isWebhookUrl(new URL('https://api.svc.example.fi/hooks/payments'))).to.equal(true);
    expect(urls.isWebhookUrl(new URL('https://svc.example.fi/pay/x'))).to.equal(false);
  });
});
