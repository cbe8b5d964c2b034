import { KeyObject } from 'node:crypto';
import type * as x509 from '@peculiar/x509';
import { createAuthority, type AuthorityIdentity, type SandboxAuthority } from '../../sandbox-pki/sandbox-authority.ts';
import { generateKeys, type KeyKind } from '../../sandbox-pki/sandbox-keys.ts';
import { issueCardCertificate } from './card-certificate.ts';
import { TEST_CARDS, type CardIssuer, type TestCard } from './test-cards.ts';

/** A test card with what the CA gave it. */
export interface IssuedCard {
  readonly card: TestCard;
  readonly certificate: x509.X509Certificate;
  readonly privateKey: KeyObject;
  readonly issuer: SandboxAuthority;
}

/** Every CA of the two hierarchies: the card issuers and the two roots above them. */
export type AuthorityRole = 'root' | 'foreignRoot' | CardIssuer;

export interface SandboxCitizenCa {
  /** "Portti Sandbox Gov. Root CA": the one trust anchor Portti is given. */
  readonly root: SandboxAuthority;
  /** The three issuing CAs under the root, in the order rsa, ecc, revoked. */
  readonly issuingCas: readonly SandboxAuthority[];
  /** The CRLs this peer serves by file name (`<name>.crl`): the root's ARL and one per issuing CA. */
  readonly crls: ReadonlyMap<string, SandboxAuthority>;
  readonly cards: readonly IssuedCard[];
  /** Every CA by role, the foreign ones included: what the sandbox state file keeps. */
  readonly authorities: Readonly<Record<AuthorityRole, SandboxAuthority>>;
}

/** File names under the CRL base URL; the root's list is an ARL: it lists revoked CAs. */
const CRL_NAMES: { readonly [R in AuthorityRole]?: string } = { root: 'sandbox-gov-root-arl', rsa: 'citizen-rsa', ecc: 'citizen-ecc', revoked: 'citizen-revoked' };

/*
 * The unknown foreign CA's CRL lives under the reserved `.invalid` domain: Portti has no
 * business fetching a URL named by a certificate it does not trust.
 */
const FOREIGN_CRL = 'http://crl.unknown-foreign-ca.invalid/issuing.crl';

/** Shaped like DVV's: a root over issuing CAs "- RSA" (RSA key, like G4R) and "- ECC" (P-256, like G4E). */
const HIERARCHY: Readonly<Record<AuthorityRole, { readonly commonName: string; readonly kind: KeyKind; readonly parent?: AuthorityRole }>> = {
  root: { commonName: 'Portti Sandbox Gov. Root CA', kind: 'ec' },
  foreignRoot: { commonName: 'Unknown Foreign Root CA', kind: 'ec' },
  rsa: { commonName: 'Portti Sandbox Citizen Certificates - RSA', kind: 'rsa', parent: 'root' },
  ecc: { commonName: 'Portti Sandbox Citizen Certificates - ECC', kind: 'ec', parent: 'root' },
  revoked: { commonName: 'Portti Sandbox Citizen Certificates - Revoked', kind: 'ec', parent: 'root' },
  unknown: { commonName: 'Unknown Foreign Citizen Certificates', kind: 'ec', parent: 'foreignRoot' },
};

/** Roots first, then the CAs they sign: the order to create or restore them in. */
export const AUTHORITY_LEVELS: readonly (readonly AuthorityRole[])[] = [['root', 'foreignRoot'], ['rsa', 'ecc', 'revoked', 'unknown']];

/** The CA in `role` under the CRL base URL, and the role of the CA that signs it. */
export function authorityIdentity(role: AuthorityRole, crlBaseUrl: string): AuthorityIdentity & { readonly parent?: AuthorityRole } {
  const name = CRL_NAMES[role];
  return { ...HIERARCHY[role], crlUrl: name ? `${crlBaseUrl}/${name}.crl` : FOREIGN_CRL };
}

/**
 * Generates a hierarchy shaped like DVV's: a root whose ARL lists revoked CA certificates,
 * the issuing CAs "- RSA" and "- ECC", a third issuing CA the root has revoked, and an
 * unrelated foreign root with its own issuing CA. Then issues every test card. All keys
 * are generated at once, in parallel, because RSA key generation dominates start-up.
 */
export async function createSandboxCitizenCa(crlBaseUrl: string, cards: readonly TestCard[] = TEST_CARDS): Promise<SandboxCitizenCa> {
  const roles = AUTHORITY_LEVELS.flat();
  const [caKeys, cardKeys] = await Promise.all([
    Promise.all(roles.map((role) => generateKeys(HIERARCHY[role].kind))),
    Promise.all(cards.map((card) => generateKeys(card.keyKind))),
  ]);
  const authorities = {} as Record<AuthorityRole, SandboxAuthority>;
  for (const level of AUTHORITY_LEVELS) {
    await Promise.all(level.map(async (role) => {
      const { parent, ...identity } = authorityIdentity(role, crlBaseUrl);
      authorities[role] = await createAuthority({ ...identity, keys: caKeys[roles.indexOf(role)]!, ...(parent ? { parent: authorities[parent] } : {}) });
    }));
  }
  authorities.root.revoke(authorities.revoked.certificate);

  const issued = await Promise.all(cards.map(async (card, index): Promise<IssuedCard> => {
    const keys = cardKeys[index]!;
    const issuer = authorities[card.issuer];
    const certificate = await issueCardCertificate(issuer, { holder: card, publicKey: keys.publicKey, keyUsage: card.keyUsage, expired: card.expired });
    if (card.revoked) issuer.revoke(certificate);
    return { card, certificate, privateKey: KeyObject.from(keys.privateKey), issuer };
  }));
  return citizenCaOf(authorities, issued);
}

/** The peer's view of a hierarchy, generated or restored. */
export function citizenCaOf(authorities: Readonly<Record<AuthorityRole, SandboxAuthority>>, cards: readonly IssuedCard[]): SandboxCitizenCa {
  const servedCrls = (['root', 'rsa', 'ecc', 'revoked'] as const).map((role) => [CRL_NAMES[role]!, authorities[role]] as const);
  return {
    root: authorities.root,
    issuingCas: [authorities.rsa, authorities.ecc, authorities.revoked],
    crls: new Map(servedCrls),
    cards,
    authorities,
  };
}
