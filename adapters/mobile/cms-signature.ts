import * as asn1js from 'asn1js';
import { createHash, createPublicKey, timingSafeEqual, verify as verifySignature } from 'node:crypto';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData, id_contentType, id_messageDigest, id_signedData, type SignerInfo } from '@peculiar/asn1-cms';
import { X509Certificate, SubjectKeyIdentifierExtension } from '@peculiar/x509';
import { derSetOf } from './der-set-of.ts';

export type CmsCheck =
  | { readonly ok: true; readonly signer: X509Certificate; readonly certificates: readonly X509Certificate[] }
  | { readonly ok: false; readonly code: 'ERR_MOBILE_SIGNATURE_INVALID' | 'ERR_MOBILE_SIGNED_DATA_MISMATCH'; readonly detail: string };

const DIGESTS: Readonly<Record<string, string>> = {
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Signature algorithm OIDs and the key type each needs; the hash comes from the digest algorithm. */
const SIGNATURE_KEY_TYPES: Readonly<Record<string, 'rsa' | 'ec'>> = {
  '1.2.840.113549.1.1.1': 'rsa', // rsaEncryption, as CMS usually names PKCS #1 v1.5
  '1.2.840.113549.1.1.11': 'rsa',
  '1.2.840.113549.1.1.12': 'rsa',
  '1.2.840.113549.1.1.13': 'rsa',
  '1.2.840.10045.2.1': 'ec',
  '1.2.840.10045.4.3.2': 'ec',
  '1.2.840.10045.4.3.3': 'ec',
  '1.2.840.10045.4.3.4': 'ec',
};

const invalid = (detail: string): CmsCheck => ({ ok: false, code: 'ERR_MOBILE_SIGNATURE_INVALID', detail });

/**
 * Verifies a PKCS #7 / CMS SignedData over exactly `expected` (our challenge): the
 * encapsulated content, when present, must be those bytes, and the signature (over the
 * signed attributes, whose message digest must match) must verify with the signer's key.
 * Whether the signer is trustworthy is the certificate check's business.
 */
export function verifyCmsSignature(signature: Buffer, expected: Buffer): CmsCheck {
  let signedData: SignedData;
  try {
    const info = AsnConvert.parse(signature, ContentInfo);
    if (info.contentType !== id_signedData) return invalid(`content type ${info.contentType} is not SignedData`);
    signedData = AsnConvert.parse(info.content, SignedData);
  } catch (cause) {
    return invalid(`not a CMS SignedData: ${(cause as Error).message}`);
  }
  if (signedData.signerInfos.length !== 1) return invalid(`${signedData.signerInfos.length} signers, expected one`);
  const signerInfo = signedData.signerInfos[0]!;
  const certificates = (signedData.certificates ?? [])
    .flatMap((choice) => (choice.certificate ? [new X509Certificate(AsnConvert.serialize(choice.certificate))] : []));
  const signer = certificates.find((cert) => identifies(signerInfo, cert));
  if (!signer) return invalid('the signer\'s certificate is not in the signature');

  const attached = signedData.encapContentInfo.eContent?.single?.buffer;
  if (signedData.encapContentInfo.eContent && !attached) return invalid('constructed encapsulated content is not supported');
  const content = attached ? Buffer.from(attached) : expected;
  if (!sameBytes(content, expected)) {
    return { ok: false, code: 'ERR_MOBILE_SIGNED_DATA_MISMATCH', detail: 'the signed content is not the challenge Portti sent' };
  }

  const hash = DIGESTS[signerInfo.digestAlgorithm.algorithm];
  if (!hash) return invalid(`digest algorithm ${signerInfo.digestAlgorithm.algorithm} is not accepted`);
  let signedBytes: Buffer = content;
  if (signerInfo.signedAttrs) {
    const contentType = attributeValue(signerInfo, id_contentType);
    const digest = attributeValue(signerInfo, id_messageDigest);
    if (!contentType || oidOf(contentType) !== signedData.encapContentInfo.eContentType) {
      return invalid('the content-type attribute is missing or wrong');
    }
    const claimed = digest ? Buffer.from(AsnConvert.parse(digest, OctetString).buffer) : undefined;
    if (!claimed || !sameBytes(claimed, createHash(hash).update(content).digest())) {
      return { ok: false, code: 'ERR_MOBILE_SIGNED_DATA_MISMATCH', detail: 'the message-digest attribute does not match the challenge' };
    }
    signedBytes = signedAttributesAsSet(signerInfo);
  }

  const keyType = SIGNATURE_KEY_TYPES[signerInfo.signatureAlgorithm.algorithm];
  const publicKey = createPublicKey({ key: Buffer.from(signer.publicKey.rawData), format: 'der', type: 'spki' });
  if (!keyType || publicKey.asymmetricKeyType !== keyType) {
    return invalid(`signature algorithm ${signerInfo.signatureAlgorithm.algorithm} does not fit a ${publicKey.asymmetricKeyType} key`);
  }
  let valid = false;
  try {
    valid = verifySignature(hash, signedBytes, publicKey, Buffer.from(signerInfo.signature.buffer));
  } catch (cause) {
    return invalid(`signature cannot be checked: ${(cause as Error).message}`);
  }
  return valid ? { ok: true, signer, certificates } : invalid('the signature does not verify with the signer\'s key');
}

function identifies(signerInfo: SignerInfo, cert: X509Certificate): boolean {
  const { issuerAndSerialNumber, subjectKeyIdentifier } = signerInfo.sid;
  if (issuerAndSerialNumber) {
    const serial = Buffer.from(issuerAndSerialNumber.serialNumber).toString('hex').replace(/^(00)+(?=.)/, '');
    return sameBytes(Buffer.from(AsnConvert.serialize(issuerAndSerialNumber.issuer)), Buffer.from(cert.issuerName.toArrayBuffer()))
      && serial.toLowerCase() === cert.serialNumber.toLowerCase().replace(/^(00)+(?=.)/, '');
  }
  if (subjectKeyIdentifier) {
    const ski = cert.getExtension(SubjectKeyIdentifierExtension);
    return ski !== null && ski.keyId.toLowerCase() === Buffer.from(subjectKeyIdentifier.buffer).toString('hex');
  }
  return false;
}

/**
 * The signature covers the signed attributes DER-encoded as a SET (tag 0x31), not as the
 * [0] IMPLICIT field. The parser does not keep their bytes, so they are encoded again in
 * the order received: attribute values are kept as received bytes, so a DER original
 * comes out byte for byte.
 */
function signedAttributesAsSet(signerInfo: SignerInfo): Buffer {
  if (signerInfo.signedAttrsRaw) {
    const raw = Buffer.from(signerInfo.signedAttrsRaw);
    raw[0] = 0x31;
    return raw;
  }
  return derSetOf((signerInfo.signedAttrs ?? []).map((a) => Buffer.from(AsnConvert.serialize(a))));
}

function attributeValue(signerInfo: SignerInfo, type: string): ArrayBuffer | undefined {
  const attribute = signerInfo.signedAttrs?.find((a) => a.attrType === type);
  return attribute?.attrValues.length === 1 ? attribute.attrValues[0] : undefined;
}

function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

function oidOf(der: ArrayBuffer): string | undefined {
  const { result } = asn1js.fromBER(der);
  return result instanceof asn1js.ObjectIdentifier ? result.valueBlock.toString() : undefined;
}
