import { KeyObject } from 'node:crypto';
import type * as x509 from '@peculiar/x509';
import { createAuthority, generateKeys, type SandboxAuthority } from './sandbox-authority.ts';
import { issueCardCertificate } from './card-certificate.ts';
import { TEST_CARDS, type CardIssuer, type TestCard } from './test-cards.ts';

/** A test card with what the CA gave it. */
export interface IssuedCard {
  readonly card: TestCard;
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
  readonly issuer: SandboxAuthority;
}

export interface SandboxCitizenCa {
  /** "Portti Sandbox Gov. Root CA": the one trust anchor Portti is given. */
  readonly root: SandboxAuthority;
  /** The three issuing CAs under the root, in the order rsa, ecc, revoked. */
  readonly issuingCas: readonly SandboxAuthority[];
  /** The CRLs this peer serves by file name (`<name>.crl`): the root's ARL and one per issuing CA. */
  readonly crls: ReadonlyMap<string, SandboxAuthority>;
  readonly cards: readonly IssuedCard[];
}

/** File names under the CRL base URL; the root's list is an ARL: it lists revoked CAs. */
const CRL_NAMES = { root: 'sandbox-gov-root-arl', rsa: 'citizen-rsa', ecc: 'citizen-ecc', revoked: 'citizen-revoked' } as const;

/*
 * The unknown foreign CA's CRL lives under the reserved `.invalid` domain: Portti has no
 * business fetching a URL named by a certificate it does not trust.
 */
const FOREIGN_CRL = 'http://crl.unknown-foreign-ca.invalid/issuing.crl';

/**
 * Generates, at start-up, a hierarchy shaped like DVV's: a root whose ARL lists revoked CA
 * certificates, the issuing CAs "- RSA" (RSA key, signs with RSA like G4R) and "- ECC"
 * (P-256 like G4E), a third issuing CA the root has revoked, and an unrelated foreign root
 * with its own issuing CA. Then issues every test card. All keys are generated at once,
 * in parallel, because RSA key generation dominates start-up.
 */
export async function createSandboxCitizenCa(crlBaseUrl: string, cards: readonly TestCard[] = TEST_CARDS): Promise<SandboxCitizenCa> {
  const crlUrl = (name: keyof typeof CRL_NAMES) => `${crlBaseUrl}/${CRL_NAMES[name]}.crl`;
  const [rootKeys, rsaKeys, eccKeys, revokedKeys, foreignRootKeys, foreignKeys, ...cardKeys] = await Promise.all([
    generateKeys('ec'), generateKeys('rsa'), generateKeys('ec'), generateKeys('ec'), generateKeys('ec'), generateKeys('ec'),
    ...cards.map((card) => generateKeys(card.keyKind)),
  ]);
  const [root, foreignRoot] = await Promise.all([
    createAuthority({ commonName: 'Portti Sandbox Gov. Root CA', kind: 'ec', keys: rootKeys!, crlUrl: crlUrl('root') }),
    createAuthority({ commonName: 'Unknown Foreign Root CA', kind: 'ec', keys: foreignRootKeys!, crlUrl: FOREIGN_CRL }),
  ]);
  const [rsa, ecc, revoked, unknown] = await Promise.all([
    createAuthority({ commonName: 'Portti Sandbox Citizen Certificates - RSA', kind: 'rsa', keys: rsaKeys!, crlUrl: crlUrl('rsa'), parent: root }),
    createAuthority({ commonName: 'Portti Sandbox Citizen Certificates - ECC', kind: 'ec', keys: eccKeys!, crlUrl: crlUrl('ecc'), parent: root }),
    createAuthority({ commonName: 'Portti Sandbox Citizen Certificates - Revoked', kind: 'ec', keys: revokedKeys!, crlUrl: crlUrl('revoked'), parent: root }),
    createAuthority({ commonName: 'Unknown Foreign Citizen Certificates', kind: 'ec', keys: foreignKeys!, crlUrl: FOREIGN_CRL, parent: foreignRoot }),
  ]);
  root.revoke(revoked.certificate);
  const issuers: Record<CardIssuer, SandboxAuthority> = { rsa, ecc, revoked, unknown };

  const issued = await Promise.all(cards.map(async (card, index): Promise<IssuedCard> => {
    const keys = cardKeys[index]!;
    const issuer = issuers[card.issuer];
    const certificate = await issueCardCertificate(issuer, { holder: card, publicKey: keys.publicKey, keyUsage: card.keyUsage, expired: card.expired });
    if (card.revoked) issuer.revoke(certificate);
    return { card, certificate, privateKey: KeyObject.from(keys.privateKey), issuer };
  }));

  return {
    root,
    issuingCas: [rsa, ecc, revoked],
    crls: new Map([[CRL_NAMES.root, root], [CRL_NAMES.rsa, rsa], [CRL_NAMES.ecc, ecc], [CRL_NAMES.revoked, revoked]]),
    cards: issued,
  };
}
