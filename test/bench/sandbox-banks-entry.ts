import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startSandbox } from '../../src/sandbox.ts';
import { startSandboxMssp } from '../../adapters/mobile/sandbox/start-sandbox-mssp.ts';
import { TEST_PHONES } from '../../adapters/mobile/sandbox/test-numbers.ts';
import { startSandboxCardPeers } from '../../adapters/card/sandbox/start-sandbox-card-peers.ts';
import { benchPhones } from './bench-phones.ts';
import { writeCardPeerInfo } from './bench-card-peers.ts';
import { exitWhenAsked } from './exit-when-asked.ts';

/*
 * The sandbox banks of config `sandbox.banks` (ports from the bench PORTTI_CONFIG), each
 * with the broker's issuer registered as its client, in a process of their own so their
 * CPU is not counted as the broker's. With BENCH_MSSP_PORT also the sandbox MSSP, answering
 * at once (`sandbox.mobile.answerDelayMs`), with the bench phones besides the test numbers.
 * With BENCH_CARD_PORT and BENCH_CARD_INFO also the sandbox card peers (citizen CA, CRLs,
 * population register, test cards), and what the broker needs of them written to BENCH_CARD_INFO.
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
const cardPort = process.env.BENCH_CARD_PORT;
const cardInfo = process.env.BENCH_CARD_INFO;
if (cardPort && !cardInfo) throw new Error('BENCH_CARD_PORT needs BENCH_CARD_INFO, the file the card peers are described in');
const card = cardPort
  ? await startSandboxCardPeers({ host: '127.0.0.1', port: Number(cardPort), password: config.sandbox.card.password })
  : undefined;
if (card && cardInfo) writeCardPeerInfo(cardInfo, card);
exitWhenAsked(async () => {
  await Promise.all([sandbox.close(), mssp?.close(), card?.close()]);
});
