import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair } from 'jose';
import type { CryptoKey, JWTVerifyGetKey } from 'jose';
import { DemoError } from './demo-error.ts';
import { escapeHtml } from './escape-html.ts';
import { LEVELS, authorizationParameters, readLoginChoices } from './login-choices.ts';
import { createSessionStore } from './session-store.ts';
import { startDemoEservice } from './start-demo-eservice.ts';
import { BACKCHANNEL_LOGOUT_EVENT, verifyLogoutToken } from './verify-logout-token.ts';

/** A port that was free a moment ago and has nothing listening on it now. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('demo e-service', () => {
  describe('escapeHtml', () => {
    it('escapes every character that matters in text and attributes', () => {
      expect(escapeHtml(`<a href="x" title='y'>&</a>`))
        .to.equal('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    });

    it('turns non-strings into text and absent values into nothing', () => {
      expect(escapeHtml(42)).to.equal('42');
      expect(escapeHtml(undefined)).to.equal('');
      expect(escapeHtml(null)).to.equal('');
    });
  });

  describe('login choices', () => {
    it('maps the form to scope, ui_locales and acr_values', () => {
      const choices = readLoginChoices(new URLSearchParams('personal_identity_code=yes&ui_locales=sv&level=high'));
      const params = authorizationParameters(choices, { redirectUri: 'http://rp/callback', state: 's', nonce: 'n', codeChallenge: 'c' });
      expect(params).to.include({
        scope: 'openid profile personal_identity_code',
        ui_locales: 'sv',
        acr_values: LEVELS.high,
        code_challenge_method: 'S256',
        redirect_uri: 'http://rp/callback',
      });
    });

    it('leaves out unknown languages and levels instead of passing them on', () => {
      const choices = readLoginChoices(new URLSearchParams('ui_locales=de&level=toString'));
      const params = authorizationParameters(choices, { redirectUri: 'r', state: 's', nonce: 'n', codeChallenge: 'c' });
      expect(params.scope).to.equal('openid profile');
      expect(params).not.to.have.property('ui_locales');
      expect(params).not.to.have.property('acr_values');
    });
  });

  describe('session store', () => {
    it('forgets sessions idle for longer than allowed', () => {
      let now = 0;
      const store = createSessionStore({ idleMs: 1000, maxSessions: 10, now: () => now });
      const session = store.create();
      now = 999;
      expect(store.find(session.id)).to.equal(session);
      now = 2000;
      expect(store.find(session.id)).to.equal(undefined);
    });

    it('drops the oldest session when full', () => {
      const store = createSessionStore({ idleMs: 60_000, maxSessions: 2 });
      const first = store.create();
      store.create();
      store.create();
      expect(store.size).to.equal(2);
      expect(store.find(first.id)).to.equal(undefined);
    });
  });

  describe('verifyLogoutToken', () => {
    const issuer = 'http://portti.test';
    const clientId = 'permit-demo';
    let privateKey: CryptoKey;
    let jwks: JWTVerifyGetKey;

    before(async () => {
      const pair = await generateKeyPair('ES256');
      privateKey = pair.privateKey;
      jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] });
    });

    function logoutToken(claims: Record<string, unknown>, audience = clientId): Promise<string> {
      return new SignJWT({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} }, sub: 'citizen-1', sid: 'sid-1', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1', typ: 'logout+jwt' })
        .setIssuer(issuer).setAudience(audience).setIssuedAt().setJti(crypto.randomUUID()).setExpirationTime('2m')
        .sign(privateKey);
    }

    async function rejection(token: Promise<string>): Promise<unknown> {
      return verifyLogoutToken(await token, { issuer, clientId, jwks }).then(() => 'accepted', (error: unknown) => error);
    }

    it('accepts a valid token and says whose sessions to end', async () => {
      expect(await verifyLogoutToken(await logoutToken({}), { issuer, clientId, jwks })).to.deep.equal({ sub: 'citizen-1', sid: 'sid-1' });
    });

    it('refuses a token for another client', async () => {
      const error = await rejection(logoutToken({}, 'someone-else'));
      expect(error).to.be.instanceOf(DemoError).with.property('code', 'ERR_DEMO_INVALID_LOGOUT_TOKEN');
    });

    it('refuses a token without the back-channel logout event', async () => {
      expect(await rejection(logoutToken({ events: { 'http://example.com/other': {} } })))
        .to.be.instanceOf(DemoError).with.property('code', 'ERR_DEMO_INVALID_LOGOUT_TOKEN');
    });

    it('refuses a token that carries a nonce (an ID token passed off as a logout token)', async () => {
      expect(await rejection(logoutToken({ nonce: 'n' })))
        .to.be.instanceOf(DemoError).with.property('code', 'ERR_DEMO_INVALID_LOGOUT_TOKEN');
    });

    it('refuses a token naming neither sub nor sid', async () => {
      expect(await rejection(logoutToken({ sub: undefined, sid: undefined })))
        .to.be.instanceOf(DemoError).with.property('code', 'ERR_DEMO_INVALID_LOGOUT_TOKEN');
    });
  });

  describe('over HTTP, with Portti unreachable', () => {
    let demo: Awaited<ReturnType<typeof startDemoEservice>>;
    const logged: string[] = [];

    before(async () => {
      const port = await closedPort();
      demo = await startDemoEservice({
        host: '127.0.0.1',
        port: 0,
        publicUrl: 'http://127.0.0.1:3001',
        issuer: `http://127.0.0.1:${port}`,
        clientId: 'permit-demo',
        clientSecret: 'a-secret-long-enough-for-the-demo',
        log: (msg) => logged.push(msg),
      });
    });

    after(async () => {
      await demo?.close();
    });

    it('renders an accessible login form on the front page', async () => {
      const response = await fetch(`${demo.url}/`);
      const html = await response.text();
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.match(/^text\/html/);
      expect(html).to.match(/<html lang="en">/);
      expect(html).to.include('<title>Permit service (demo)</title>');
      expect(html).to.include('<h1>Permit service (demo)</h1>');
      expect(html).to.include('<form method="get" action="/login">');
      expect(html).to.match(/<input type="checkbox" id="ask-identity-code" name="personal_identity_code"/);
      expect(html).to.include('<label for="ask-identity-code">Also ask for my personal identity code</label>');
      expect(html).to.match(/<label for="ui-locales">[^<]+<\/label>\s*<select id="ui-locales" name="ui_locales">/);
      for (const language of ['fi', 'sv', 'en']) expect(html).to.include(`<option value="${language}"`);
      expect(html).to.match(/<label for="level">[^<]+<\/label>\s*<select id="level" name="level">/);
      expect(html).to.include('<option value="substantial">Substantial</option>');
      expect(html).to.include('<option value="high">High</option>');
      expect(html).to.include('<button type="submit">Log in</button>');
    });

    it('allows its inline style by a nonce that matches the CSP header', async () => {
      const response = await fetch(`${demo.url}/`);
      const nonce = /style-src 'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
      expect(nonce).to.be.a('string');
      expect(await response.text()).to.include(`<style nonce="${nonce}">`);
    });

    it('answers /login with a friendly 503 page, keeps running, and tries again next time', async () => {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const response = await fetch(`${demo.url}/login?level=high`, { redirect: 'manual' });
        const html = await response.text();
        expect(response.status).to.equal(503);
        expect(html).to.include('<h1>Identification is not available</h1>');
        expect(html).to.include('<a href="/">');
        expect(html).not.to.match(/at .*\.ts:\d+/);
        expect(response.headers.get('set-cookie')).to.equal(null);
      }
      expect(logged.filter((msg) => msg === 'demo: issuer discovery failed')).to.have.length(2);
      expect((await fetch(`${demo.url}/`)).status).to.equal(200);
    });

    it('refuses a garbage logout token with 400 invalid_request', async () => {
      const response = await fetch(`${demo.url}/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'logout_token=not.a.jwt',
      });
      expect(response.status).to.equal(400);
      expect(await response.json()).to.deep.equal({ error: 'invalid_request' });
      expect(demo.loggedOutCount).to.equal(0);
    });

    it('refuses a back-channel logout without a token, or not as a form', async () => {
      const empty = await fetch(`${demo.url}/backchannel-logout`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '',
      });
      expect(empty.status).to.equal(400);
      expect(await empty.json()).to.deep.equal({ error: 'invalid_request' });
      const json = await fetch(`${demo.url}/backchannel-logout`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"logout_token":"x"}',
      });
      expect(json.status).to.equal(400);
    });

    it('refuses a logout token over 16 KiB', async () => {
      const response = await fetch(`${demo.url}/backchannel-logout`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `logout_token=${'a'.repeat(17 * 1024)}`,
      });
      expect(response.status).to.equal(413);
      expect(await response.json()).to.deep.equal({ error: 'invalid_request' });
    });

    it('says "You cancelled the login" when Portti reports access_denied', async () => {
      const response = await fetch(`${demo.url}/callback?error=access_denied&state=x`);
      expect(response.status).to.equal(200);
      expect(await response.text()).to.include('<h1>You cancelled the login</h1>');
    });

    it('answers a callback with no login in progress with a friendly 400 page', async () => {
      const response = await fetch(`${demo.url}/callback?code=abc&state=xyz`);
      expect(response.status).to.equal(400);
      expect(await response.text()).to.include('<h1>Login expired</h1>');
    });

    it('sends a logged-out visitor who posts /logout back home', async () => {
      const response = await fetch(`${demo.url}/logout`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=x', redirect: 'manual',
      });
      expect(response.status).to.equal(303);
      expect(response.headers.get('location')).to.equal('/');
    });

    it('shows a friendly 404 page for unknown paths', async () => {
      const response = await fetch(`${demo.url}/nothing-here`);
      expect(response.status).to.equal(404);
      expect(await response.text()).to.include('<h1>Page not found</h1>');
    });
  });
});
