import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { loadConfig } from '../../src/config/load-config.ts';
import { PRODUCTION_ENV, configErrorKey } from '../support/config-fixtures.ts';

const PRODUCTION_READY = PRODUCTION_ENV;
const keyOf = configErrorKey;

describe('configuration', () => {
  it('loads the development defaults, frozen', () => {
    const config = loadConfig({ env: {} });
    expect(config.mode).to.equal('development');
    expect(config.issuer).to.equal('http://localhost:3000');
    expect(config.bank.upstreams.map((u) => u.id)).to.deep.equal(['aurinko', 'revontuli', 'saaristo-broker']);
    expect(config.ttl.authorizationCode).to.be.at.most(60);
    expect(Object.isFrozen(config.http)).to.equal(true);
    expect(() => { (config.http as { port: number }).port = 1; }).to.throw(TypeError);
  });

  it('applies PORTTI__ environment overrides by key path, parsing JSON values', () => {
    const config = loadConfig({ env: { PORTTI__HTTP__PORT: '4000', PORTTI__LOG__LEVEL: 'warn', PORTTI__BANK__ENABLED: 'false' } });
    expect(config.http.port).to.equal(4000);
    expect(config.log.level).to.equal('warn');
    expect(config.bank.enabled).to.equal(false);
  });

  it('names the key of a wrong value', () => {
    expect(keyOf(() => loadConfig({ env: { PORTTI__HTTP__PORT: 'abc' } }))).to.equal('http.port');
    expect(keyOf(() => loadConfig({ env: { PORTTI__TTL__AUTHORIZATIONCODE: '600' } }))).to.equal('ttl.authorizationCode');
    expect(keyOf(() => loadConfig({ env: { PORTTI__ISSUER: 'http://localhost:3000/' } }))).to.equal('issuer');
    expect(keyOf(() => loadConfig({ overrides: { eservices: [{ clientId: 'x1x', name: { fi: 'a', sv: 'a', en: 'a' }, redirectUris: ['http://a/cb'], auth: { method: 'client_secret_basic', secret: 'short' } }] } })))
      .to.equal('eservices.0.auth.secret');
    expect(keyOf(() => loadConfig({ overrides: { http: { colour: 'blue' } } }))).to.equal('http');
  });

  it('names an unknown environment key instead of ignoring it', () => {
    expect(keyOf(() => loadConfig({ env: { PORTTI__HTTP__PROT: '1' } }))).to.equal('http.prot');
  });

  it('production refuses the sandbox, an http issuer and a missing pairwise secret', () => {
    expect(loadConfig({ env: PRODUCTION_READY }).mode).to.equal('production');
    expect(keyOf(() => loadConfig({ env: { ...PRODUCTION_READY, PORTTI__SANDBOX__ENABLED: 'true' } }))).to.equal('sandbox.enabled');
    expect(keyOf(() => loadConfig({ env: { ...PRODUCTION_READY, PORTTI__ISSUER: 'http://portti.example.fi' } }))).to.equal('issuer');
    expect(keyOf(() => loadConfig({ env: { ...PRODUCTION_READY, PORTTI__SECRETS__PAIRWISE: 'null' } }))).to.equal('secrets.pairwise');
    expect(keyOf(() => loadConfig({ env: { ...PRODUCTION_READY, PORTTI__STORE__SQLITEPATH: ':memory:' } }))).to.equal('store.sqlitePath');
  });

  it('the process stops at start-up with a message naming the key', function () {
    this.timeout(30_000);
    const result = spawnSync(process.execPath, ['--import', 'tsx', resolve(import.meta.dirname, '../../src/main.ts')], {
      env: { ...process.env, PORTTI__HTTP__PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 25_000,
    });
    expect(result.status).to.equal(78);
    expect(result.stderr).to.contain('configuration key "http.port"');
    expect(result.stderr).to.not.match(/\n\s+at /);
  });
});
