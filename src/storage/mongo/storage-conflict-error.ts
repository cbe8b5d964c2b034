import { PorttiError } from '../../errors/portti-error.ts';

/** Concurrent writers kept winning a race this worker needed to win; retrying later may succeed. */
export class StorageConflictError extends PorttiError {
  readonly code = 'ERR_STORAGE_CONFLICT';
  override readonly status = 503;
}
