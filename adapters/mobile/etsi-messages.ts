/*
 * ETSI TS 102 204 messages in the JSON binding (the shape of Methics Kiuru's REST API),
 * with the element names as the specification spells them, and the FiCom profile's
 * URIs (MSS FiCom Implementation Guideline v2.1).
 */

export const FICOM = {
  authenticationProfile: 'http://mss.ficom.fi/TS102206/v1.0.0/authentication-profile.xml',
  eventId: 'http://mss.ficom.fi/TS102204/v1.0.0#eventId',
  noSpam: 'http://mss.ficom.fi/TS102204/v1.0.0#noSpam',
  userLang: 'http://mss.ficom.fi/TS102204/v1.0.0#userLang',
  personIdentity: 'http://mss.ficom.fi/TS102204/v1.0.0#personIdentity',
  personId: {
    hetu: 'http://mss.ficom.fi/TS102204/v1.0.0/PersonID#hetu',
    satu: 'http://mss.ficom.fi/TS102204/v1.0.0/PersonID#satu',
    givenName: 'http://mss.ficom.fi/TS102204/v1.0.0/PersonID#givenName',
    surName: 'http://mss.ficom.fi/TS102204/v1.0.0/PersonID#surName',
  },
} as const;

export const MSS_FORMAT_PKCS7 = 'http://uri.etsi.org/TS102204/v1.1.2#PKCS7';
export const MESSAGING_MODE = 'asynchClientServer';

/** The status codes that arrive in `Status` (everything else is a `Fault`). */
export const STATUS = {
  REQUEST_OK: 100,
  SIGNATURE: 500,
  VALID_SIGNATURE: 502,
  INVALID_SIGNATURE: 503,
  OUTSTANDING_TRANSACTION: 504,
  CONSTRAINT_MISMATCH: 505,
} as const;

export interface ApInfo {
  readonly AP_ID: string;
  readonly AP_PWD: string;
  readonly AP_TransID: string;
  /** xs:dateTime in UTC. */
  readonly Instant: string;
}

export interface MsspInfo {
  readonly MSSP_ID: { readonly URI?: string };
  readonly Instant?: string;
}

export interface MobileUser {
  readonly MSISDN: string;
}

export interface Data {
  readonly MimeType: string;
  readonly Encoding: string;
  readonly Data: string;
}

export interface AdditionalService {
  readonly Description: string;
  readonly EventID?: { readonly Value: string };
  readonly NoSpamCode?: { readonly Verify: 'yes' | 'no'; readonly Code: string };
  readonly UserLang?: { readonly Value: string };
  /** personIdentity: the attributes asked for (a SAML AttributeQuery in the SOAP binding). */
  readonly Attributes?: readonly { readonly Name: string }[];
}

export interface MssSignatureReq {
  readonly MajorVersion: string;
  readonly MinorVersion: string;
  readonly AP_Info: ApInfo;
  readonly MSSP_Info: MsspInfo;
  readonly MobileUser: MobileUser;
  readonly DataToBeSigned: Data;
  readonly SignatureProfile: string;
  readonly MSS_Format: string;
  readonly MessagingMode: string;
  /** Seconds, as xs:positiveInteger. */
  readonly TimeOut: string;
  readonly AdditionalServices: readonly AdditionalService[];
}

export interface MssStatusReq {
  readonly MajorVersion: string;
  readonly MinorVersion: string;
  readonly AP_Info: ApInfo;
  readonly MSSP_Info: MsspInfo;
  readonly MSSP_TransID: string;
}

export interface Status {
  readonly StatusCode: { readonly Value: string };
  readonly StatusMessage?: string;
}

export interface ServiceResponse {
  readonly Description: string;
  readonly Status?: Status;
  /** personIdentity: the attributes released (a SAML Assertion in the SOAP binding). */
  readonly Attributes?: readonly { readonly Name: string; readonly Value: string }[];
}

export interface MssSignatureResp {
  readonly MajorVersion: string;
  readonly MinorVersion: string;
  readonly AP_Info: ApInfo;
  readonly MSSP_Info: MsspInfo;
  readonly MSSP_TransID: string;
  readonly Status: Status;
}

export interface MssStatusResp {
  readonly MajorVersion: string;
  readonly MinorVersion: string;
  readonly AP_Info: ApInfo;
  readonly MSSP_Info: MsspInfo;
  readonly MobileUser?: MobileUser;
  readonly MSS_Signature?: { readonly Base64Signature: string };
  readonly Status: Status;
  readonly ServiceResponses?: readonly ServiceResponse[];
}

/** A SOAP 1.2 fault in JSON: the FiCom code is the subcode, e.g. `_401`. */
export interface Fault {
  readonly Code: { readonly Value: string; readonly SubCode?: { readonly Value: string } };
  readonly Reason?: string;
  readonly Detail?: string;
}

export function statusCodeOf(status: Status | undefined): number | undefined {
  const value = Number(status?.StatusCode?.Value);
  return Number.isInteger(value) ? value : undefined;
}

/** The numeric FiCom code of a fault (`_401`, `fi:_401` or `401`). */
export function faultCodeOf(fault: Fault): number | undefined {
  const value = fault.Code?.SubCode?.Value ?? '';
  const match = /_?(\d{3,4})$/.exec(value);
  return match ? Number(match[1]) : undefined;
}
