import { expect } from 'chai';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, redeem } from '../support/eservice-client.ts';
import * as oidc from 'openid-client';

const LOA2 = 'http://ftn.ficora.fi/2017/loa2';

describe('e2e: bank login through the sandbox banks', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { if (process.env.DUMP_LOGS) console.log(system.logs); await system?.close(); });

  for (const bank of ['aurinko', 'revontuli', 'saaristo', 'tunturi']) {
    it(`logs a citizen in through ${bank} with claims, acr, amr and iss`, async () => {
      const config = await eserviceClient(system, 'eservice-a');
      const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
      const callback = await loginAtBank(new TestBrowser(), request, { option: `bank:${bank}`, person: 'liisa-virtanen' });
      expect(callback.searchParams.get('iss')).to.equal(system.issuer);
      const tokens = await redeem(config, callback, request);
      const claims = tokens.claims()!;
      expect(claims.acr).to.equal(LOA2);
      expect(claims.amr).to.deep.equal(['bank', bank]);
      expect(claims.personal_identity_code).to.equal('131052-308T');
      expect(claims.given_name).to.equal('Liisa');
      expect(claims.family_name).to.equal('Virtanen');
      expect(claims.birthdate).to.equal('1952-10-13');
      expect(claims.sub).to.not.contain('131052');
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
      expect(userinfo.name).to.equal('Liisa Virtanen');
      expect(userinfo.personal_identity_code).to.equal('131052-308T');
    });
  }
});
