export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line, e.g. `{ component: 'bank' }`. */
  child(fields: LogFields): Logger;
}

const ORDER: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/**
 * One JSON object per line on stdout: what log collectors ingest and `jq` reads.
 * Errors are flattened to code, message and cause chain; stacks only at debug level,
 * so an operator's log never carries request secrets embedded in error objects.
 */
export function createLogger(
  level: LogLevel | 'silent',
  write: (line: string) => void = (line) => process.stdout.write(line + '\n'),
  base: LogFields = {},
): Logger {
  const emit = (lineLevel: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[lineLevel] < ORDER[level]) return;
    const record: Record<string, unknown> = { time: new Date().toISOString(), level: lineLevel, msg, ...base };
    for (const [key, value] of Object.entries(fields ?? {})) {
      record[key] = value instanceof Error ? describeError(value, level === 'debug') : value;
    }
    write(JSON.stringify(record));
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

function describeError(error: Error, withStack: boolean): Record<string, unknown> {
  const described: Record<string, unknown> = {
    name: error.name,
    message: error.message,
    code: (error as { code?: unknown }).code,
  };
  if (withStack) described.stack = error.stack;
  if (error.cause instanceof Error) described.cause = describeError(error.cause, withStack);
  return described;
}
