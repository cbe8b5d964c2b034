import { KeyObject, randomBytes, sign, type webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

/*
 * For the card tests only: a small citizen-CA hierarchy made on the fly (root -> issuing
 * CA -> card), CRLs from @peculiar/x509, and a hand-built DER CRL for sizes its generator
 * is too slow for.
 */

const ALGORITHMS = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
  ec: { name: 'ECDSA', namedCurve: 'P-384', hash: 'SHA-384' },
  /** Only for card keys: a key type the card method must refuse. */
  ed25519: { name: 'Ed25519' },
} as const;
const DAY = 86_400_000;

export type KeyType = keyof typeof ALGORITHMS;

export interface CardSpec {
  readonly satu?: string;
  readonly givenName?: string;
  readonly surname?: string;
  readonly keyType?: KeyType;
  readonly keyUsage?: x509.KeyUsageFlags;
  readonly crlUrls?: readonly string[];
  readonly serialNumber?: string;
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export interface CrlSpec {
  readonly revoked?: readonly x509.X509Certificate[] | readonly string[];
  readonly thisUpdate?: Date;
  readonly nextUpdate?: Date;
  /** Sign with this CA's key instead (the issuer name stays this CA's). */
  readonly signer?: TestCa;
}

export interface Validity {
  readonly notBefore?: Date;
  readonly notAfter?: Date;
}

export async function createTestCa(name: string, options: { keyType?: 'rsa' | 'ec'; issuer?: TestCa } & Validity = {}) {
  const algorithm = ALGORITHMS[options.keyType ?? 'ec'];
  const keys = (await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const subject: x509.JsonName = [{ CN: [name] }, { O: ['Portti test'] }, { C: ['FI'] }];
  const issuer = options.issuer;
  const certify = (validity: Validity): Promise<x509.X509Certificate> => x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject,
    issuer: issuer ? issuer.certificate.subjectName : subject,
    notBefore: validity.notBefore ?? new Date(Date.now() - DAY),
    notAfter: validity.notAfter ?? new Date(Date.now() + 3650 * DAY),
    publicKey: keys.publicKey,
    signingKey: issuer ? issuer.keys.privateKey : keys.privateKey,
    signingAlgorithm: issuer ? issuer.algorithm : algorithm,
    extensions: [
      new x509.BasicConstraintsExtension(true, issuer ? 0 : 1, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      ...(issuer?.crlUrl ? [new x509.CRLDistributionPointsExtension([issuer.crlUrl])] : []),
    ],
  });
  const certificate = await certify(options);
  const ca = {
    name,
    certificate,
    keys,
    algorithm,
    privateKey: KeyObject.from(keys.privateKey),
    /** Where the certificates this CA issues say its CRL is. */
    crlUrl: undefined as string | undefined,
    /** Another certificate for the same name and key, e.g. an expired copy. */
    recertify: certify,

    async issueCard(spec: CardSpec = {}): Promise<x509.X509Certificate> {
      const card = (await crypto.subtle.generateKey(ALGORITHMS[spec.keyType ?? 'rsa'], true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const satu = spec.satu ?? '12345678N';
      const crlUrls = spec.crlUrls ?? (ca.crlUrl ? [ca.crlUrl] : []);
      return x509.X509CertificateGenerator.create({
        serialNumber: spec.serialNumber ?? serial(),
        subject: [
          { C: ['FI'] },
          { CN: [`${spec.surname ?? 'TESTINEN'} ${spec.givenName ?? 'TEEMU'} ${satu}`] },
          { '2.5.4.4': [spec.surname ?? 'TESTINEN'] },
          { '2.5.4.42': [spec.givenName ?? 'TEEMU'] },
          ...(satu === '' ? [] : [{ '2.5.4.5': [satu] }]),
        ],
        issuer: certificate.subjectName,
        notBefore: spec.notBefore ?? new Date(Date.now() - DAY),
        notAfter: spec.notAfter ?? new Date(Date.now() + 365 * DAY),
        publicKey: card.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: algorithm,
        extensions: [
          new x509.KeyUsagesExtension(spec.keyUsage ?? x509.KeyUsageFlags.digitalSignature, true),
          ...(crlUrls.length > 0 ? [new x509.CRLDistributionPointsExtension([...crlUrls])] : []),
        ],
      });
    },

    async crl(spec: CrlSpec = {}): Promise<Buffer> {
      const thisUpdate = spec.thisUpdate ?? new Date(Date.now() - 60_000);
      const crl = await x509.X509CrlGenerator.create({
        issuer: certificate.subjectName,
        thisUpdate,
        nextUpdate: spec.nextUpdate ?? new Date(thisUpdate.getTime() + 3_600_000),
        entries: (spec.revoked ?? []).map((entry) => ({
          serialNumber: typeof entry === 'string' ? entry : entry.serialNumber,
          revocationDate: new Date(thisUpdate.getTime() - 1000),
        })),
        signingKey: (spec.signer ?? ca).keys.privateKey,
        signingAlgorithm: (spec.signer ?? ca).algorithm,
      });
      return Buffer.from(crl.rawData);
    },
  };
  return ca;
}

export type TestCa = Awaited<ReturnType<typeof createTestCa>>;

/**
 * A CRL of `count` entries built as DER by hand and signed with node:crypto (ECDSA CAs):
 * entry i has serial `serialFor(i)` and revocation time `revokedAtFor(i)`.
 */
export function createLargeCrl(ca: TestCa, count: number, nextUpdate: Date): { der: Buffer; serialFor(i: number): string; revokedAtFor(i: number): Date } {
  const prefix = Buffer.from('00c0ffee0123456789ab', 'hex'); // the 00 keeps it positive: normalisation must strip it
  const serialFor = (i: number): string => `${prefix.toString('hex')}${i.toString(16).padStart(8, '0')}`;
  const base = Date.UTC(2020, 0, 1);
  const revokedAtFor = (i: number): Date => new Date(base + (i % 86_400) * 1000);
  const entries = Buffer.alloc(count * 33);
  for (let i = 0; i < count; i += 1) {
    const at = i * 33;
    entries.set([0x30, 31, 0x02, 14], at);
    entries.set(prefix, at + 4);
    entries.writeUInt32BE(i, at + 14);
    entries.set([0x17, 13], at + 18);
    entries.write(utcTime(revokedAtFor(i)), at + 20, 'latin1');
  }
  const algorithm = tlv(0x30, tlv(0x06, Buffer.from('2a8648ce3d040303', 'hex'))); // ecdsa-with-SHA384
  const tbs = tlv(0x30, Buffer.concat([
    tlv(0x02, Buffer.from([1])),
    algorithm,
    Buffer.from(ca.certificate.subjectName.toArrayBuffer()),
    tlv(0x17, Buffer.from(utcTime(new Date(Date.now() - 60_000)), 'latin1')),
    tlv(0x17, Buffer.from(utcTime(nextUpdate), 'latin1')),
    tlv(0x30, entries),
  ]));
  const signature = sign('sha384', tbs, ca.privateKey);
  const der = tlv(0x30, Buffer.concat([tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature]))]));
  return { der, serialFor, revokedAtFor };
}

function tlv(tag: number, content: Buffer): Buffer {
  const length: number[] = [];
  for (let rest = content.length; rest > 0; rest = Math.floor(rest / 256)) length.unshift(rest % 256);
  const header = content.length < 0x80 ? [tag, content.length] : [tag, 0x80 | length.length, ...length];
  return Buffer.concat([Buffer.from(header), content]);
}

function utcTime(date: Date): string {
  return `${date.toISOString().slice(2, 19).replace(/[-T:]/g, '')}Z`;
}

function serial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
