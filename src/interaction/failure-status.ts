import type { FailureReason } from '../identity/identification-method.ts';

/** HTTP status of a page that reports a failed identification: the citizen's own doing is no error. */
export const FAILURE_STATUS: Readonly<Record<FailureReason, number>> = { cancelled: 200, timeout: 200, rejected: 400, upstream_error: 502 };
