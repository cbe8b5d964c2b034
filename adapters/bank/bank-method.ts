import * as oidc from 'openid-client';
import type { Config } from '../../src/config/schema.ts';
import type { IdentificationMethod, MethodOption, StartResult, CompletionOutcome } from '../../src/identity/identification-method.ts';
import { ACR, ACR_ORDER } from '../../src/identity/identity.ts';
import { MethodUnavailableError } from '../../src/identity/method-unavailable-error.ts';
import type { Logger } from '../../src/log/logger.ts';
import { createUpstreamConnections, type RpKeys } from './upstream-connections.ts';
import { bankFailure, classifyBankError } from './bank-errors.ts';
import { mapBankIdentity } from './map-bank-identity.ts';

export interface BankMethodOptions {
  readonly bank: Config['bank'];
  /** Our redirect URI as registered at every bank. */
  readonly redirectUri: string;
  readonly keys: RpKeys;
  readonly logger: Logger;
}

/**
 * Bank identification as an FTN-profile OpenID Connect relying party: a signed request
 * object carrying acr_values and ftn_spname, private_key_jwt, PKCE, state and nonce per
 * interaction, and an ID token that must arrive signed and then encrypted to us.
 */
export function createBankMethod(options: BankMethodOptions): IdentificationMethod {
  const connections = createUpstreamConnections(options.keys, options.bank.decryption);
  const choices = options.bank.upstreams.flatMap((upstream) => upstream.banks.map((bank) => ({ upstream, bank })));
  const find = (optionId: string) => choices.find((c) => `bank:${c.bank.id}` === optionId);

  const optionList: MethodOption[] = choices.map(({ upstream, bank }) => ({
    id: `bank:${bank.id}`,
    kind: 'bank',
    subMethod: bank.id,
    label: bank.label,
    // The weakest level this upstream may answer with is what the choice promises.
    acr: ACR_ORDER.find((level) => Object.values(upstream.acrMap).some((l) => ACR[l] === level))!,
  }));

  return {
    kind: 'bank',
    options: () => optionList,

    async start(request): Promise<StartResult> {
      const choice = find(request.optionId);
      if (!choice) throw new MethodUnavailableError(`no bank ${request.optionId}`);
      let config: oidc.Configuration;
      try {
        config = await connections.get(choice.upstream);
      } catch (cause) {
        options.logger.error('bank discovery failed', { correlationId: request.correlationId, upstream: choice.upstream.id, error: cause });
        throw new MethodUnavailableError(`bank ${choice.upstream.id} is unreachable`, { cause });
      }
      const state = oidc.randomState();
      const nonce = oidc.randomNonce();
      const verifier = oidc.randomPKCECodeVerifier();
      const parameters: Record<string, string> = {
        redirect_uri: options.redirectUri,
        response_type: 'code',
        scope: choice.upstream.scope,
        state,
        nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        acr_values: choice.bank.acrValues,
        ui_locales: request.locale,
        ftn_spname: request.eserviceName,
        ...(choice.bank.ftnIdpId ? { ftn_idp_id: choice.bank.ftnIdpId } : {}),
      };
      const url = await oidc.buildAuthorizationUrlWithJAR(config, parameters, await connections.signingKey());
      return { kind: 'redirect', url: url.href, pending: { optionId: request.optionId, returnKey: state, data: { nonce, verifier } } };
    },

    async complete(request): Promise<CompletionOutcome> {
      const choice = find(request.pending.optionId);
      if (!choice) return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_RESPONSE_INVALID', 'unknown bank in pending state') };
      try {
        const config = await connections.get(choice.upstream);
        const currentUrl = new URL(options.redirectUri);
        currentUrl.search = request.params.toString();
        const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
          expectedState: request.pending.returnKey,
          expectedNonce: request.pending.data.nonce!,
          pkceCodeVerifier: request.pending.data.verifier!,
          idTokenExpected: true,
        });
        if (!oidc.getDecryptedResponses(tokens)?.id_token?.token_endpoint) {
          return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_ID_TOKEN_NOT_ENCRYPTED', `${choice.upstream.id} sent an unencrypted ID token`) };
        }
        let claims: Record<string, unknown> = { ...tokens.claims()! };
        if (claims[choice.upstream.claims.hetu] === undefined) {
          // Some banks release person claims only from userinfo (encrypted as well).
          const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub));
          if (!oidc.getDecryptedResponses(userinfo)) {
            return { ok: false, failure: bankFailure('rejected', 'ERR_BANK_USERINFO_NOT_ENCRYPTED', `${choice.upstream.id} sent unencrypted userinfo`) };
          }
          claims = { ...userinfo, ...claims };
        }
        return mapBankIdentity(choice.upstream, choice.bank.id, claims, Math.floor(Date.now() / 1000));
      } catch (error) {
        return { ok: false, failure: classifyBankError(error, choice.upstream.cancelErrors) };
      }
    },
  };
}
