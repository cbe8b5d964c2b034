import { createHash, createHmac, randomBytes, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import type { X509Certificate } from '@peculiar/x509';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier } from '@peculiar/asn1-x509';
import { ContentInfo, id_data } from '@peculiar/asn1-cms';
import { DigestInfo } from '@peculiar/asn1-rsa';
import { AuthenticatedSafe, CertBag, MacData, PFX, PKCS12Attribute, SafeBag, SafeContents, id_certBag, id_pkcs8ShroudedKeyBag, id_x509Certificate } from '@peculiar/asn1-pfx';
import { derivePkcs12Key, PKCS12_MAC_KEY_ID } from './pkcs12-kdf.ts';

const FRIENDLY_NAME = '1.2.840.113549.1.9.20';
const LOCAL_KEY_ID = '1.2.840.113549.1.9.21';
const SHA256 = '2.16.840.1.101.3.4.2.1';
/*
 * OpenSSL's default and RFC 7292's recommended minimum. More buys nothing here (the
 * password is printed on the sandbox page) and the KDF runs in JS, costing start-up time.
 */
const MAC_ITERATIONS = 2048;

/** What goes into one `.p12` file: the card's key, its certificate and the CA path. */
export interface Pkcs12Contents {
  readonly privateKey: KeyObject;
  readonly certificate: X509Certificate;
  /** CA certificates to carry along, issuing CA first. */
  readonly chain: readonly X509Certificate[];
  readonly password: string;
  /** The name a browser's certificate manager shows. */
  readonly friendlyName: string;
}

/**
 * A PFX (RFC 7292) that browsers and OpenSSL import: the key in a pkcs8ShroudedKeyBag
 * (PBES2 with AES-256-CBC, as node:crypto encrypts it), the certificates in plain certBags,
 * and an HMAC-SHA256 integrity MAC. The key and the leaf share a localKeyId so importers
 * pair them; the certificates need no encryption because they are public.
 */
export function writePkcs12(contents: Pkcs12Contents): Buffer {
  const localKeyId = createHash('sha1').update(Buffer.from(contents.certificate.rawData)).digest();
  const attributes = [
    attribute(FRIENDLY_NAME, new asn1js.BmpString({ value: contents.friendlyName }).toBER()),
    attribute(LOCAL_KEY_ID, new asn1js.OctetString({ valueHex: localKeyId }).toBER()),
  ];
  const encryptedKey = contents.privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: contents.password });
  const keyBag = new SafeBag({ bagId: id_pkcs8ShroudedKeyBag, bagValue: arrayBuffer(encryptedKey), bagAttributes: attributes });
  const certBags = [contents.certificate, ...contents.chain].map((certificate, index) => new SafeBag({
    bagId: id_certBag,
    bagValue: AsnConvert.serialize(new CertBag({ certId: id_x509Certificate, certValue: AsnConvert.serialize(new OctetString(certificate.rawData)) })),
    ...(index === 0 ? { bagAttributes: attributes } : {}),
  }));
  const authenticatedSafe = Buffer.from(AsnConvert.serialize(new AuthenticatedSafe([
    dataContent(AsnConvert.serialize(new SafeContents([keyBag]))),
    dataContent(AsnConvert.serialize(new SafeContents(certBags))),
  ])));
  const pfx = new PFX({
    version: 3,
    authSafe: dataContent(authenticatedSafe),
    macData: macOver(authenticatedSafe, contents.password),
  });
  return Buffer.from(AsnConvert.serialize(pfx));
}

/** RFC 7292 section 5.1: HMAC over the AuthenticatedSafe's DER, keyed by the PKCS#12 KDF. */
function macOver(authenticatedSafe: Buffer, password: string): MacData {
  const salt = randomBytes(16);
  const key = derivePkcs12Key({ password, salt, iterations: MAC_ITERATIONS, id: PKCS12_MAC_KEY_ID, length: 32 });
  const mac = createHmac('sha256', key).update(authenticatedSafe).digest();
  return new MacData({
    mac: new DigestInfo({ digestAlgorithm: new AlgorithmIdentifier({ algorithm: SHA256, parameters: null }), digest: new OctetString(mac) }),
    macSalt: new OctetString(salt),
    iterations: MAC_ITERATIONS,
  });
}

/** A ContentInfo of type data: `[0] EXPLICIT OCTET STRING` around `der`. */
function dataContent(der: ArrayBuffer | Buffer): ContentInfo {
  return new ContentInfo({ contentType: id_data, content: AsnConvert.serialize(new OctetString(der)) });
}

/** Assigned after construction: asn1-pfx 2.x's constructor drops its params (`Object.assign(params)`). */
function attribute(attrId: string, valueDer: ArrayBuffer): PKCS12Attribute {
  return Object.assign(new PKCS12Attribute(), { attrId, attrValues: [valueDer] });
}

function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
