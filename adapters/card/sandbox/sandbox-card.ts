import type { CardId } from './test-cards.ts';
import type { IssuedCard } from './sandbox-citizen-ca.ts';
import { writePkcs12 } from './pkcs12.ts';

/** A test card as tests and people get it: the certificate, its key, and a `.p12` for browsers. */
export interface SandboxCard {
  readonly id: CardId;
  readonly description: string;
  readonly satu: string;
  /** What the sandbox register answers for the SATU; absent for `unknown-satu`. */
  readonly hetu?: string;
  readonly givenName: string;
  readonly surname: string;
  /** PKCS#12 with the key, the certificate and the issuing CA, under the peers' password. */
  readonly pfx: Buffer;
  readonly certificatePem: string;
  /** Unencrypted PKCS#8, for test clients that pass `key` and `cert` to node:tls. */
  readonly privateKeyPem: string;
  /** The issuing CA's certificate: what a browser sends along with the card certificate. */
  readonly chainPem: string;
  /** Where the `.p12` was written, when the peers were given an output directory. */
  readonly file?: string;
}

/** Packs an issued card for people (the `.p12`) and for tests (the PEMs). */
export function packageCard(issued: IssuedCard, password: string): SandboxCard {
  const { card } = issued;
  return Object.freeze({
    id: card.id,
    description: card.description,
    satu: card.satu,
    ...(card.hetu ? { hetu: card.hetu } : {}),
    givenName: card.givenName,
    surname: card.surname,
    pfx: writePkcs12({
      privateKey: issued.privateKey,
      certificate: issued.certificate,
      chain: [issued.issuer.certificate],
      password,
      friendlyName: `Portti sandbox ${card.id}: ${card.givenName} ${card.surname}`,
    }),
    certificatePem: issued.certificate.toString('pem'),
    privateKeyPem: issued.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    chainPem: issued.issuer.pem,
  });
}
