import * as x509 from '@peculiar/x509';
import { restoreAuthority, type SandboxAuthority, type SavedAuthority } from '../../sandbox-pki/sandbox-authority.ts';
import { exportPrivateKey, privateKeyOf } from '../../sandbox-pki/sandbox-keys.ts';
import { AUTHORITY_LEVELS, authorityIdentity, citizenCaOf, type AuthorityRole, type IssuedCard, type SandboxCitizenCa } from './sandbox-citizen-ca.ts';
import { TEST_CARDS, type TestCard } from './test-cards.ts';

/** A test card as the sandbox state file keeps it; `card` is its TestCard as JSON, to notice a changed card. */
export interface SavedCard {
  readonly card: Readonly<Record<string, unknown>>;
  readonly certificate: string;
  /** Unencrypted PKCS#8 PEM. */
  readonly privateKey: string;
}

/** The citizen CA hierarchy as the sandbox state file keeps it. */
export interface SavedCitizenCa {
  readonly authorities: Readonly<Record<AuthorityRole, SavedAuthority>>;
  readonly cards: readonly SavedCard[];
}

/** A TestCard as it reads back from JSON, so saved and current cards compare equal. */
export function testCardAsJson(card: TestCard): Record<string, unknown> {
  return JSON.parse(JSON.stringify(card)) as Record<string, unknown>;
}

export function saveSandboxCitizenCa(ca: SandboxCitizenCa): SavedCitizenCa {
  const authorities = Object.fromEntries(AUTHORITY_LEVELS.flat().map((role) => [role, ca.authorities[role].save()]));
  return {
    authorities: authorities as Record<AuthorityRole, SavedAuthority>,
    cards: ca.cards.map((issued) => ({ card: testCardAsJson(issued.card), certificate: issued.certificate.toString('pem'), privateKey: exportPrivateKey(issued.privateKey) })),
  };
}

/**
 * The hierarchy a previous start saved, with the same certificates, keys and revocations.
 * The caller has checked it was made for `cards` and this CRL base URL; this throws when
 * the saved material does not fit together (a key not its certificate's, a certificate
 * not signed by its CA, a card missing), so a damaged file is regenerated, not served.
 */
export async function restoreSandboxCitizenCa(saved: SavedCitizenCa, crlBaseUrl: string, cards: readonly TestCard[] = TEST_CARDS): Promise<SandboxCitizenCa> {
  const authorities = {} as Record<AuthorityRole, SandboxAuthority>;
  for (const level of AUTHORITY_LEVELS) {
    await Promise.all(level.map(async (role) => {
      const { parent, ...identity } = authorityIdentity(role, crlBaseUrl);
      authorities[role] = await restoreAuthority(identity, saved.authorities[role], parent ? authorities[parent] : undefined);
    }));
  }
  const issued = await Promise.all(cards.map(async (card): Promise<IssuedCard> => {
    const savedCard = saved.cards.find((candidate) => candidate.card.id === card.id);
    if (!savedCard) throw new Error(`no saved test card "${card.id}"`);
    const issuer = authorities[card.issuer];
    const certificate = new x509.X509Certificate(savedCard.certificate);
    if (!(await certificate.verify({ publicKey: issuer.certificate.publicKey, signatureOnly: true }))) throw new Error(`test card "${card.id}" is not signed by "${issuer.commonName}"`);
    return { card, certificate, privateKey: privateKeyOf(certificate, savedCard.privateKey), issuer };
  }));
  return citizenCaOf(authorities, issued);
}
