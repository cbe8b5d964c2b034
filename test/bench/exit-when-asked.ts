/**
 * Closes and exits on SIGTERM/SIGINT, or when the benchmark process goes away (the IPC
 * channel disconnects), so a child never outlives the benchmark.
 */
export function exitWhenAsked(close: () => Promise<void>): void {
  let closing = false;
  const exit = () => {
    if (closing) return;
    closing = true;
    close().then(() => process.exit(0), (error: unknown) => {
      process.stderr.write(`close failed: ${String(error)}\n`);
      process.exit(1);
    });
  };
  process.on('SIGTERM', exit);
  process.on('SIGINT', exit);
  process.on('disconnect', exit);
}
