import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startBroker } from '../../src/broker.ts';
import { exitWhenAsked } from './exit-when-asked.ts';
import { profileOnRequest } from './cpu-profile-on-request.ts';
import { answerCardReady } from './card-ready-on-request.ts';

/*
 * The broker alone in its own process, so its CPU time can be read from /proc. Config
 * comes from PORTTI_CONFIG and PORTTI__* exactly as for `npm start`; unlike src/main.ts it
 * never starts the sandbox or the demo e-service in this process.
 */
if (process.env.BENCH_CPU_PROFILE_FILE) profileOnRequest(process.env.BENCH_CPU_PROFILE_FILE);
const config = loadConfig({ env: process.env });
const logger = createLogger(config.log.level);
const starting = startBroker(config, logger.child({ component: 'broker' }));
// Listening before start-up ends: /health answers (and the bench may ask) before startBroker resolves.
answerCardReady(async () => (await starting).cardReady());
const broker = await starting;
exitWhenAsked(() => broker.close());
