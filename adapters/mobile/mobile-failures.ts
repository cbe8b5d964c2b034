import type { FailureReason, IdentificationFailure } from '../../src/identity/identification-method.ts';

/**
 * Every way a mobile certificate identification can end without an identity. The FiCom
 * fault and status codes each have their own code (and so their own message to the
 * citizen); the checks Portti makes itself have theirs.
 */
export const MOBILE_FAILURES = {
  // Faults (SOAP Fault subcode or JSON Fault), FiCom Implementation Guideline.
  ERR_MOBILE_WRONG_PARAM: { fault: 101, reason: 'upstream_error' },
  ERR_MOBILE_MISSING_PARAM: { fault: 102, reason: 'upstream_error' },
  ERR_MOBILE_WRONG_DATA_LENGTH: { fault: 103, reason: 'upstream_error' },
  ERR_MOBILE_UNAUTHORIZED_ACCESS: { fault: 104, reason: 'upstream_error' },
  ERR_MOBILE_UNKNOWN_CLIENT: { fault: 105, reason: 'rejected' },
  ERR_MOBILE_INAPPROPRIATE_DATA: { fault: 107, reason: 'upstream_error' },
  ERR_MOBILE_INCOMPATIBLE_INTERFACE: { fault: 108, reason: 'upstream_error' },
  ERR_MOBILE_UNSUPPORTED_PROFILE: { fault: 109, reason: 'rejected' },
  ERR_MOBILE_EXPIRED_TRANSACTION: { fault: 208, reason: 'timeout' },
  ERR_MOBILE_OTA_ERROR: { fault: 209, reason: 'rejected' },
  ERR_MOBILE_USER_CANCEL: { fault: 401, reason: 'cancelled' },
  ERR_MOBILE_PIN_NR_BLOCKED: { fault: 402, reason: 'rejected' },
  ERR_MOBILE_CARD_BLOCKED: { fault: 403, reason: 'rejected' },
  ERR_MOBILE_NO_KEY_FOUND: { fault: 404, reason: 'rejected' },
  ERR_MOBILE_NO_CERT_FOUND: { fault: 422, reason: 'rejected' },
  ERR_MOBILE_REVOKED_CERTIFICATE: { fault: 501, reason: 'rejected' },
  ERR_MOBILE_INTERNAL_ERROR: { fault: 900, reason: 'upstream_error' },
  /** A fault code the guideline does not list. */
  ERR_MOBILE_FAULT: { reason: 'upstream_error' },
  // Status codes that end a transaction without a usable signature.
  ERR_MOBILE_INVALID_SIGNATURE: { status: 503, reason: 'rejected' },
  ERR_MOBILE_CONSTRAINT_MISMATCH: { status: 505, reason: 'rejected' },
  ERR_MOBILE_UNEXPECTED_STATUS: { reason: 'upstream_error' },
  // What Portti itself refuses or runs into.
  ERR_MOBILE_TIMEOUT: { reason: 'timeout' },
  ERR_MOBILE_UNREACHABLE: { reason: 'upstream_error' },
  ERR_MOBILE_RESPONSE_INVALID: { reason: 'upstream_error' },
  ERR_MOBILE_SIGNATURE_INVALID: { reason: 'rejected' },
  ERR_MOBILE_SIGNED_DATA_MISMATCH: { reason: 'rejected' },
  ERR_MOBILE_CERT_UNTRUSTED: { reason: 'rejected' },
  ERR_MOBILE_CERT_EXPIRED: { reason: 'rejected' },
  ERR_MOBILE_CERT_KEY_USAGE: { reason: 'rejected' },
  ERR_MOBILE_CERT_REVOKED: { reason: 'rejected' },
  ERR_MOBILE_CRL_UNAVAILABLE: { reason: 'upstream_error' },
  ERR_MOBILE_PERSON_MISSING: { reason: 'rejected' },
  ERR_MOBILE_HETU_INVALID: { reason: 'rejected' },
} as const satisfies Record<string, { readonly reason: FailureReason; readonly fault?: number; readonly status?: number }>;

export type MobileFailureCode = keyof typeof MOBILE_FAILURES;
export const MOBILE_FAILURE_CODES = Object.keys(MOBILE_FAILURES) as MobileFailureCode[];

export function mobileFailure(code: MobileFailureCode, detail: string, cause?: unknown): IdentificationFailure {
  return { reason: MOBILE_FAILURES[code].reason, code, detail, ...(cause === undefined ? {} : { cause }) };
}

const BY_FAULT = new Map<number, MobileFailureCode>(
  MOBILE_FAILURE_CODES.flatMap((code) => {
    const entry = MOBILE_FAILURES[code] as { readonly fault?: number };
    return entry.fault === undefined ? [] : [[entry.fault, code] as const];
  }),
);

/** The failure for a FiCom fault code; 102-104 and 107-109 included, unknown codes as ERR_MOBILE_FAULT. */
export function failureOfFault(faultCode: number, detail: string, cause?: unknown): IdentificationFailure {
  // Two-level codes (4011, 2082, ...) belong to their first three digits.
  const primary = faultCode >= 1000 ? Math.floor(faultCode / 10) : faultCode;
  return mobileFailure(BY_FAULT.get(primary) ?? 'ERR_MOBILE_FAULT', detail, cause);
}
