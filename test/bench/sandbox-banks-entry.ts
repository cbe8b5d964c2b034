import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startSandbox } from '../../src/sandbox.ts';
import { startSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { TEST_PHONES } from '../../adapters/mobile/sandbox/test-numbers.ts';
import { benchPhones } from './bench-phones.ts';
import { exitWhenAsked } from './exit-when-asked.ts';

/*
 * The sandbox banks of config `sandbox.banks` (ports from the bench PORTTI_CONFIG), each
 * with the broker's issuer registered as its client, in a process of their own so their
 * CPU is not counted as the broker's. With BENCH_MSSP_PORT also the sandbox MSSP, answering
 * at once (`sandbox.mobile.answerDelayMs`), with the bench phones besides the test numbers.
 */
const config = loadConfig({ env: process.env });
const sandbox = await startSandbox(config, createLogger(config.log.level));
const msspPort = process.env.BENCH_MSSP_PORT;
const mssp = msspPort
  ? await startSandboxMssp({
    host: '127.0.0.1',
    port: Number(msspPort),
    answerDelayMs: config.sandbox.mobile.answerDelayMs,
    apId: config.sandbox.mobile.apId,
    apPwd: config.sandbox.mobile.apPwd,
    phones: [...TEST_PHONES, ...benchPhones()],
  })
  : undefined;
exitWhenAsked(async () => {
  await Promise.all([sandbox.close(), mssp?.close()]);
});
