import { KeyUsageFlags } from '@peculiar/x509';
import type { KeyKind } from '../../sandbox-pki/sandbox-keys.ts';
import { testSatu } from './test-satu.ts';

/** The test cards' ids: a stable public API (tests, docs and the sandbox page use them). */
export type CardId =
  | 'valid-rsa'
  | 'valid-ecdsa'
  | 'expired'
  | 'revoked'
  | 'wrong-key-usage'
  | 'unknown-ca'
  | 'unknown-satu'
  | 'revoked-ca';

/** Which CA issues a card: the sandbox issuing CAs, or the CA under the untrusted foreign root. */
export type CardIssuer = 'rsa' | 'ecc' | 'revoked' | 'unknown';

export interface TestCard {
  readonly id: CardId;
  /** What logging in with the card tests, for the page and the README. */
  readonly description: string;
  readonly satu: string;
  readonly givenName: string;
  readonly surname: string;
  /** The hetu the sandbox register answers for the SATU; absent when the register does not know it. */
  readonly hetu?: string;
  readonly keyKind: KeyKind;
  readonly issuer: CardIssuer;
  readonly keyUsage: KeyUsageFlags;
  readonly expired?: boolean;
  /** Listed in its CA's CRL. */
  readonly revoked?: boolean;
}

const RSA_USAGE = KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment;
const EC_USAGE = KeyUsageFlags.digitalSignature;

/*
 * Hetus with individual numbers 900-999 (temporary codes, never a real person's), sex
 * matching the first name; names with Finnish letters, so every layer shows it keeps
 * UTF-8 intact. RSA keys only where the case needs one: each costs start-up time.
 */
export const TEST_CARDS: readonly TestCard[] = Object.freeze([
  { id: 'valid-rsa', description: 'valid RSA card from the RSA CA: login succeeds', satu: testSatu(1), givenName: 'Maija Liisa', surname: 'Meikäläinen', hetu: '131052-308T', keyKind: 'rsa', issuer: 'rsa', keyUsage: RSA_USAGE },
  { id: 'valid-ecdsa', description: 'valid ECDSA (P-256) card from the ECC CA: login succeeds', satu: testSatu(2), givenName: 'Väinö', surname: 'Jääskeläinen', hetu: '120375-913Y', keyKind: 'ec', issuer: 'ecc', keyUsage: EC_USAGE },
  { id: 'expired', description: 'certificate validity ended 30 days ago', satu: testSatu(3), givenName: 'Åsa', surname: 'Öhman', hetu: '240588Y9263', keyKind: 'ec', issuer: 'ecc', keyUsage: EC_USAGE, expired: true },
  { id: 'revoked', description: "certificate is on the RSA CA's CRL", satu: testSatu(4), givenName: 'Pekka', surname: 'Mäkelä', hetu: '071199-9353', keyKind: 'rsa', issuer: 'rsa', keyUsage: RSA_USAGE, revoked: true },
  { id: 'wrong-key-usage', description: 'key usage is only keyEncipherment and dataEncipherment (no digitalSignature)', satu: testSatu(5), givenName: 'Tiina', surname: 'Hämäläinen', hetu: '301268-9441', keyKind: 'rsa', issuer: 'rsa', keyUsage: KeyUsageFlags.keyEncipherment | KeyUsageFlags.dataEncipherment },
  { id: 'unknown-ca', description: 'issued under "Unknown Foreign Root CA", which Portti does not trust', satu: testSatu(6), givenName: 'Eeva', surname: 'Kärkkäinen', hetu: '010594Y9021', keyKind: 'ec', issuer: 'unknown', keyUsage: EC_USAGE },
  { id: 'unknown-satu', description: 'valid certificate, but the population register does not know its SATU', satu: testSatu(7), givenName: 'Aapo', surname: 'Tuntematon', keyKind: 'ec', issuer: 'ecc', keyUsage: EC_USAGE },
  { id: 'revoked-ca', description: "valid certificate under an issuing CA that is on the root's revocation list (ARL)", satu: testSatu(8), givenName: 'Ilkka', surname: 'Ylönen', hetu: '010200A9618', keyKind: 'ec', issuer: 'revoked', keyUsage: EC_USAGE },
].map((card) => Object.freeze(card as TestCard)));
