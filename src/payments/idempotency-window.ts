/** How long an Idempotency-Key answers a repeated request with the same result (24 h, as the API documents). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 3600_000;
