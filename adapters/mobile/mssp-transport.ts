import type { Fault, MssSignatureReq, MssSignatureResp, MssStatusReq, MssStatusResp } from './etsi-messages.ts';
import { faultCodeOf } from './etsi-messages.ts';

/**
 * How requests reach the MSSP. The JSON binding over HTTPS is one implementation; a
 * SOAP binding with mutual TLS implements the same two calls and the same errors.
 */
export interface MsspTransport {
  signature(request: MssSignatureReq, correlationId: string): Promise<MssSignatureResp>;
  status(request: MssStatusReq, correlationId: string): Promise<MssStatusResp>;
}

/** The MSSP answered with an ETSI/FiCom fault (SOAP Fault or JSON `Fault`). */
export class MsspFaultError extends Error {
  /** FiCom code such as 401; 900 when the fault named none. */
  readonly faultCode: number;

  constructor(readonly fault: Fault) {
    super(`MSSP fault ${fault.Code?.SubCode?.Value ?? '(no subcode)'}: ${fault.Reason ?? ''} ${fault.Detail ?? ''}`.trim());
    this.name = 'MsspFaultError';
    this.faultCode = faultCodeOf(fault) ?? 900;
  }
}

/** The MSSP could not be reached, or answered something that is not the binding. */
export class MsspTransportError extends Error {
  constructor(message: string, readonly kind: 'unreachable' | 'malformed', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MsspTransportError';
  }
}
