import { createPrivateKey, createPublicKey, KeyObject, randomBytes, type webcrypto } from 'node:crypto';
import type * as x509 from '@peculiar/x509';

/** The key types of the real hierarchies: RSA (DVV G4R cards and CA) and ECDSA P-256 (G4E, mobile certificates). */
export type KeyKind = 'rsa' | 'ec';

export const ALGORITHMS = {
  ec: { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' },
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 },
} as const;

/** Runs off the main thread, so the sandbox generates all its keys at once. */
export async function generateKeys(kind: KeyKind): Promise<webcrypto.CryptoKeyPair> {
  return (await crypto.subtle.generateKey(ALGORITHMS[kind], true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
}

/** Unencrypted PKCS#8 PEM: how test clients and the sandbox state file take a key. */
export function exportPrivateKey(key: webcrypto.CryptoKey | KeyObject): string {
  return (key instanceof KeyObject ? key : KeyObject.from(key)).export({ type: 'pkcs8', format: 'pem' }) as string;
}

/**
 * A saved private key, refused unless it belongs to `certificate`: a hand-edited or
 * mixed-up state file must not give a CA that signs what its certificate cannot verify.
 */
export function privateKeyOf(certificate: x509.X509Certificate, privateKeyPem: string): KeyObject {
  const privateKey = createPrivateKey(privateKeyPem);
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  if (!spki.equals(Buffer.from(certificate.publicKey.rawData))) throw new Error(`the saved private key does not belong to "${certificate.subject}"`);
  return privateKey;
}

/** A saved CA's key pair back as WebCrypto keys, the form @peculiar/x509 signs with. */
export async function importKeyPair(kind: KeyKind, certificate: x509.X509Certificate, privateKeyPem: string): Promise<webcrypto.CryptoKeyPair> {
  const pkcs8 = privateKeyOf(certificate, privateKeyPem).export({ type: 'pkcs8', format: 'der' });
  const [privateKey, publicKey] = await Promise.all([
    crypto.subtle.importKey('pkcs8', pkcs8, ALGORITHMS[kind], true, ['sign']),
    crypto.subtle.importKey('spki', certificate.publicKey.rawData, ALGORITHMS[kind], true, ['verify']),
  ]);
  return { privateKey, publicKey };
}

/** Positive, non-zero, 16 random bytes, as the CA/Browser practice asks. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex');
}
