import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { X509Certificate } from '@peculiar/x509';
import { createCrlRegistry, type CrlRegistry, type CrlRegistryOptions } from './crl-registry.ts';
import { createLargeCrl, createTestCa, type TestCa } from './test-pki.ts';

type Route = () => Buffer | string | number | Promise<Buffer | string | number> | 'hang';

describe('card: CRL registry', () => {
  let server: http.Server;
  let base: string;
  const routes = new Map<string, Route>();
  const requests = new Map<string, number>();
  let rsaCa: TestCa;
  let ecCa: TestCa;
  let impostor: TestCa;
  let stranger: TestCa;
  const logs: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  let registry: CrlRegistry | undefined;

  before(async () => {
    server = http.createServer((req, res) => {
      const path = req.url ?? '';
      requests.set(path, (requests.get(path) ?? 0) + 1);
      const route = routes.get(path);
      if (!route) return void res.writeHead(404).end();
      Promise.resolve(route()).then((answer) => {
        if (answer === 'hang') return;
        if (typeof answer === 'number') res.writeHead(answer).end();
        else res.writeHead(200, { 'content-type': 'application/pkix-crl' }).end(answer);
      }, () => res.writeHead(500).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    rsaCa = await createTestCa('Test Citizen CA RSA', { keyType: 'rsa' });
    ecCa = await createTestCa('Test Citizen CA EC', { keyType: 'ec' });
    impostor = await createTestCa('Test Citizen CA RSA', { keyType: 'rsa' }); // same name, another key
    stranger = await createTestCa('Unconfigured CA');
  });
  after(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));
  beforeEach(() => { routes.clear(); requests.clear(); logs.length = 0; });
  afterEach(async () => { await registry?.close(); registry = undefined; });

  function open(options: Partial<CrlRegistryOptions> = {}): CrlRegistry {
    registry = createCrlRegistry({
      sources: [],
      issuers: [rsaCa.certificate, ecCa.certificate],
      fetchTimeoutMs: 5000,
      maxBytes: 10 * 1024 * 1024,
      refreshMarginSeconds: 60,
      retrySeconds: 60,
      log: (level, message, fields) => logs.push({ level, message, fields }),
      ...options,
    });
    registry.start();
    return registry;
  }

  const card = (ca: TestCa, path: string): Promise<X509Certificate> => ca.issueCard({ crlUrls: [`${base}${path}`] });

  async function until(condition: () => boolean, what: string): Promise<void> {
    for (let waited = 0; !condition(); waited += 20) {
      if (waited > 15_000) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('answers good and revoked from CRLs of RSA and ECDSA issuers, synchronously, and logs each load', async () => {
    const good = { rsa: await card(rsaCa, '/rsa.crl'), ec: await card(ecCa, '/ec.crl') };
    const revoked = { rsa: await card(rsaCa, '/rsa.crl'), ec: await card(ecCa, '/ec.crl') };
    routes.set('/rsa.crl', () => rsaCa.crl({ revoked: [revoked.rsa] }));
    const ecCrl = await ecCa.crl({ revoked: [revoked.ec] });
    // PEM is accepted as well as DER.
    routes.set('/ec.crl', () => `-----BEGIN X509 CRL-----\n${ecCrl.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END X509 CRL-----\n`);
    const crls = open({ sources: [`${base}/rsa.crl`, `${base}/ec.crl`] });
    await crls.ready();

    const now = new Date();
    for (const [ca, kind] of [[rsaCa, 'rsa'], [ecCa, 'ec']] as const) {
      const answer = crls.check(good[kind], ca.certificate, now);
      expect(answer, kind).to.deep.equal({ status: 'good' });
      const bad = crls.check(revoked[kind], ca.certificate, now);
      expect(bad.status, kind).to.equal('revoked');
      if (bad.status === 'revoked') expect(bad.revokedAt.getTime()).to.be.below(now.getTime());
    }
    expect(crls.status().map((source) => [source.state, source.entries])).to.deep.equal([['current', 1], ['current', 1]]);
    const loaded = logs.filter((entry) => entry.message === 'CRL loaded');
    expect(loaded).to.have.length(2);
    expect(loaded[0]!.level).to.equal('info');
    expect(loaded[0]!.fields).to.include.keys('url', 'issuer', 'entries', 'bytes', 'thisUpdate', 'nextUpdate', 'ms');
  });

  it('adds an unknown distribution point to the fetch set: unavailable first, then answered after the background fetch', async () => {
    const late = await card(rsaCa, '/late.crl');
    routes.set('/late.crl', () => rsaCa.crl());
    const crls = open();
    await crls.ready();
    const first = crls.check(late, rsaCa.certificate, new Date());
    expect(first.status).to.equal('unavailable');
    if (first.status === 'unavailable') expect(first.detail).to.contain(`${base}/late.crl`);
    await until(() => crls.status().some((source) => source.state === 'current'), 'the late CRL');
    expect(crls.check(late, rsaCa.certificate, new Date())).to.deep.equal({ status: 'good' });
    expect(crls.status()[0]).to.include({ url: `${base}/late.crl`, configured: false });
  });

  it('fails closed when the distribution point is down, too slow, or sends too much', async () => {
    const down = `http://127.0.0.1:${await closedPort()}/down.crl`;
    routes.set('/slow.crl', () => 'hang');
    routes.set('/big.crl', () => Buffer.alloc(4096, 0x30));
    const crls = open({ sources: [down, `${base}/slow.crl`, `${base}/big.crl`], fetchTimeoutMs: 500, maxBytes: 1024 });
    await crls.ready();
    for (const url of [down, `${base}/slow.crl`, `${base}/big.crl`]) {
      const answer = crls.check(await rsaCa.issueCard({ crlUrls: [url] }), rsaCa.certificate, new Date());
      expect(answer.status, url).to.equal('unavailable');
      const failure = logs.find((entry) => entry.fields['url'] === url);
      expect(failure?.level, url).to.equal('error');
      expect(failure?.fields['reason'], url).to.be.a('string');
    }
    expect(crls.status().map((source) => source.state)).to.deep.equal(['failed', 'failed', 'failed']);
    const noDistributionPoint = await rsaCa.issueCard({ crlUrls: [] });
    expect(crls.check(noDistributionPoint, rsaCa.certificate, new Date()).status).to.equal('unavailable');
  });

  it('refuses a stale CRL, and stops using a loaded one once past its nextUpdate', async () => {
    const cert = await card(rsaCa, '/stale.crl');
    routes.set('/stale.crl', () => rsaCa.crl({ thisUpdate: new Date(Date.now() - 7_200_000), nextUpdate: new Date(Date.now() - 60_000) }));
    routes.set('/current.crl', () => rsaCa.crl());
    const crls = open({ sources: [`${base}/stale.crl`, `${base}/current.crl`] });
    await crls.ready();
    expect(crls.check(cert, rsaCa.certificate, new Date()).status).to.equal('unavailable');
    expect(logs.find((entry) => entry.fields['url'] === `${base}/stale.crl`)?.fields['reason']).to.contain('past its nextUpdate');

    const other = await card(rsaCa, '/current.crl');
    expect(crls.check(other, rsaCa.certificate, new Date()).status).to.equal('good');
    const answer = crls.check(other, rsaCa.certificate, new Date(Date.now() + 7_200_000));
    expect(answer.status).to.equal('unavailable');
    if (answer.status === 'unavailable') expect(answer.detail).to.contain('past its nextUpdate');
  });

  it('never uses a CRL signed by the wrong key or by an unconfigured CA, nor one CA\'s CRL for another', async () => {
    const cert = await card(rsaCa, '/forged.crl');
    routes.set('/forged.crl', () => rsaCa.crl({ signer: impostor }));
    routes.set('/stranger.crl', () => stranger.crl());
    routes.set('/ec.crl', () => ecCa.crl());
    const crls = open({ sources: [`${base}/forged.crl`, `${base}/stranger.crl`, `${base}/ec.crl`] });
    await crls.ready();
    expect(crls.check(cert, rsaCa.certificate, new Date()).status).to.equal('unavailable');
    const rejections = logs.filter((entry) => entry.level === 'error').map((entry) => String(entry.fields['reason']));
    expect(rejections.some((reason) => reason.includes('not signed by'))).to.equal(true);
    expect(rejections.some((reason) => reason.includes('not a configured CA'))).to.equal(true);
    // The EC CA's CRL is good, but says nothing about a certificate of the RSA CA.
    const misplaced = crls.check(await card(rsaCa, '/ec.crl'), rsaCa.certificate, new Date());
    expect(misplaced.status).to.equal('unavailable');
  });

  it('keeps the CRL in use while its refresh fails, until its nextUpdate', async () => {
    const cert = await card(rsaCa, '/flaky.crl');
    // Wide enough that a loaded machine still fetches, fails the refresh and checks before nextUpdate.
    const nextUpdate = new Date(Date.now() + 12_000);
    routes.set('/flaky.crl', () => rsaCa.crl({ nextUpdate }));
    const crls = open({ sources: [`${base}/flaky.crl`], refreshMarginSeconds: 10, minRefreshSeconds: 0.1 });
    await crls.ready();
    routes.set('/flaky.crl', () => 503);
    await until(() => (requests.get('/flaky.crl') ?? 0) >= 2 && crls.status()[0]?.lastError !== undefined, 'the failed refresh');
    expect(crls.check(cert, rsaCa.certificate, new Date())).to.deep.equal({ status: 'good' });
    expect(crls.status()[0]).to.include({ state: 'current', lastError: 'HTTP 503' });
    expect(logs.find((entry) => entry.message.startsWith('CRL refresh failed'))?.level).to.equal('warn');
    expect(crls.check(cert, rsaCa.certificate, new Date(nextUpdate.getTime() + 1)).status).to.equal('unavailable');
  });

  it('regression: an hour-long CRL with the default one-hour margin is not fetched again at once, but a quarter of its life early', async () => {
    const thisUpdate = new Date(Date.now() - 60_000);
    const nextUpdate = new Date(thisUpdate.getTime() + 3_600_000);
    routes.set('/hourly.crl', () => ecCa.crl({ thisUpdate, nextUpdate }));
    const crls = open({ sources: [`${base}/hourly.crl`], refreshMarginSeconds: 3_600, minRefreshSeconds: 0.1 });
    await crls.ready();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(requests.get('/hourly.crl')).to.equal(1);
    // CRL times have whole seconds.
    expect(crls.status()[0]?.nextFetchAt?.getTime()).to.be.closeTo(nextUpdate.getTime() - 900_000, 1_000);
  });

  it('fetches a CRL again before its nextUpdate and answers from the new one', async () => {
    const cert = await card(ecCa, '/short.crl');
    let revoke = false;
    routes.set('/short.crl', () => ecCa.crl({ revoked: revoke ? [cert] : [], thisUpdate: new Date(), nextUpdate: new Date(Date.now() + 3_000) }));
    const crls = open({ sources: [`${base}/short.crl`], refreshMarginSeconds: 2, minRefreshSeconds: 0.1 });
    await crls.ready();
    expect(crls.check(cert, ecCa.certificate, new Date()).status).to.equal('good');
    revoke = true;
    await until(() => crls.status()[0]?.entries === 1, 'the refreshed CRL');
    expect(crls.check(cert, ecCa.certificate, new Date()).status).to.equal('revoked');
    expect(requests.get('/short.crl')).to.be.at.least(2);
  });

  it('reads a CRL of 200 000 entries in a worker and looks serials up synchronously', async function () {
    this.timeout(90_000); // building and signing the list takes seconds on a loaded 2-core machine
    const count = 200_000;
    const large = createLargeCrl(ecCa, count, new Date(Date.now() + 3_600_000));
    routes.set('/large.crl', () => large.der);
    const crls = open({ sources: [`${base}/large.crl`] });
    const pending = crls.check(await ecCa.issueCard({ crlUrls: [`${base}/large.crl`], serialNumber: large.serialFor(1) }), ecCa.certificate, new Date());
    expect(pending.status).to.equal('unavailable');
    await crls.ready();
    expect(crls.status()[0]).to.include({ state: 'current', entries: count });

    for (const index of [0, 1, 65_535, 123_457, count - 1]) {
      const listed = await ecCa.issueCard({ crlUrls: [`${base}/large.crl`], serialNumber: large.serialFor(index) });
      const answer = crls.check(listed, ecCa.certificate, new Date());
      expect(answer).to.not.be.instanceOf(Promise);
      expect(answer, String(index)).to.deep.equal({ status: 'revoked', revokedAt: large.revokedAtFor(index) });
    }
    for (const index of [count, count + 1, 0x7fffffff]) {
      const unlisted = await ecCa.issueCard({ crlUrls: [`${base}/large.crl`], serialNumber: large.serialFor(index) });
      expect(crls.check(unlisted, ecCa.certificate, new Date()), String(index)).to.deep.equal({ status: 'good' });
    }
  });
});

async function closedPort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
