import { loadConfig } from './config/load-config.ts';
import type { Config } from './config/schema.ts';
import { ConfigError } from './config/config-error.ts';
import { createLogger } from './log/logger.ts';
import { startBroker } from './broker.ts';
import { sandboxCardOverrides, sandboxMobileOverrides, startSandbox } from './sandbox.ts';
import { deepMerge } from './config/load-config.ts';
import { startDemoEservice } from './demo/start-demo-eservice.ts';

/**
 * Process entry: the only module that reads process.env. Starts the broker and, in
 * development, the sandbox banks and the demo e-service; stops them all on SIGINT/SIGTERM.
 */
async function main(): Promise<void> {
  let config: Readonly<Config>;
  try {
    config = loadConfig({ env: process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Portti cannot start: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger(config.log.level);
  const closers: (() => Promise<void>)[] = [];
  const lines: string[] = [];

  // Sandbox peers first: the sandbox MSSP's CA must be known before the broker trusts it.
  if (config.sandbox.enabled) {
    const sandbox = await startSandbox(config, logger);
    closers.push(() => sandbox.close());
    const { banks } = config.sandbox;
    sandbox.banks.forEach((bank, i) => lines.push(`Sandbox bank:            ${bank.issuer}  (${banks[i]!.name})`));
    let overrides: Record<string, unknown> = {};
    if (sandbox.mssp) {
      overrides = deepMerge(overrides, sandboxMobileOverrides(config, sandbox.mssp));
      lines.push(`Sandbox MSSP:            ${sandbox.mssp.url}  (mobile certificate; test numbers on its page)`);
    }
    if (sandbox.card) {
      overrides = deepMerge(overrides, sandboxCardOverrides(config, sandbox.card));
      lines.push(`Sandbox citizen CA:      ${sandbox.card.url}  (ID card: test certificates as PKCS#12, password "${sandbox.card.password}")`);
    }
    config = loadConfig({ env: process.env, overrides });
    if (sandbox.psp) lines.push(`Sandbox PSP (Paytrail):  ${sandbox.psp.url}  (merchant 375917; test cards on its card page)`);
  }
  const broker = await startBroker(config, logger.child({ component: 'broker' }));
  lines.unshift(`Portti broker (issuer):  ${config.issuer}  (discovery: ${config.issuer}/.well-known/openid-configuration)`);
  if (config.card.enabled) lines.splice(1, 0, `Card endpoint (mTLS):    ${config.card.publicUrl}  (asks the browser for the ID card certificate)`);

  if (config.sandbox.enabled) {
    const demoClient = config.eservices.find((e) => e.clientId === config.sandbox.demo.clientId);
    if (demoClient?.auth.method === 'client_secret_basic') {
      const demo = await startDemoEservice({
        host: config.sandbox.host,
        port: config.sandbox.demo.port,
        publicUrl: config.sandbox.demo.publicUrl,
        issuer: config.issuer,
        clientId: demoClient.clientId,
        clientSecret: demoClient.auth.secret,
        webhookKey: demoClient.webhookSecrets[0],
        log: (msg, fields) => logger.info(msg, { component: 'demo', ...fields }),
      });
      closers.push(() => demo.close());
      lines.push(`Demo e-service:          ${config.sandbox.demo.publicUrl}  <- open this and click "Log in"`);
    }
  }
  closers.push(() => broker.close());
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    Promise.allSettled(closers.map((close) => close())).then(() => process.exit(0));
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Portti failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
