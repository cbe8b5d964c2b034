import { PorttiError } from '../errors/portti-error.ts';

/** A configuration value is missing or wrong; the message names the key. */
export class ConfigError extends PorttiError {
  readonly code = 'ERR_CONFIG_INVALID';

  constructor(readonly key: string, problem: string, options?: { cause?: unknown }) {
    super(`configuration key "${key}": ${problem}`, options);
  }
}
