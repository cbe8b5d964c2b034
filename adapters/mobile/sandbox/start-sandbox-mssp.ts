import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { FICOM, type MssSignatureReq, type MssStatusReq } from '../etsi-messages.ts';
import { checkSignatureRequest, type SandboxFault } from './check-signature-request.ts';
import { createSandboxCa } from './sandbox-ca.ts';
import { issuePhoneKeys } from './phone-keys.ts';
import { finalAnswer } from './answer-status.ts';
import { renderSandboxPage } from './sandbox-page.ts';
import { TEST_PHONES, type TestPhone } from './test-numbers.ts';
import { listen } from '../../../src/http/listen.ts';

export const SANDBOX_MSSP_ID = 'http://mssp.portti.test/sandbox';

export interface SandboxMsspOptions {
  readonly host: string;
  /** 0 picks an ephemeral port. */
  readonly port: number;
  /** How long a test phone takes to answer; until then status requests get 504. */
  answerDelayMs: number;
  readonly apId: string;
  readonly apPwd: string;
  readonly phones?: readonly TestPhone[];
  readonly logger?: (event: Record<string, unknown>) => void;
}

interface Transaction {
  readonly msisdn: string;
  readonly phone: TestPhone;
  readonly challenge: Buffer;
  readonly eventId: string;
  readonly attributes: readonly string[];
  readonly startedAt: number;
  /** Epoch ms of every status request, for tests of the polling schedule. */
  readonly polls: number[];
}

export interface RunningSandboxMssp {
  /** Base URL: the page, /ca.pem and /crl/. */
  readonly url: string;
  /** The JSON binding's endpoint. */
  readonly endpoint: string;
  readonly caPem: string;
  readonly options: SandboxMsspOptions;
  /** Signature requests received, newest last (the raw JSON), for contract tests. */
  readonly signatureRequests: MssSignatureReq[];
  /** The transaction whose request carried this event ID, for tests of the polling schedule. */
  transactionByEventId(eventId: string): Readonly<Transaction> | undefined;
  close(): Promise<void>;
}

/**
 * A sandbox MSSP speaking the ETSI TS 102 204 JSON binding: scripted test phones, a test
 * CA that issues their certificates at start-up, and the CRLs Portti checks them against.
 */
