import { createHash, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  Attribute, CertificateChoices, CertificateSet, ContentInfo, DigestAlgorithmIdentifiers, EncapsulatedContent, EncapsulatedContentInfo,
  IssuerAndSerialNumber, SignedData, SignerIdentifier, SignerInfo, SignerInfos, SigningTime,
  id_contentType, id_data, id_messageDigest, id_signedData, id_signingTime,
} from '@peculiar/asn1-cms';
import { AlgorithmIdentifier, Certificate } from '@peculiar/asn1-x509';
import type { X509Certificate } from '@peculiar/x509';
import { derSetOf } from '../der-set-of.ts';

const SHA256 = '2.16.840.1.101.3.4.2.1';
const SIGNATURE_ALGORITHMS = { rsa: '1.2.840.113549.1.1.11', ec: '1.2.840.10045.4.3.2' } as const;

export interface CmsSigner {
  readonly certificate: X509Certificate;
  readonly privateKey: KeyObject;
}

/**
 * What a SIM card's signature applet returns in the FiCom authentication profile: a
 * PKCS #7 SignedData with the signed data encapsulated, signed attributes (content type,
 * message digest, signing time), SHA-256, and the signer's certificate.
 */
export function createCmsSignature(content: Buffer, signer: CmsSigner, extraCertificates: readonly X509Certificate[] = []): Buffer {
  const certificate = AsnConvert.parse(signer.certificate.rawData, Certificate);
  const attributes = [
    new Attribute({ attrType: id_contentType, attrValues: [new asn1js.ObjectIdentifier({ value: id_data }).toBER()] }),
    new Attribute({ attrType: id_signingTime, attrValues: [AsnConvert.serialize(new SigningTime(new Date()))] }),
    new Attribute({ attrType: id_messageDigest, attrValues: [AsnConvert.serialize(new OctetString(createHash('sha256').update(content).digest()))] }),
  ];
  // In the given order: the serializer writes the attributes in the same order.
  const toBeSigned = derSetOf(attributes.map((a) => Buffer.from(AsnConvert.serialize(a))));
  const keyType = signer.privateKey.asymmetricKeyType === 'rsa' ? 'rsa' : 'ec';
  const signature = sign('sha256', toBeSigned, signer.privateKey);

  const signerInfo = new SignerInfo({
    version: 1,
    sid: new SignerIdentifier({ issuerAndSerialNumber: new IssuerAndSerialNumber({
      issuer: certificate.tbsCertificate.issuer,
      serialNumber: certificate.tbsCertificate.serialNumber,
    }) }),
    digestAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256 }),
    signedAttrs: attributes,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: SIGNATURE_ALGORITHMS[keyType] }),
    signature: new OctetString(signature),
  });
  const signedData = new SignedData({
    version: 1,
    digestAlgorithms: new DigestAlgorithmIdentifiers([new AlgorithmIdentifier({ algorithm: SHA256 })]),
    encapContentInfo: new EncapsulatedContentInfo({ eContentType: id_data, eContent: new EncapsulatedContent({ single: new OctetString(content) }) }),
    certificates: new CertificateSet([certificate, ...extraCertificates.map((c) => AsnConvert.parse(c.rawData, Certificate))]
      .map((cert) => new CertificateChoices({ certificate: cert }))),
    signerInfos: new SignerInfos([signerInfo]),
  });
  return Buffer.from(AsnConvert.serialize(new ContentInfo({ contentType: id_signedData, content: AsnConvert.serialize(signedData) })));
}
