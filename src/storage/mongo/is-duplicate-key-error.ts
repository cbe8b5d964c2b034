/**
 * MongoDB reports a unique-index violation as code 11000. Checked by shape, not by class,
 * so we need not depend on the driver package mongoose brings along.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}
