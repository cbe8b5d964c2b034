import { ClientSecretBasic, allowInsecureRequests, discovery } from 'openid-client';
import type { Configuration } from 'openid-client';
import { createRemoteJWKSet } from 'jose';
import type { JWTVerifyGetKey } from 'jose';
import { DemoError } from './demo-error.ts';
import type { DemoLog } from './demo-log.ts';

export interface IssuerConnectionOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly log: DemoLog;
  /** Seconds for discovery and every later request to Portti. */
  readonly timeout?: number;
}

export interface IssuerConnection {
  configuration(): Promise<Configuration>;
  jwks(): Promise<JWTVerifyGetKey>;
}

/**
 * Discovers Portti on first use rather than at start-up, so the demo starts even when
 * Portti is not up yet. A failed discovery is forgotten, and the next request tries again.
 */
export function createIssuerConnection(options: IssuerConnectionOptions): IssuerConnection {
  const issuerUrl = new URL(options.issuer);
  let discovered: Promise<{ config: Configuration; jwks: JWTVerifyGetKey }> | undefined;

  async function discover() {
    const config = await discovery(
      issuerUrl,
      options.clientId,
      options.clientSecret,
      ClientSecretBasic(options.clientSecret),
      {
        timeout: options.timeout ?? 10,
        ...(issuerUrl.protocol === 'http:' ? { execute: [allowInsecureRequests] } : {}),
      },
    );
    const jwksUri = config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new Error('the issuer metadata has no jwks_uri');
    options.log('demo: discovered the issuer', { issuer: config.serverMetadata().issuer });
    return { config, jwks: createRemoteJWKSet(new URL(jwksUri)) };
  }

  function connect() {
    discovered ??= discover().catch((error: unknown) => {
      discovered = undefined;
      options.log('demo: issuer discovery failed', { issuer: options.issuer, error: String(error) });
      throw new DemoError('ERR_DEMO_ISSUER_UNAVAILABLE', `cannot discover ${options.issuer}`, { cause: error });
    });
    return discovered;
  }

  return {
    configuration: async () => (await connect()).config,
    jwks: async () => (await connect()).jwks,
  };
}
