import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { configSchema, type Config } from './schema.ts';
import { ConfigError } from './config-error.ts';
import { applyEnvOverrides } from './env-overrides.ts';
import { checkProductionRules } from './production-rules.ts';
import { deepFreeze } from './deep-freeze.ts';

export interface LoadConfigOptions {
  /** Folder holding default.json, eservices.json and sandbox.json. */
  readonly configDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Applied after files and environment; used by tests and the benchmark. */
  readonly overrides?: Record<string, unknown>;
}

/**
 * Builds the configuration: config/default.json, with the e-service registry and the
 * sandbox section from their own files, then the file named by PORTTI_CONFIG, then
 * PORTTI__* environment variables. Throws ConfigError naming the first bad key.
 */
export function loadConfig(options: LoadConfigOptions = {}): Readonly<Config> {
  const env = options.env ?? {};
  const dir = options.configDir ?? resolve(import.meta.dirname, '../../config');
  let raw: Record<string, unknown> = {
    ...readJson(join(dir, 'default.json')),
    eservices: readJson(join(dir, 'eservices.json')),
    sandbox: readJson(join(dir, 'sandbox.json')),
  };
  if (env.PORTTI_CONFIG) raw = deepMerge(raw, readJson(resolve(env.PORTTI_CONFIG)));
  raw = applyEnvOverrides(raw, env);
  if (options.overrides) raw = deepMerge(raw, options.overrides);

  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(issue.path.join('.') || '(root)', issue.message);
  }
  checkProductionRules(parsed.data);
  return deepFreeze(parsed.data);
}

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new ConfigError(path, 'file cannot be read', { cause });
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (cause) {
    throw new ConfigError(path, `is not valid JSON (${(cause as Error).message})`, { cause });
  }
}

/** Objects merge key by key; arrays and scalars are replaced whole. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = out[key];
    out[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
