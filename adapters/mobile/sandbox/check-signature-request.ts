import type { MssSignatureReq } from '../etsi-messages.ts';
import { FICOM, MESSAGING_MODE, MSS_FORMAT_PKCS7 } from '../etsi-messages.ts';

/** A fault the sandbox answers with: FiCom code and the reason text. */
export interface SandboxFault {
  readonly code: number;
  readonly reason: string;
  readonly detail: string;
}

const fault = (code: number, reason: string, detail: string): SandboxFault => ({ code, reason, detail });

/**
 * What an MSSP enforces of a FiCom authentication request, so that a request Portti
 * builds wrong fails here as it would at an operator.
 */
export function checkSignatureRequest(request: MssSignatureReq, ap: { apId: string; apPwd: string }): SandboxFault | undefined {
  if (request?.MajorVersion !== '1') return fault(108, 'INCOMPATIBLE_INTERFACE', 'MajorVersion must be 1');
  const info = request.AP_Info;
  if (info?.AP_ID !== ap.apId || info.AP_PWD !== ap.apPwd) return fault(104, 'UNAUTHORIZED_ACCESS', 'unknown AP_ID or wrong AP_PWD');
  if (!info.AP_TransID || !info.Instant || Number.isNaN(Date.parse(info.Instant))) return fault(102, 'MISSING_PARAM', 'AP_TransID and Instant are mandatory');
  if (request.SignatureProfile !== FICOM.authenticationProfile) return fault(109, 'UNSUPPORTED_PROFILE', `profile ${request.SignatureProfile}`);
  if ('DataToBeDisplayed' in request) return fault(101, 'WRONG_PARAM', 'DataToBeDisplayed is not allowed in the authentication profile');
  const dtbs = request.DataToBeSigned;
  if (dtbs?.MimeType !== 'application/octet-stream' || dtbs.Encoding !== 'base64' || typeof dtbs.Data !== 'string') {
    return fault(101, 'WRONG_PARAM', 'DataToBeSigned must be base64 application/octet-stream');
  }
  if (dtbs.Data.length === 0 || dtbs.Data.length > 160) return fault(103, 'WRONG_DATA_LENGTH', 'DataToBeSigned must be 1-160 characters');
  if (request.MSS_Format !== MSS_FORMAT_PKCS7) return fault(101, 'WRONG_PARAM', 'MSS_Format must be PKCS7');
  if (request.MessagingMode !== MESSAGING_MODE) return fault(101, 'WRONG_PARAM', 'MessagingMode must be asynchClientServer');
  if (!/^[1-9]\d*$/.test(request.TimeOut ?? '')) return fault(101, 'WRONG_PARAM', 'TimeOut must be a positive number of seconds');
  if (!/^\+\d{8,15}$/.test(request.MobileUser?.MSISDN ?? '')) return fault(105, 'UNKNOWN_CLIENT', 'MSISDN is not in E.164');
  const services = Array.isArray(request.AdditionalServices) ? request.AdditionalServices : [];
  const eventId = services.find((s) => s.Description === FICOM.eventId)?.EventID?.Value ?? '';
  if (!/^[A-Za-z][A-Za-z0-9]{3,7}$/.test(eventId)) return fault(101, 'WRONG_PARAM', 'the eventId service needs 4-8 alphanumerics starting with a letter');
  if (!services.some((s) => s.Description === FICOM.noSpam && s.NoSpamCode)) return fault(101, 'WRONG_PARAM', 'the NoSpam service is mandatory (MISSING_NOSPAMCODE)');
  return undefined;
}
