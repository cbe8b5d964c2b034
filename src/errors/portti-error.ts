/**
 * Base of Portti's own errors. `code` is a stable string integrators and operators can
 * search for; `expose` says whether `message` may be shown outside (5xx never are).
 */
export abstract class PorttiError extends Error {
  abstract readonly code: string;
  readonly status: number = 500;
  readonly expose: boolean = false;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
