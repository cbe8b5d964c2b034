import type { MobileConfig } from '../../src/config/schema.ts';
import type {
  DecoupledIdentificationMethod, DecoupledPending, DecoupledStartOutcome, IdentificationFailure, MethodOption, PollOutcome,
} from '../../src/identity/identification-method.ts';
import { ACR } from '../../src/identity/identity.ts';
import type { Logger } from '../../src/log/logger.ts';
import { STATUS, statusCodeOf } from './etsi-messages.ts';
import { MsspFaultError, MsspTransportError, type MsspTransport } from './mssp-transport.ts';
import { failureOfFault, mobileFailure } from './mobile-failures.ts';
import { newChallenge, newEventId } from './challenge.ts';
import { buildSignatureRequest, buildStatusRequest } from './signature-request.ts';
import { maskMsisdn, normaliseMsisdn } from './normalise-msisdn.ts';
import { parseTrustAnchors, verifyAnswer } from './verify-answer.ts';
import { createCrlCache } from './crl-cache.ts';

export interface MobileMethodOptions {
  readonly mobile: MobileConfig;
  readonly transport: MsspTransport;
  readonly logger: Logger;
  readonly now?: () => number;
}

export const MOBILE_OPTION_ID = 'mobile';
/** Slack past the MSS TimeOut before Portti gives up itself: the MSSP's own 208 should come first. */
const DEADLINE_GRACE_MS = 15_000;

/**
 * Mobile certificate identification (mobiilivarmenne): ETSI TS 102 204 signature requests
 * in the FiCom authentication profile, asynchClientServer status polling on the
 * guideline's schedule, and verification Portti does itself.
 */
export function createMobileMethod(options: MobileMethodOptions): DecoupledIdentificationMethod {
  const { mobile, transport, logger } = options;
  const now = options.now ?? Date.now;
  const ap = { apId: mobile.mssp.apId, apPwd: mobile.mssp.apPwd };
  const anchors = parseTrustAnchors(mobile.trustAnchors);
  const crls = createCrlCache(mobile.crl);
  const option: MethodOption = { id: MOBILE_OPTION_ID, kind: 'mobile', subMethod: 'mobile', label: mobile.label, acr: ACR.high };

  const done = (failure: IdentificationFailure): PollOutcome => ({ status: 'done', outcome: { ok: false, failure } });

  function failureOf(error: unknown): IdentificationFailure {
    if (error instanceof MsspFaultError) return failureOfFault(error.faultCode, error.message, error);
    if (error instanceof MsspTransportError) {
      return mobileFailure(error.kind === 'unreachable' ? 'ERR_MOBILE_UNREACHABLE' : 'ERR_MOBILE_RESPONSE_INVALID', error.message, error);
    }
    return mobileFailure('ERR_MOBILE_RESPONSE_INVALID', (error as Error)?.message ?? String(error), error);
  }

  return {
    kind: 'mobile',
    flow: 'decoupled',
    policy: { browserPollMs: mobile.polling.browserIntervalMs, maxAttempts: mobile.attempts.max, maxAttemptsPerAddress: mobile.attempts.perAddressMax, attemptWindowSeconds: mobile.attempts.windowSeconds },
    options: () => [option],
    parseUserId: normaliseMsisdn,

    async start(request): Promise<DecoupledStartOutcome> {
      const startedAt = now();
      const eventId = newEventId();
      const challenge = newChallenge();
      const message = buildSignatureRequest({
        ap, msisdn: request.userId, challenge, eventId, locale: request.locale, timeoutSeconds: mobile.timeoutSeconds, now: new Date(startedAt),
      });
      try {
        const answer = await transport.signature(message, request.correlationId);
        const status = statusCodeOf(answer.Status);
        if (status !== STATUS.REQUEST_OK || typeof answer.MSSP_TransID !== 'string' || answer.MSSP_TransID === '') {
          return { ok: false, failure: mobileFailure('ERR_MOBILE_UNEXPECTED_STATUS', `signature request answered status ${status} without a transaction`) };
        }
        logger.info('mobile signature requested', { correlationId: request.correlationId, msisdn: maskMsisdn(request.userId), eventId });
        const pending: DecoupledPending = {
          optionId: request.optionId,
          userId: request.userId,
          displayCode: eventId,
          startedAt,
          nextPollAt: startedAt + mobile.polling.firstDelayMs,
          deadline: startedAt + mobile.timeoutSeconds * 1000 + DEADLINE_GRACE_MS,
          data: { msspTransId: answer.MSSP_TransID, challenge: challenge.toString('base64'), apTransId: message.AP_Info.AP_TransID },
        };
        return { ok: true, pending };
      } catch (error) {
        return { ok: false, failure: failureOf(error) };
      }
    },

    async poll({ pending, correlationId }): Promise<PollOutcome> {
      const at = now();
      if (at > pending.deadline) return done(mobileFailure('ERR_MOBILE_TIMEOUT', 'no final answer from the MSSP before the deadline'));
      if (at < pending.nextPollAt) return { status: 'outstanding', pending };
      const again = (): PollOutcome => ({ status: 'outstanding', pending: { ...pending, nextPollAt: at + mobile.polling.intervalMs } });
      let answer;
      try {
        answer = await transport.status(buildStatusRequest(ap, pending.data.msspTransId!, new Date(at)), correlationId);
      } catch (error) {
        if (error instanceof MsspTransportError && error.kind === 'unreachable') {
          // One lost poll does not end the attempt: the phone may still answer before the deadline.
          logger.warn('mobile status poll failed', { correlationId, error });
          return again();
        }
        return done(failureOf(error));
      }
      const status = statusCodeOf(answer.Status);
      switch (status) {
        case STATUS.OUTSTANDING_TRANSACTION:
          return again();
        case STATUS.SIGNATURE:
        case STATUS.VALID_SIGNATURE:
          return {
            status: 'done',
            outcome: await verifyAnswer(answer, {
              msisdn: pending.userId, challenge: Buffer.from(pending.data.challenge!, 'base64'), anchors, crls, operators: mobile.operators, now: new Date(at),
            }),
          };
        case STATUS.INVALID_SIGNATURE:
          return done(mobileFailure('ERR_MOBILE_INVALID_SIGNATURE', 'the MSSP reports 503 INVALID_SIGNATURE'));
        case STATUS.CONSTRAINT_MISMATCH:
          return done(mobileFailure('ERR_MOBILE_CONSTRAINT_MISMATCH', 'the MSSP reports 505 CONSTRAINT_MISMATCH'));
        default:
          return done(mobileFailure('ERR_MOBILE_UNEXPECTED_STATUS', `status answer ${String(status)}`));
      }
    },
  };
}
