export const CARD_READY = 'card:ready';

/**
 * Lets the benchmark wait for the card method before its first card login: /health answers
 * before the card endpoint listens and long before the CRLs are in. CARD_READY over the
 * IPC channel is sent back once `ready` resolves (every configured CRL tried once).
 */
export function answerCardReady(ready: () => Promise<void>): void {
  process.on('message', (message) => {
    if (message !== CARD_READY) return;
    ready().then(() => process.send?.(message), (error: unknown) => process.stderr.write(`card ready: ${String(error)}\n`));
  });
}
