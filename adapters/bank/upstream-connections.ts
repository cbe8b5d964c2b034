import * as oidc from 'openid-client';
import { importJWK, type JWK } from 'jose';
import type { BankUpstreamConfig, Config } from '../../src/config/schema.ts';

export interface RpKeys {
  /** Newest RP signing key (request objects and client assertions). */
  readonly signing: JWK;
  /** Every RP decryption key still published. */
  readonly decryption: readonly JWK[];
}

/**
 * One openid-client Configuration per upstream, discovered on first use and cached. A
 * failed discovery is not cached, so a bank that was down at start-up works once it is up.
 */
export function createUpstreamConnections(keys: RpKeys, decryption: Config['bank']['decryption']) {
  const cache = new Map<string, Promise<oidc.Configuration>>();
  const signingKey = (async () => ({ key: await importPrivate(keys.signing, 'RS256'), kid: keys.signing.kid! }))();

  async function connect(upstream: BankUpstreamConfig): Promise<oidc.Configuration> {
    const signing = await signingKey;
    const insecure = upstream.issuer.startsWith('http://');
    const config = await oidc.discovery(
      new URL(upstream.issuer),
      upstream.clientId,
      { id_token_signed_response_alg: 'RS256' },
      oidc.PrivateKeyJwt(signing),
      // Non-repudiation: the ID token's signature is verified even though it came over TLS;
      // FTN tokens are evidence of the bank's identification, not just a session hint.
      { execute: insecure ? [oidc.enableNonRepudiationChecks, oidc.allowInsecureRequests] : [oidc.enableNonRepudiationChecks] },
    );
    // Each RSA key is offered once per allowed algorithm: WebCrypto binds a key to its OAEP hash.
    const decryptionKeys = await Promise.all(keys.decryption.flatMap((jwk) =>
      decryption.alg.map(async (alg) => ({ key: await importPrivate(jwk, alg), alg, kid: jwk.kid! }))));
    oidc.enableDecryptingResponses(config, [...decryption.enc], ...decryptionKeys);
    return config;
  }

  return {
    signingKey: () => signingKey,
    get(upstream: BankUpstreamConfig): Promise<oidc.Configuration> {
      let pending = cache.get(upstream.id);
      if (!pending) {
        pending = connect(upstream);
        cache.set(upstream.id, pending);
        pending.catch(() => cache.delete(upstream.id));
      }
      return pending;
    },
  };
}

async function importPrivate(jwk: JWK, alg: string): Promise<oidc.CryptoKey> {
  const { alg: _ignored, ...material } = jwk;
  return (await importJWK(material, alg)) as oidc.CryptoKey;
}
