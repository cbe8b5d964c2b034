import { loadConfig } from '../../src/config/load-config.ts';
import { createLogger } from '../../src/log/logger.ts';
import { startSandbox } from '../../src/sandbox.ts';
import { exitWhenAsked } from './exit-when-asked.ts';

/*
 * The sandbox banks of config `sandbox.banks` (ports from the bench PORTTI_CONFIG), each
 * with the broker's issuer registered as its client, in a process of their own so their
 * CPU is not counted as the broker's.
 */
const config = loadConfig({ env: process.env });
const sandbox = await startSandbox(config, createLogger(config.log.level));
exitWhenAsked(() => sandbox.close());
