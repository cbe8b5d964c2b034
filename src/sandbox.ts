import type { Config } from './config/schema.ts';
import type { Logger } from './log/logger.ts';
import { startSandboxBank, type RunningSandboxBank } from '../adapters/bank/sandbox/start-sandbox-bank.ts';

export interface RunningSandbox {
  readonly banks: readonly RunningSandboxBank[];
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
  return {
    banks,
    async close() {
      await Promise.all(banks.map((b) => b.close()));
    },
  };
}
