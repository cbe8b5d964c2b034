import type { Config } from './config/schema.ts';
import type { Logger } from './log/logger.ts';
import { startSandboxBank, type RunningSandboxBank } from '../adapters/bank/sandbox/start-sandbox-bank.ts';
import { startSandboxMssp, type RunningSandboxMssp } from '../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { startSandboxPsp, type RunningSandboxPsp } from '../adapters/paytrail/sandbox/start-sandbox-psp.ts';
import { startSandboxCardPeers, type RunningSandboxCardPeers } from '../adapters/card/sandbox/start-sandbox-card-peers.ts';

export interface RunningSandbox {
  readonly banks: readonly RunningSandboxBank[];
  /** The sandbox MSSP for the mobile certificate, when `sandbox.mobile.enabled`. */
  readonly mssp?: RunningSandboxMssp;
  /** The Paytrail-compatible payment provider, when payments are on and `sandbox.paytrail` is set. */
  readonly psp?: RunningSandboxPsp;
  /** The test citizen CA, its CRLs and the population register, when `sandbox.card.enabled`. */
  readonly card?: RunningSandboxCardPeers;
  close(): Promise<void>;
}

/**
 * Starts the sandbox peers of a development broker: one FTN bank OP per configured
 * sandbox bank, each with Portti registered as its client. Never called in production
 * (the config refuses `sandbox.enabled` there).
 */
export async function startSandbox(config: Readonly<Config>, logger: Logger): Promise<RunningSandbox> {
  if (config.mode === 'production') throw new Error('sandbox peers are never started in production');
  const banks: RunningSandboxBank[] = [];
  for (const bank of config.sandbox.banks) {
    const bankLogger = logger.child({ component: 'sandbox-bank', bank: bank.id });
    banks.push(await startSandboxBank({
      ...bank,
      idps: bank.idps ? bank.idps.map((idp) => ({ ...idp })) : undefined,
      acrValues: [...bank.acrValues],
      host: config.sandbox.host,
      client: {
        clientId: 'portti',
        jwksUri: `${config.issuer}/upstream/jwks`,
        redirectUris: [`${config.issuer}/interaction/callback/bank`],
      },
      logger: (event) => bankLogger.info('sandbox bank event', event),
    }));
  }
  let mssp: RunningSandboxMssp | undefined;
  if (config.sandbox.mobile.enabled) {
    const { port, answerDelayMs, apId, apPwd } = config.sandbox.mobile;
    const msspLogger = logger.child({ component: 'sandbox-mssp' });
    mssp = await startSandboxMssp({ host: config.sandbox.host, port, answerDelayMs, apId, apPwd, logger: (event) => msspLogger.info('sandbox MSSP event', event) });
  }
  let psp: RunningSandboxPsp | undefined;
  if (config.payments.enabled && config.sandbox.paytrail) {
    const pspLogger = logger.child({ component: 'sandbox-psp' });
    psp = await startSandboxPsp({
      host: config.sandbox.host,
      port: config.sandbox.paytrail.port,
      pendingSettleSeconds: config.sandbox.paytrail.pendingSettleSeconds,
      log: (event, fields) => pspLogger.info(`sandbox PSP: ${event}`, fields),
    });
  }
  let card: RunningSandboxCardPeers | undefined;
  if (config.sandbox.card.enabled) {
    const { port, outputDir, password } = config.sandbox.card;
    const cardLogger = logger.child({ component: 'sandbox-card' });
    card = await startSandboxCardPeers({ host: config.sandbox.host, port, outputDir, password, log: (event) => cardLogger.info('sandbox card event', event) });
  }
  return {
    banks,
    ...(mssp ? { mssp } : {}),
    ...(psp ? { psp } : {}),
    ...(card ? { card } : {}),
    async close() {
      await Promise.all([...banks.map((b) => b.close()), mssp?.close(), psp?.close(), card?.close()]);
    },
  };
}

/**
 * In development the sandbox MSSP enables the mobile certificate method: Portti talks to
 * it as its AP and trusts the CA it generated at start-up. Applied as config overrides,
 * so the schema checks the result like any other configuration.
 */
export function sandboxMobileOverrides(config: Readonly<Config>, mssp: RunningSandboxMssp): Record<string, unknown> {
  return {
    mobile: {
      enabled: true,
      mssp: { url: mssp.endpoint, apId: config.sandbox.mobile.apId, apPwd: config.sandbox.mobile.apPwd },
      trustAnchors: [...config.mobile.trustAnchors, mssp.caPem],
    },
  };
}

/**
 * In development the card method runs against the sandbox citizen CA: Portti's card
 * endpoint serves https on `sandbox.card.endpointPort` with the sandbox server certificate,
 * trusts the sandbox CA, prefetches its CRLs and asks the sandbox population register.
 */
export function sandboxCardOverrides(config: Readonly<Config>, peers: RunningSandboxCardPeers): Record<string, unknown> {
  const { endpointPort } = config.sandbox.card;
  return {
    card: {
      enabled: true,
      publicUrl: `https://localhost:${endpointPort}`,
      endpoint: { mode: 'tls', host: config.sandbox.host, port: endpointPort, certificate: peers.serverTls.certificate, privateKey: peers.serverTls.privateKey },
      trustAnchors: [...peers.trustAnchors],
      issuingCas: [...peers.intermediates],
      crl: { sources: [...peers.crlUrls] },
      populationRegister: { url: peers.registerUrl },
    },
  };
}
