export type DemoLog = (msg: string, fields?: Record<string, unknown>) => void;

/** One JSON line per event on stderr, for when the caller gives no logger of its own. */
export const logToStderr: DemoLog = (msg, fields) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), msg, ...fields })}\n`);
};
