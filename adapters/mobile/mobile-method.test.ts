import { expect } from 'chai';
import type { MssSignatureReq, MssStatusReq, MssStatusResp } from './etsi-messages.ts';
import { FICOM } from './etsi-messages.ts';
import { MsspFaultError, MsspTransportError, type MsspTransport } from './mssp-transport.ts';
import { createMobileMethod } from './mobile-method.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import type { Config } from '../../src/config/schema.ts';
import { createSandboxCa } from './sandbox/sandbox-ca.ts';
import type { DecoupledPending } from '../../src/identity/identification-method.ts';

interface Scripted {
  signatures: MssSignatureReq[];
  statuses: MssStatusReq[];
  nextStatus: () => MssStatusResp;
}

/** A transport that records what the method sends and answers from a script. */
function scriptedTransport(script: Partial<Scripted> & { failSignature?: Error; failStatus?: Error }): { transport: MsspTransport; sent: Scripted } {
  const sent: Scripted = { signatures: [], statuses: [], nextStatus: script.nextStatus ?? (() => status('504')) };
  return {
    sent,
    transport: {
      async signature(request) {
        sent.signatures.push(request);
        if (script.failSignature) throw script.failSignature;
        return { MajorVersion: '1', MinorVersion: '1', AP_Info: request.AP_Info, MSSP_Info: { MSSP_ID: {} }, MSSP_TransID: 'T1', Status: { StatusCode: { Value: '100' } } };
      },
      async status(request) {
        sent.statuses.push(request);
        if (script.failStatus) throw script.failStatus;
        return sent.nextStatus();
      },
    },
  };
}

function status(code: string, extra: Partial<MssStatusResp> = {}): MssStatusResp {
  return { MajorVersion: '1', MinorVersion: '1', AP_Info: { AP_ID: 'a', AP_PWD: 'p', AP_TransID: 'A1', Instant: '' }, MSSP_Info: { MSSP_ID: {} }, Status: { StatusCode: { Value: code } }, ...extra };
}

describe('mobile: the method (signature request and status polling)', () => {
  let clock = 1_000_000;
  let config: Readonly<Config>;
  before(async () => {
    const ca = await createSandboxCa('Test CA', 'http://127.0.0.1:9/crl');
    config = loadConfig({ overrides: { mobile: {
      enabled: true, mssp: { url: 'https://mssp.example.test/mss', apId: 'http://ap.example.test', apPwd: 'pwd' },
      trustAnchors: [ca.pem], polling: { firstDelayMs: 15_000, intervalMs: 5_000 }, timeoutSeconds: 120,
    } } });
  });
  const method = (transport: MsspTransport) => createMobileMethod({ mobile: config.mobile, transport, logger: createLogger('silent'), now: () => clock });
  const start = async (transport: MsspTransport) => {
    const started = await method(transport).start({ interactionUid: 'u', optionId: 'mobile', locale: 'en', eserviceName: 'S', correlationId: 'c', userId: '+358401234567' });
    if (!started.ok) throw new Error(started.failure.code);
    return started.pending;
  };
  beforeEach(() => { clock = 1_000_000; });

  it('sends the FiCom authentication request and waits the first delay before the first poll', async () => {
    const { transport, sent } = scriptedTransport({});
    const pending = await start(transport);
    const request = sent.signatures[0]!;
    expect(request.MobileUser.MSISDN).to.equal('+358401234567');
    expect(request.TimeOut).to.equal('120');
    expect(request.AP_Info).to.include({ AP_ID: 'http://ap.example.test', AP_PWD: 'pwd' });
    expect(Buffer.from(request.DataToBeSigned.Data, 'base64')).to.have.length(32);
    expect(request.AdditionalServices.map((s) => s.Description)).to.deep.equal([FICOM.eventId, FICOM.noSpam, FICOM.userLang, FICOM.personIdentity]);
    expect(pending).to.include({ displayCode: request.AdditionalServices[0]!.EventID!.Value, nextPollAt: clock + 15_000, deadline: clock + 120_000 + 15_000 });
    expect(pending.data).to.include({ msspTransId: 'T1', challenge: request.DataToBeSigned.Data });
  });

  it('asks the MSSP only when the schedule allows: never before nextPollAt, then every interval while 504', async () => {
    const { transport, sent } = scriptedTransport({});
    const m = method(transport);
    let pending: DecoupledPending = await start(transport);
    clock += 14_999;
    expect((await m.poll({ pending, correlationId: 'c' })).status).to.equal('outstanding');
    expect(sent.statuses, 'no poll before the first delay').to.have.length(0);
    clock += 1;
    const polled = await m.poll({ pending, correlationId: 'c' });
    if (polled.status !== 'outstanding') throw new Error('expected outstanding');
    pending = polled.pending;
    expect(sent.statuses).to.have.length(1);
    expect(sent.statuses[0]!.MSSP_TransID).to.equal('T1');
    expect(pending.nextPollAt).to.equal(clock + 5_000);
    clock += 4_000;
    await m.poll({ pending, correlationId: 'c' });
    expect(sent.statuses, 'no poll within the interval').to.have.length(1);
  });

  it('keeps waiting through an unreachable MSSP, and times out at the deadline without asking', async () => {
    const { transport, sent } = scriptedTransport({ failStatus: new MsspTransportError('down', 'unreachable') });
    const m = method(transport);
    const pending = await start(transport);
    clock += 20_000;
    expect((await m.poll({ pending, correlationId: 'c' })).status).to.equal('outstanding');
    clock = pending.deadline + 1;
    const late = await m.poll({ pending, correlationId: 'c' });
    expect(late.status === 'done' && !late.outcome.ok && late.outcome.failure.code).to.equal('ERR_MOBILE_TIMEOUT');
    expect(sent.statuses).to.have.length(1);
  });

  for (const [answer, code] of [
    [() => status('503'), 'ERR_MOBILE_INVALID_SIGNATURE'],
    [() => status('505'), 'ERR_MOBILE_CONSTRAINT_MISMATCH'],
    [() => status('777'), 'ERR_MOBILE_UNEXPECTED_STATUS'],
    [() => status('502', { MSS_Signature: { Base64Signature: Buffer.from('trust me').toString('base64') } }), 'ERR_MOBILE_SIGNATURE_INVALID'],
    [() => status('500', { MobileUser: { MSISDN: '+358409999999' }, MSS_Signature: { Base64Signature: 'AA==' } }), 'ERR_MOBILE_RESPONSE_INVALID'],
    [() => { throw new MsspFaultError({ Code: { Value: 'env:Receiver', SubCode: { Value: 'fi:_401' } } }); }, 'ERR_MOBILE_USER_CANCEL'],
  ] as const) {
    it(`ends with ${code}`, async () => {
      const { transport } = scriptedTransport({ nextStatus: answer });
      const pending = await start(transport);
      clock += 15_000;
      const done = await method(transport).poll({ pending, correlationId: 'c' });
      expect(done.status === 'done' && !done.outcome.ok && done.outcome.failure.code).to.equal(code);
    });
  }

  it('maps a fault to the signature request itself (105 unknown number)', async () => {
    const { transport } = scriptedTransport({ failSignature: new MsspFaultError({ Code: { Value: 'env:Sender', SubCode: { Value: 'fi:_105' } } }) });
    const started = await method(transport).start({ interactionUid: 'u', optionId: 'mobile', locale: 'fi', eserviceName: 'S', correlationId: 'c', userId: '+358401234567' });
    expect(!started.ok && started.failure).to.include({ code: 'ERR_MOBILE_UNKNOWN_CLIENT', reason: 'rejected' });
  });
});
