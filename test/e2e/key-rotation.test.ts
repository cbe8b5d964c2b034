import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { decodeProtectedHeader } from 'jose';
import { startTestSystem, type TestSystem } from '../support/start-test-system.ts';
import { TestBrowser } from '../support/test-browser.ts';
import { authorizationRequest, eserviceClient, loginAtBank, redeem } from '../support/eservice-client.ts';
import { loadKeySet, RP_SIGNING_ACTIVATION_SECONDS } from '../../src/keys/key-set.ts';

async function idTokenKid(system: TestSystem): Promise<string> {
  const config = await eserviceClient(system, 'eservice-a');
  const request = await authorizationRequest(config);
  const tokens = await redeem(config, await loginAtBank(new TestBrowser(), request, { option: 'bank:aurinko', person: 'liisa-virtanen' }), request);
  return decodeProtectedHeader(tokens.id_token!).kid!;
}

async function publishedKids(system: TestSystem): Promise<string[]> {
  const jwks = await (await fetch(`${system.issuer}/jwks`)).json() as { keys: { kid: string }[] };
  return jwks.keys.map((k) => k.kid);
}

describe('e2e: signing keys', () => {
  let system: TestSystem;
  before(async () => { system = await startTestSystem(); });
  after(async () => { await system?.close(); });

  it('keys:rotate adds new keys; the old ones stay published until their tokens expire', async function () {
    this.timeout(60_000);
    const oldKid = await idTokenKid(system);
    expect(await publishedKids(system)).to.include(oldKid);

    const cli = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../src/keys/rotate-cli.ts')], {
      env: { ...process.env, PORTTI__STORE__SQLITEPATH: system.config.store.kind === 'sqlite' ? system.config.store.sqlitePath : '' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(cli.status, cli.stderr).to.equal(0);
    expect(cli.stdout).to.contain('op-signing RS256');

    await system.restartBroker();
    const newKid = await idTokenKid(system);
    expect(newKid, 'new tokens are signed with the new key').to.not.equal(oldKid);
    expect(await publishedKids(system), 'both generations are published').to.include.members([oldKid, newKid]);

    const later = Math.floor(Date.now() / 1000) + system.config.ttl.idToken + system.config.ttl.accessToken + 60;
    const afterExpiry = await loadKeySet(system.broker.storage, later);
    const kids = afterExpiry.opJwks.keys.map((k) => k.kid);
    expect(kids, 'the old key leaves once its tokens have expired').to.not.include(oldKid);
    expect(kids).to.include(newKid);
  });

  it('a new RP signing key is published at once but signs only after the banks can have seen it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const current = await loadKeySet(system.broker.storage, now);
    const published = current.rpPublicJwks.keys.filter((k) => k.use === 'sig').map((k) => k.kid);
    expect(published.length, 'old and new RP signing keys are published').to.be.at.least(2);
    expect(current.rpSigning.kid, 'the previous key still signs').to.equal(published.at(-1));
    const later = await loadKeySet(system.broker.storage, now + RP_SIGNING_ACTIVATION_SECONDS + 1);
    expect(later.rpSigning.kid, 'the new key signs once seasoned').to.equal(published[0]);
  });

  it('keeps keys across a restart', async () => {
    const before = await publishedKids(system);
    await system.restartBroker();
    expect(await publishedKids(system)).to.deep.equal(before);
  });
});
