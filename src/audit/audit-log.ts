import type { AuditStore } from '../storage/storage.ts';
import type { Logger } from '../log/logger.ts';

export type IdentificationOutcome = 'succeeded' | 'cancelled' | 'failed';

export interface IdentificationEvent {
  readonly outcome: IdentificationOutcome;
  readonly correlationId: string;
  readonly clientId: string;
  readonly method: string;
  /** Which bank or operator; never a person attribute. */
  readonly subMethod: string;
  readonly acr?: string;
  /** The pairwise subject the e-service saw; never the hetu. */
  readonly sub?: string;
  /** Stable failure code, e.g. `ERR_BANK_NONCE_MISMATCH`. */
  readonly code?: string;
}

/**
 * The audit trail of identifications. A failed write is logged loudly but does not undo
 * the citizen's login: the hash chain shows the gap, and operators are alerted by the log.
 */
export function createAuditLog(store: AuditStore, logger: Logger) {
  return {
    async identification(event: IdentificationEvent): Promise<void> {
      const { correlationId, ...rest } = event;
      const data = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Record<string, string>;
      try {
        await store.append({ type: `identification.${event.outcome}`, correlationId, data });
      } catch (error) {
        logger.error('audit write failed', { correlationId, type: `identification.${event.outcome}`, error });
      }
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