export async function startSandboxMssp(options: SandboxMsspOptions): Promise<RunningSandboxMssp> {
  const server = http.createServer();
  const port = await listen(server, options.port, options.host);
  const url = `http://${options.host === '127.0.0.1' ? '127.0.0.1' : 'localhost'}:${port}`;
  const phones = options.phones ?? TEST_PHONES;
  const ca = await createSandboxCa('Portti Sandbox Mobile CA', `${url}/crl/sandbox-mobile-ca.crl`);
  const foreignCa = await createSandboxCa('Untrusted Sandbox CA', `${url}/crl/foreign-ca.crl`);
  const keys = await issuePhoneKeys(phones, ca, foreignCa);
  const transactions = new Map<string, Transaction>();
  const apTransIds = new Set<string>();
  const signatureRequests: MssSignatureReq[] = [];
  const log = (event: Record<string, unknown>) => options.logger?.({ time: new Date().toISOString(), ...event });
  const msspInfo = () => ({ MSSP_ID: { URI: SANDBOX_MSSP_ID }, Instant: new Date().toISOString() });

  function signature(request: MssSignatureReq): [number, unknown] {
    signatureRequests.push(request);
    const problem = checkSignatureRequest(request, options);
    if (problem) return faultOf(problem);
    if (apTransIds.has(request.AP_Info.AP_TransID)) return faultOf({ code: 101, reason: 'WRONG_PARAM', detail: 'AP_TransID was used before' });
    apTransIds.add(request.AP_Info.AP_TransID);
    const phone = phones.find((p) => p.msisdn === request.MobileUser.MSISDN);
    if (!phone) return faultOf({ code: 105, reason: 'UNKNOWN_CLIENT', detail: 'no mobile certificate for this number' });
    const msspTransId = `S${randomUUID().replace(/-/g, '')}`;
    const services = request.AdditionalServices;
    transactions.set(msspTransId, {
      msisdn: phone.msisdn,
      phone,
      challenge: Buffer.from(request.DataToBeSigned.Data, 'base64'),
      eventId: services.find((s) => s.Description === FICOM.eventId)!.EventID!.Value,
      attributes: services.find((s) => s.Description === FICOM.personIdentity)?.Attributes?.map((a) => a.Name) ?? [],
      startedAt: Date.now(),
      polls: [],
    });
    log({ event: 'signature request', msisdn: phone.msisdn, script: phone.script, msspTransId });
    return [200, { MSS_SignatureResp: {
      MajorVersion: '1', MinorVersion: '1', AP_Info: request.AP_Info, MSSP_Info: msspInfo(), MSSP_TransID: msspTransId,
      Status: { StatusCode: { Value: '100' }, StatusMessage: 'REQUEST_OK' },
    } }];
  }

  function status(request: MssStatusReq): [number, unknown] {
    if (request?.AP_Info?.AP_ID !== options.apId || request.AP_Info.AP_PWD !== options.apPwd) {
      return faultOf({ code: 104, reason: 'UNAUTHORIZED_ACCESS', detail: 'unknown AP_ID or wrong AP_PWD' });
    }
    const transaction = transactions.get(request.MSSP_TransID);
    if (!transaction) return faultOf({ code: 101, reason: 'WRONG_PARAM', detail: 'unknown MSSP_TransID' });
    transaction.polls.push(Date.now());
    const base = { MajorVersion: '1', MinorVersion: '1', AP_Info: request.AP_Info, MSSP_Info: msspInfo(), MobileUser: { MSISDN: transaction.msisdn } };
    if (Date.now() - transaction.startedAt < options.answerDelayMs) {
      return [200, { MSS_StatusResp: { ...base, Status: { StatusCode: { Value: '504' }, StatusMessage: 'OUTSTANDING_TRANSACTION' } } }];
    }
    const answer = finalAnswer(transaction.phone, keys.get(transaction.msisdn), transaction.challenge, transaction.attributes);
    log({ event: 'status answered', msisdn: transaction.msisdn, script: transaction.phone.script });
    if (answer.kind === 'fault') return faultOf(answer.fault);
    return [200, { MSS_StatusResp: {
      ...base,
      MSS_Signature: { Base64Signature: answer.base64Signature },
      Status: { StatusCode: { Value: '500' }, StatusMessage: 'SIGNATURE' },
      ServiceResponses: answer.serviceResponses,
    } }];
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((error: unknown) => {
      log({ event: 'sandbox MSSP failed', error: (error as Error).message });
      if (!res.headersSent) send(res, ...faultOf({ code: 900, reason: 'INTERNAL_ERROR', detail: 'sandbox MSSP failure' }));
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', url).pathname;
    if (req.method === 'GET' && path === '/') return sendText(res, 200, 'text/html; charset=utf-8', renderSandboxPage(phones, options.answerDelayMs));
    if (req.method === 'GET' && path === '/ca.pem') return sendText(res, 200, 'application/x-pem-file', ca.pem);
    if (req.method === 'GET' && path === '/crl/sandbox-mobile-ca.crl') return sendBytes(res, await ca.crl());
    if (req.method === 'GET' && path === '/crl/foreign-ca.crl') return sendBytes(res, await foreignCa.crl());
    if (req.method !== 'POST' || path !== '/mss') return sendText(res, 404, 'text/plain', 'not found');
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return send(res, ...faultOf({ code: 101, reason: 'WRONG_PARAM', detail: 'the body is not JSON' }));
    }
    if (body.MSS_SignatureReq) return send(res, ...signature(body.MSS_SignatureReq as MssSignatureReq));
    if (body.MSS_StatusReq) return send(res, ...status(body.MSS_StatusReq as MssStatusReq));
    return send(res, ...faultOf({ code: 101, reason: 'WRONG_PARAM', detail: 'unsupported message' }));
  }

  return {
    url,
    endpoint: `${url}/mss`,
    caPem: ca.pem,
    options,
    signatureRequests,
    transactionByEventId: (eventId) => [...transactions.values()].find((t) => t.eventId === eventId),
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

function faultOf(fault: SandboxFault): [number, unknown] {
  const sender = fault.code < 200 || fault.code === 104;
  return [500, { Fault: {
    Code: { Value: sender ? 'env:Sender' : 'env:Receiver', SubCode: { Value: `fi:_${fault.code}` } },
    Reason: fault.reason,
    Detail: fault.detail,
  } }];
}

function send(res: ServerResponse, status: number, body: unknown): void {
  sendText(res, status, 'application/json', JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, type: string, text: string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' }).end(text);
}

function sendBytes(res: ServerResponse, bytes: Buffer): void {
  res.writeHead(200, { 'content-type': 'application/pkix-crl', 'cache-control': 'max-age=60' }).end(bytes);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64 * 1024) throw new Error('request too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
