import type { Locale } from '../../src/i18n/locale.ts';
import { FICOM, MESSAGING_MODE, MSS_FORMAT_PKCS7, type ApInfo, type MssSignatureReq, type MssStatusReq } from './etsi-messages.ts';
import { newApTransId } from './challenge.ts';

export interface ApCredentials {
  readonly apId: string;
  readonly apPwd: string;
}

function apInfo(ap: ApCredentials, now: Date): ApInfo {
  return { AP_ID: ap.apId, AP_PWD: ap.apPwd, AP_TransID: newApTransId(), Instant: now.toISOString().replace(/\.\d{3}Z$/, 'Z') };
}

/**
 * An authentication request in the FiCom profile: the challenge as base64
 * application/octet-stream, no DataToBeDisplayed (error 101 in this profile), the
 * authentication SignatureProfile, PKCS #7, asynchClientServer, and the event ID, NoSpam,
 * language and person-identity services.
 */
export function buildSignatureRequest(input: {
  readonly ap: ApCredentials;
  readonly msisdn: string;
  readonly challenge: Buffer;
  readonly eventId: string;
  readonly locale: Locale;
  readonly timeoutSeconds: number;
  readonly now: Date;
}): MssSignatureReq {
  const data = input.challenge.toString('base64');
  if (data.length > 160) throw new RangeError('FiCom allows at most 160 characters of DataToBeSigned');
  return {
    MajorVersion: '1',
    MinorVersion: '1',
    AP_Info: apInfo(input.ap, input.now),
    MSSP_Info: { MSSP_ID: {} },
    MobileUser: { MSISDN: input.msisdn },
    DataToBeSigned: { MimeType: 'application/octet-stream', Encoding: 'base64', Data: data },
    SignatureProfile: FICOM.authenticationProfile,
    MSS_Format: MSS_FORMAT_PKCS7,
    MessagingMode: MESSAGING_MODE,
    TimeOut: String(input.timeoutSeconds),
    AdditionalServices: [
      { Description: FICOM.eventId, EventID: { Value: input.eventId } },
      // verify="no": Portti does not ask the citizen for a NoSpam code.
      { Description: FICOM.noSpam, NoSpamCode: { Verify: 'no', Code: '' } },
      { Description: FICOM.userLang, UserLang: { Value: input.locale } },
      {
        Description: FICOM.personIdentity,
        Attributes: [{ Name: FICOM.personId.hetu }, { Name: FICOM.personId.givenName }, { Name: FICOM.personId.surName }],
      },
    ],
  };
}

export function buildStatusRequest(ap: ApCredentials, msspTransId: string, now: Date): MssStatusReq {
  return { MajorVersion: '1', MinorVersion: '1', AP_Info: apInfo(ap, now), MSSP_Info: { MSSP_ID: {} }, MSSP_TransID: msspTransId };
}
