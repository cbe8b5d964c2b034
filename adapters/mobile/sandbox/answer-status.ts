import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { FICOM, type ServiceResponse } from '../etsi-messages.ts';
import type { SandboxFault } from './check-signature-request.ts';
import type { IssuedKey } from './sandbox-ca.ts';
import { createCmsSignature } from './sign-cms.ts';
import type { PhoneScript, TestPhone } from './test-numbers.ts';

const FAULTS: Partial<Record<PhoneScript, SandboxFault>> = {
  cancel: { code: 401, reason: 'USER_CANCEL', detail: 'the user cancelled on the phone' },
  timeout: { code: 208, reason: 'EXPIRED_TRANSACTION', detail: 'the transaction timed out' },
  'pin-blocked': { code: 402, reason: 'PIN_NR_BLOCKED', detail: 'the PIN is blocked' },
  'card-blocked': { code: 403, reason: 'CARD_BLOCKED', detail: 'the SIM card is blocked' },
  'no-key': { code: 404, reason: 'NO_KEY_FOUND', detail: 'no signing key on the SIM' },
  'revoked-fault': { code: 501, reason: 'REVOKED_CERTIFICATE', detail: 'the certificate is revoked' },
  'internal-error': { code: 900, reason: 'INTERNAL_ERROR', detail: 'the sandbox MSSP failed on purpose' },
};

/** A key the phone does not own: its signature cannot verify with the certificate it sends. */
const impostor = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;

export type FinalAnswer =
  | { readonly kind: 'fault'; readonly fault: SandboxFault }
  | { readonly kind: 'signature'; readonly base64Signature: string; readonly serviceResponses: readonly ServiceResponse[] };

/** What the phone answers once the citizen has acted: a fault, or a PKCS #7 signature with the person answer. */
export function finalAnswer(phone: TestPhone, key: IssuedKey | undefined, challenge: Buffer, personAttributes: readonly string[]): FinalAnswer {
  const scripted = FAULTS[phone.script];
  if (scripted) return { kind: 'fault', fault: scripted };
  if (!key) return { kind: 'fault', fault: { code: 900, reason: 'INTERNAL_ERROR', detail: 'test phone without a key' } };
  const content = phone.script === 'other-data' ? randomBytes(challenge.length) : challenge;
  const signer = phone.script === 'bad-signature' ? { certificate: key.certificate, privateKey: impostor } : key;
  const values: Record<string, string> = {
    [FICOM.personId.hetu]: phone.person.hetu,
    [FICOM.personId.givenName]: phone.person.givenName,
    [FICOM.personId.surName]: phone.person.surName,
  };
  return {
    kind: 'signature',
    base64Signature: createCmsSignature(content, signer).toString('base64'),
    serviceResponses: [{
      Description: FICOM.personIdentity,
      Status: { StatusCode: { Value: '100' } },
      Attributes: personAttributes.filter((name) => values[name] !== undefined).map((name) => ({ Name: name, Value: values[name]! })),
    }],
  };
}
