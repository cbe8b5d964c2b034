import { ConfigError } from './config-error.ts';

/**
 * Applies `PORTTI__SECTION__KEY=value` variables onto the raw config. Segments match
 * existing keys case-insensitively (`PORTTI__HTTP__PORT` -> `http.port`); a variable
 * naming no known key stops start-up instead of being silently ignored. Values are
 * parsed as JSON when they parse (numbers, booleans, arrays), else taken as strings.
 */
export function applyEnvOverrides(raw: Record<string, unknown>, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const result = structuredClone(raw);
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith('PORTTI__') || value === undefined) continue;
    const segments = name.slice('PORTTI__'.length).split('__');
    setPath(result, segments, parseValue(value), name);
  }
  return result;
}

function setPath(target: Record<string, unknown>, segments: string[], value: unknown, variable: string): void {
  let node: Record<string, unknown> = target;
  const path: string[] = [];
  segments.forEach((segment, index) => {
    const key = Object.keys(node).find((k) => k.toLowerCase() === segment.toLowerCase());
    if (key === undefined) {
      throw new ConfigError([...path, segment.toLowerCase()].join('.'), `unknown key (from environment variable ${variable})`);
    }
    path.push(key);
    if (index === segments.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      throw new ConfigError(path.join('.'), `is not a section (from environment variable ${variable})`);
    }
    node = child as Record<string, unknown>;
  });
}

function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}
