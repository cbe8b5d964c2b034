import { expect } from 'chai';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSandboxMssp, type RunningSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startBroker, type RunningBroker } from '../../src/broker.ts';
import { freePort } from '../support/free-port.ts';
import { createTestEservices } from '../support/test-eservices.ts';
import { TestBrowser } from '../support/test-browser.ts';
import type { TestSystem } from '../support/start-test-system.ts';
import { authorizationRequest, eserviceClient, redeem } from '../support/eservice-client.ts';
import { AP, openPhonePage, submitPhone, waitForOutcome } from '../support/mobile-test-system.ts';

/**
 * Two broker workers on one SQLite file behind a round-robin proxy, as a deployment runs
 * them: each request of one mobile login may reach either worker.
 */
describe('e2e: mobile certificate login across two workers sharing the store', () => {
  let mssp: RunningSandboxMssp;
  let workers: RunningBroker[] = [];
  let proxy: http.Server;
  let dir: string;
  const served = [0, 0];
  let system: Pick<TestSystem, 'issuer' | 'eservices'>;

  before(async () => {
    mssp = await startSandboxMssp({ host: '127.0.0.1', port: 0, answerDelayMs: 400, ...AP });
    dir = mkdtempSync(join(tmpdir(), 'portti-workers-'));
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const eservices = await createTestEservices();
    const config = loadConfig({
      configDir: resolve(import.meta.dirname, '../../config'),
      env: {},
      overrides: {
        issuer,
        http: { host: '127.0.0.1', port: 0 },
        store: { kind: 'sqlite', sqlitePath: join(dir, 'portti.sqlite') },
        log: { level: 'silent' },
        eservices: eservices.registry,
        mobile: {
          enabled: true,
          mssp: { url: mssp.endpoint, ...AP },
          trustAnchors: [mssp.caPem],
          polling: { firstDelayMs: 100, intervalMs: 100, browserIntervalMs: 100 },
        },
      },
    });
    workers = [await startBroker(config, createLogger('silent')), await startBroker(config, createLogger('silent'))];
    let next = 0;
    proxy = http.createServer((req, res) => {
      const index = next++ % workers.length;
      served[index]! += 1;
      const target = new URL(workers[index]!.url);
      const upstream = http.request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on('error', () => res.writeHead(502).end());
      req.pipe(upstream);
    });
    await new Promise<void>((done) => proxy.listen(port, '127.0.0.1', done));
    system = { issuer, eservices };
  });

  after(async () => {
    await new Promise<void>((done) => { proxy?.close(() => done()); proxy?.closeAllConnections(); });
    for (const worker of workers) await worker.close();
    await mssp?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('completes the login whichever worker takes each step', async () => {
    const browser = new TestBrowser();
    const config = await eserviceClient(system as TestSystem, 'eservice-a');
    const request = await authorizationRequest(config, { scope: 'openid profile personal_identity_code' });
    const page = await openPhonePage(browser, request);
    expect((await submitPhone(browser, page, '040 000 0001', request.redirectOrigin)).status).to.equal(200);
    const callback = await waitForOutcome(browser, system as TestSystem, page.uid, request.redirectOrigin);
    if (!(callback instanceof URL)) throw new Error(`expected the e-service callback, got ${callback.status}`);
    expect((await redeem(config, callback, request)).claims()).to.include({ personal_identity_code: '131052-308T', acr: 'http://ftn.ficora.fi/2017/loa3' });
    expect(served[0], 'requests to worker 1').to.be.greaterThan(2);
    expect(served[1], 'requests to worker 2').to.be.greaterThan(2);
  });

  it('refuses a second request for the same number on the other worker', async () => {
    const first = new TestBrowser();
    const one = await authorizationRequest(await eserviceClient(system as TestSystem, 'eservice-a'));
    const firstPage = await openPhonePage(first, one);
    await submitPhone(first, firstPage, '040 000 0002', one.redirectOrigin);
    const second = new TestBrowser();
    const two = await authorizationRequest(await eserviceClient(system as TestSystem, 'eservice-b'));
    const refused = await submitPhone(second, await openPhonePage(second, two), '040 000 0002', two.redirectOrigin);
    expect(refused.status).to.equal(409);
    expect(await waitForOutcome(first, system as TestSystem, firstPage.uid, one.redirectOrigin)).to.be.instanceOf(URL);
  });
});
