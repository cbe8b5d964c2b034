import { X509Certificate } from '@peculiar/x509';
import type { CompletionOutcome } from '../../src/identity/identification-method.ts';
import { ACR } from '../../src/identity/identity.ts';
import type { MssStatusResp } from './etsi-messages.ts';
import { verifyCmsSignature } from './cms-signature.ts';
import { verifyChain } from './certificate-chain.ts';
import type { CrlCache } from './crl-cache.ts';
import { mobileFailure } from './mobile-failures.ts';
import { readPersonIdentity } from './person-identity.ts';

export interface AnswerContext {
  readonly msisdn: string;
  readonly challenge: Buffer;
  readonly anchors: readonly X509Certificate[];
  readonly crls: CrlCache;
  /** MSSP_ID URI -> operator id for `amr`. */
  readonly operators: Readonly<Record<string, string>>;
  readonly now: Date;
}

/**
 * Turns a signed status answer into an Identity only after Portti's own checks: the
 * signature covers exactly our challenge, the signer chains to a trust anchor, every
 * certificate on the path is valid and unrevoked, and the person answer has a valid hetu.
 * The MSSP's word (status 502 VALID_SIGNATURE) alone counts for nothing.
 */
export async function verifyAnswer(answer: MssStatusResp, context: AnswerContext): Promise<CompletionOutcome> {
  const fail = (code: Parameters<typeof mobileFailure>[0], detail: string, cause?: unknown): CompletionOutcome =>
    ({ ok: false, failure: mobileFailure(code, detail, cause) });
  if (answer.MobileUser?.MSISDN !== undefined && answer.MobileUser.MSISDN !== context.msisdn) {
    return fail('ERR_MOBILE_RESPONSE_INVALID', 'the answer names another MSISDN');
  }
  const base64 = answer.MSS_Signature?.Base64Signature;
  if (typeof base64 !== 'string' || base64 === '') return fail('ERR_MOBILE_RESPONSE_INVALID', 'the answer carries no MSS_Signature');

  const signature = verifyCmsSignature(Buffer.from(base64, 'base64'), context.challenge);
  if (!signature.ok) return fail(signature.code, signature.detail);

  const chain = await verifyChain(signature.signer, signature.certificates, context.anchors, context.now);
  if (!chain.ok) return fail(chain.code, chain.detail);

  const issuers = [...chain.path.slice(1), chain.anchor];
  for (const [index, cert] of chain.path.entries()) {
    const revocation = await context.crls.check(cert, issuers[index]!, context.now);
    if (!revocation.ok) return fail(revocation.code, revocation.detail, revocation.cause);
  }

  const person = readPersonIdentity(answer.ServiceResponses);
  if (!person.ok) return { ok: false, failure: person.failure };
  const operator = context.operators[answer.MSSP_Info?.MSSP_ID?.URI ?? ''] ?? 'mobile';
  return {
    ok: true,
    identity: {
      ...person.person,
      method: 'mobile',
      subMethod: 'mobile',
      acr: ACR.high,
      amr: ['mobile', operator],
      authTime: Math.floor(context.now.getTime() / 1000),
    },
  };
}

export function parseTrustAnchors(pems: readonly string[]): X509Certificate[] {
  return pems.flatMap((pem) => (pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []).map((one) => new X509Certificate(one)));
}
