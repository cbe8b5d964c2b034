import { randomBytes } from 'node:crypto';
import type { EnabledCardConfig } from '../../src/config/card-schema.ts';
import type {
  CompleteRequest, CompletionOutcome, IdentificationMethod, MethodOption, StartResult,
} from '../../src/identity/identification-method.ts';
import { ACR } from '../../src/identity/identity.ts';
import { parseHetu } from '../../src/identity/hetu.ts';
import type { Logger } from '../../src/log/logger.ts';
import type { CardHandoffs } from './card-handoffs.ts';
import { cardFailure, type CardFailureCode } from './card-failures.ts';
import type { PopulationRegister, RegisterAnswer } from './population-register.ts';
import { PopulationRegisterUnavailableError } from './http-population-register.ts';
import type { CardCertificateVerifier } from './verify-card-certificate.ts';

export interface CardMethodOptions {
  readonly card: Pick<EnabledCardConfig, 'label' | 'publicUrl' | 'handoffSeconds'>;
  readonly handoffs: CardHandoffs;
  readonly verifier: CardCertificateVerifier;
  readonly register: PopulationRegister;
  readonly logger: Logger;
  readonly now?: () => number;
}

export const CARD_OPTION_ID = 'card';

/**
 * Citizen certificate identification (kansalaisvarmenne on the eID card). The login hands
 * the browser to the card endpoint with a one-time hand-off; the endpoint records the
 * client certificate of the TLS handshake; back at the login, this method verifies the
 * certificate itself (path, validity, key usage, revocation), then asks the population
 * register who holds the SATU, since the hetu is not in the certificate.
 */
export function createCardMethod(options: CardMethodOptions): IdentificationMethod {
  const { card, handoffs, verifier, register } = options;
  const now = options.now ?? Date.now;
  const option: MethodOption = { id: CARD_OPTION_ID, kind: 'card', subMethod: 'card', label: card.label, acr: ACR.high };
  const fail = (code: CardFailureCode, detail: string, cause?: unknown): CompletionOutcome =>
    ({ ok: false, failure: cardFailure(code, detail, cause) });

  async function ask(satu: Parameters<PopulationRegister['personBySatu']>[0], correlationId: string): Promise<RegisterAnswer | CompletionOutcome> {
    try {
      return await register.personBySatu(satu, correlationId);
    } catch (error) {
      if (error instanceof PopulationRegisterUnavailableError) return fail('ERR_CARD_REGISTER_UNAVAILABLE', error.message, error);
      throw error;
    }
  }

  return {
    kind: 'card',
    options: () => [option],

    async start(): Promise<StartResult> {
      const handoff = randomBytes(32).toString('base64url');
      await handoffs.issue(handoff, card.handoffSeconds);
      const url = new URL(`${card.publicUrl}/card/identify`);
      url.searchParams.set('handoff', handoff);
      return { kind: 'redirect', url: url.href, pending: { optionId: CARD_OPTION_ID, returnKey: handoff, data: {} } };
    },

    async complete(request: CompleteRequest): Promise<CompletionOutcome> {
      const { params, pending, correlationId } = request;
      const error = params.get('error');
      if (error !== null) return fail('ERR_CARD_HANDOFF_INVALID', `the card endpoint answered ${error.slice(0, 40)}`);
      const taken = await handoffs.take(pending.returnKey, params.get('code') ?? '');
      if (!taken.ok) return fail('ERR_CARD_HANDOFF_INVALID', `hand-off ${taken.reason === 'mismatch' ? 'code does not match' : 'has no presentation (used or expired)'}`);
      const { certificates } = taken.presentation;
      if (certificates.length === 0) return fail('ERR_CARD_NO_CERTIFICATE', `no client certificate came through ${taken.presentation.via}`);

      const at = new Date(now());
      const checked = await verifier.verify(certificates.map((der) => Buffer.from(der, 'base64')), at);
      if (!checked.ok) return fail(checked.code, checked.detail);

      const answer = await ask(checked.holder.satu, correlationId);
      if ('ok' in answer) return answer;
      const certificate = `certificate ${checked.serialNumber} of ${checked.issuer}`;
      if (!answer.found) return fail('ERR_CARD_PERSON_UNKNOWN', `the population register knows no person for the SATU of ${certificate}`);
      if (answer.person.deceased) return fail('ERR_CARD_PERSON_DECEASED', `the population register marks the holder of ${certificate} deceased`);
      const hetu = parseHetu(answer.person.hetu);
      if (!hetu.ok) return fail('ERR_CARD_HETU_INVALID', `the population register answered an invalid hetu (${hetu.code}) for ${certificate}`);

      return {
        ok: true,
        identity: {
          hetu: hetu.hetu,
          birthdate: hetu.birthdate,
          givenName: answer.person.givenNames,
          familyName: answer.person.familyName,
          satu: checked.holder.satu,
          method: 'card',
          subMethod: 'card',
          acr: ACR.high,
          // RFC 8176: `sc` smart card, `pin`; `card` names the method as Portti's other methods do.
          amr: ['card', 'sc', 'pin'],
          authTime: Math.floor(at.getTime() / 1000),
        },
      };
    },
  };
}
