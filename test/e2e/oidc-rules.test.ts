import { expect } from 'chai';
import * as oidc from 'openid-client';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, redeem } from '../support/eservice-client.ts';

const LIISA = { option: 'bank:aurinko', person: 'liisa-virtanen' };

describe('e2e: OpenID Connect rules for e-services', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { await system?.close(); });

  describe('discovery', () => {
    it('advertises only the code flow, S256, pairwise subjects, RFC 9207 iss and fi/sv/en', async () => {
      const meta = await (await fetch(`${system.issuer}/.well-known/openid-configuration`)).json() as Record<string, unknown>;
      expect(meta.response_types_supported).to.deep.equal(['code']);
      // oidc-provider always lists refresh_token; Portti never issues one (issueRefreshToken is false).
      expect(meta.grant_types_supported).to.include.members(['authorization_code', 'client_credentials']);
      expect(meta.grant_types_supported).to.not.include('implicit');
      expect(meta.code_challenge_methods_supported).to.deep.equal(['S256']);
      expect(meta.subject_types_supported).to.deep.equal(['pairwise']);
      expect(meta.authorization_response_iss_parameter_supported).to.equal(true);
      expect(meta.ui_locales_supported).to.deep.equal(['fi', 'sv', 'en']);
      expect(meta.acr_values_supported).to.include.members(['http://ftn.ficora.fi/2017/loa2', 'http://ftn.ficora.fi/2017/loa3']);
      expect(meta.token_endpoint_auth_methods_supported).to.have.members(['client_secret_basic', 'private_key_jwt']);
      expect(meta).to.have.property('pushed_authorization_request_endpoint');
      expect(meta).to.have.property('end_session_endpoint');
      expect(meta.backchannel_logout_supported).to.equal(true);
      expect(meta).to.not.have.property('registration_endpoint');
      expect(meta.scopes_supported).to.include.members(['openid', 'profile', 'personal_identity_code']);
    });

    it('publishes RS256 and ES256 signing keys without private members', async () => {
      const jwks = await (await fetch(`${system.issuer}/jwks`)).json() as { keys: Record<string, unknown>[] };
      expect(jwks.keys.map((k) => k.kty)).to.include.members(['RSA', 'EC']);
      for (const key of jwks.keys) expect(key).to.not.have.any.keys('d', 'p', 'q');
    });
  });

  describe('personal identity code release', () => {
    it('is not released without the personal_identity_code scope', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config);
      const tokens = await redeem(config, await loginAtBank(new TestBrowser(), request, LIISA), request);
      expect(tokens.claims()).to.not.have.property('personal_identity_code');
      expect(tokens).to.not.have.property('refresh_token');
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      expect(userinfo).to.not.have.property('personal_identity_code');
      expect(userinfo.given_name).to.equal('Liisa');
    });

    it('is refused as a scope to an e-service whose registration does not allow it', async () => {
      const config = await eserviceClient(system, 'eservice-b');
      const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
      const landed = await new TestBrowser().navigate(request.url, request.redirectOrigin);
      expect(landed).to.be.instanceOf(URL);
      expect((landed as URL).searchParams.get('error')).to.equal('invalid_scope');
    });

    it('is not released through the claims parameter to an e-service that may not have it', async () => {
      const config = await eserviceClient(system, 'eservice-b');
      const claims = JSON.stringify({ id_token: { personal_identity_code: { essential: true } }, userinfo: { personal_identity_code: null } });
      const request = await authorizationRequest(config, { claims });
      const tokens = await redeem(config, await loginAtBank(new TestBrowser(), request, LIISA), request);
      expect(tokens.claims()).to.not.have.property('personal_identity_code');
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      expect(userinfo).to.not.have.property('personal_identity_code');
    });
  });

  describe('pairwise subject', () => {
    it('is stable for one person and one e-service and differs between e-services', async () => {
      const a = await eserviceClient(system, 'eservice-a');
      const b = await eserviceClient(system, 'eservice-b');
      const subOf = async (config: oidc.Configuration, person: string, option = 'bank:aurinko') => {
        const request = await authorizationRequest(config);
        return (await redeem(config, await loginAtBank(new TestBrowser(), request, { option, person }), request)).claims()!.sub;
      };
      const first = await subOf(a, 'juha-korhonen');
      const again = await subOf(a, 'juha-korhonen', 'bank:revontuli');
      const other = await subOf(b, 'juha-korhonen');
      const otherPerson = await subOf(a, 'anna-korhonen');
      expect(again, 'same person, same e-service, other bank').to.equal(first);
      expect(other, 'same person, other e-service').to.not.equal(first);
      expect(otherPerson, 'other person, same e-service').to.not.equal(first);
      expect(first).to.not.contain('010594');
    });
  });

  describe('authorization request checks', () => {
    it('refuses a request without PKCE with invalid_request', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: 'http://a.example.test/callback', scope: 'openid', state: 's', nonce: 'n' });
      const landed = await new TestBrowser().navigate(url, 'http://a.example.test');
      expect((landed as URL).searchParams.get('error')).to.equal('invalid_request');
    });

    it('refuses the plain PKCE method with invalid_request', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: 'http://a.example.test/callback', scope: 'openid', state: 's', nonce: 'n',
        code_challenge: 'a'.repeat(43), code_challenge_method: 'plain',
      });
      const landed = await new TestBrowser().navigate(url, 'http://a.example.test');
      expect((landed as URL).searchParams.get('error')).to.equal('invalid_request');
    });

    it('shows an error page and does not redirect for an unregistered redirect_uri', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { redirect_uri: 'http://evil.example.test/steal' });
      const response = await new TestBrowser().request(request.url);
      expect(response.status).to.equal(400);
      expect(response.headers.get('location')).to.equal(null);
      expect(response.headers.get('content-type')).to.match(/text\/html/);
      expect(await response.text()).to.not.contain('evil.example.test');
    });

    it('refuses response types other than code', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { response_type: 'id_token' });
      const landed = await new TestBrowser().navigate(request.url, request.redirectOrigin);
      const error = landed instanceof URL ? landed.searchParams.get('error') ?? new URLSearchParams(landed.hash.slice(1)).get('error') : `status ${landed.status}`;
      expect(error).to.equal('unsupported_response_type');
    });
  });

  describe('codes', () => {
    it('a reused code gives invalid_grant and revokes the first access token', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config);
      const callback = await loginAtBank(new TestBrowser(), request, LIISA);
      const tokens = await redeem(config, callback, request);
      await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub);
      let reuseError: unknown;
      try {
        await redeem(config, callback, request);
      } catch (error) {
        reuseError = error;
      }
      expect((reuseError as { error?: string }).error).to.equal('invalid_grant');
      const after = await fetch(`${system.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(after.status).to.equal(401);
    });
  });

  describe('strict e-services', () => {
    it('must use PAR: a plain authorization request is refused', async () => {
      const config = await eserviceClient(system, 'eservice-strict');
      const request = await authorizationRequest(config);
      const landed = await new TestBrowser().navigate(request.url, request.redirectOrigin);
      expect((landed as URL).searchParams.get('error')).to.equal('invalid_request');
    });

    it('logs in with PAR and a signed request object, authenticating with private_key_jwt', async () => {
      const config = await eserviceClient(system, 'eservice-strict');
      const plain = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
      const jar = await oidc.buildAuthorizationUrlWithJAR(config, plain.url.searchParams, { key: system.eservices.strictKey, kid: system.eservices.strictKid });
      const par = await oidc.buildAuthorizationUrlWithPAR(config, jar.searchParams);
      expect(par.searchParams.get('request_uri')).to.match(/^urn:ietf:params:oauth:request_uri:/);
      const callback = await loginAtBank(new TestBrowser(), { ...plain, url: par }, LIISA);
      const tokens = await redeem(config, callback, plain);
      expect(tokens.claims()!.personal_identity_code).to.equal('131052-308T');
    });
  });

  describe('client credentials for the payments API', () => {
    it('issues a payments token to an e-service allowed payments', async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const tokens = await oidc.clientCredentialsGrant(config, { scope: 'payments' });
      expect(tokens.access_token).to.be.a('string');
      expect(tokens.scope).to.equal('payments');
      expect(tokens.expires_in).to.be.at.most(system.config.ttl.clientCredentials);
    });

    it('refuses client credentials to an e-service without the payments permission', async () => {
      const config = await eserviceClient(system, 'eservice-b');
      let refused: unknown;
      try {
        await oidc.clientCredentialsGrant(config, { scope: 'payments' });
      } catch (error) {
        refused = error;
      }
      expect((refused as { error?: string }).error).to.equal('invalid_request');
      expect((refused as { error_description?: string }).error_description).to.match(/grant type is not allowed/);
    });
  });
});
