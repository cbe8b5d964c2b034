import { expect } from 'chai';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHttpPopulationRegister, PopulationRegisterUnavailableError } from './http-population-register.ts';
import type { PopulationRegister } from './population-register.ts';
import type { Satu } from './satu.ts';

const SATU = '12345678N' as Satu;

interface Seen { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }

describe('card: HTTP population register', () => {
  let server: http.Server;
  let base: string;
  let answer: (res: http.ServerResponse) => void;
  let seen: Seen;

  before(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => { body += chunk; }).on('end', () => {
        seen = { method: req.method, url: req.url, headers: req.headers, body };
        answer(res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/vtj`;
  });
  after(() => new Promise<void>((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }));

  const json = (status: number, value: unknown) => (res: http.ServerResponse) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  const register = (options: { url?: string; requestTimeoutMs?: number; basicAuth?: { username: string; password: string } } = {}): PopulationRegister =>
    createHttpPopulationRegister({ url: base, requestTimeoutMs: 2000, ...options });

  async function unavailable(ask: Promise<unknown>): Promise<PopulationRegisterUnavailableError> {
    try {
      await ask;
    } catch (error) {
      expect(error).to.be.instanceOf(PopulationRegisterUnavailableError);
      expect((error as PopulationRegisterUnavailableError).code).to.equal('ERR_CARD_REGISTER_UNAVAILABLE');
      expect((error as Error).message).to.not.contain(SATU);
      return error as PopulationRegisterUnavailableError;
    }
    throw new Error('expected PopulationRegisterUnavailableError');
  }

  it('asks by SATU with the correlation id and Basic auth, and reads the person', async () => {
    answer = json(200, { henkilotunnus: '010280-123A', etunimet: 'Teemu Tapani', sukunimi: 'Testinen', kuollut: false });
    const result = await register({ basicAuth: { username: 'portti', password: 's3cret:x' } }).personBySatu(SATU, 'corr-1');
    expect(result).to.deep.equal({ found: true, person: { hetu: '010280-123A', givenNames: 'Teemu Tapani', familyName: 'Testinen', deceased: false } });
    expect(seen).to.include({ method: 'POST', url: '/vtj/henkilotunnuskysely' });
    expect(seen.headers).to.include({ 'content-type': 'application/json', 'x-correlation-id': 'corr-1', authorization: `Basic ${Buffer.from('portti:s3cret:x').toString('base64')}` });
    expect(JSON.parse(seen.body)).to.deep.equal({ sahkoinenAsiointitunnus: SATU });
  });

  it('sends no authorization without Basic auth, and passes a deceased person on', async () => {
    answer = json(200, { henkilotunnus: '010280-123A', etunimet: 'Teemu', sukunimi: 'Testinen', kuollut: true });
    expect(await register().personBySatu(SATU, 'corr-2')).to.deep.include({ found: true });
    expect(seen.headers).to.not.have.property('authorization');
  });

  it('answers not found only for 404 with EI_LOYDY', async () => {
    answer = json(404, { virhe: 'EI_LOYDY' });
    expect(await register().personBySatu(SATU, 'corr-3')).to.deep.equal({ found: false });
    answer = (res) => res.writeHead(404).end('Not Found');
    await unavailable(register().personBySatu(SATU, 'corr-4'));
    answer = json(404, { virhe: 'MUU' });
    await unavailable(register().personBySatu(SATU, 'corr-5'));
  });

  it('throws PopulationRegisterUnavailableError for other statuses, non-JSON, missing or wrong-typed fields, and big bodies', async () => {
    for (const bad of [
      json(500, { virhe: 'SISAINEN' }),
      json(503, {}),
      (res: http.ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
      json(200, { henkilotunnus: '010280-123A', etunimet: 'Teemu', kuollut: false }),
      json(200, { henkilotunnus: '010280-123A', etunimet: 'Teemu', sukunimi: 'Testinen', kuollut: 'no' }),
      json(200, { henkilotunnus: 10280123, etunimet: 'Teemu', sukunimi: 'Testinen', kuollut: false }),
      json(200, { henkilotunnus: '010280-123A', etunimet: 'Teemu', sukunimi: 'Testinen', kuollut: false, padding: 'x'.repeat(70_000) }),
      (res: http.ServerResponse) => res.writeHead(302, { location: 'http://elsewhere.test/' }).end(),
    ]) {
      answer = bad;
      await unavailable(register().personBySatu(SATU, 'corr-6'));
    }
  });

  it('throws PopulationRegisterUnavailableError on timeout and when nothing listens, keeping the cause', async () => {
    answer = () => undefined; // never answers
    const slow = await unavailable(register({ requestTimeoutMs: 300 }).personBySatu(SATU, 'corr-7'));
    expect(slow.message).to.contain('300 ms');
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const down = await unavailable(register({ url: `http://127.0.0.1:${port}` }).personBySatu(SATU, 'corr-8'));
    expect(down.cause).to.be.instanceOf(Error);
  });
});
