import type { ClaimStyle } from './person-claims.ts';
import type { TestPerson } from './test-persons.ts';

/** A bank behind a broker OP, chosen with the `ftn_idp_id` request parameter. */
export interface SandboxIdp {
  id: string;
  name: string;
  ftnIdpId: string;
}

/** How one sandbox bank behaves; each option mirrors a difference between real FTN banks. */
export interface SandboxBankOptions {
  id: string;
  /** Display name, such as 'Aurinkopankki (sandbox)'. */
  name: string;
  host: string;
  /** 0 picks an ephemeral port. */
  port: number;
  /** Defaults to http://localhost:<actual port>. */
  issuer?: string;
  claimStyle: ClaimStyle;
  /** OP answers a cancel with `error=cancel`, Telia with `access_denied`. */
  cancelError: 'cancel' | 'access_denied';
  encryption: { alg: 'RSA-OAEP' | 'RSA-OAEP-256'; enc: 'A128CBC-HS256' | 'A256GCM' };
  /** The acr values this OP accepts; the first requested one that matches goes in `acr`. */
  acrValues: string[];
  /** Present when this OP is a broker serving several banks. */
  idps?: SandboxIdp[];
  /** Portti's registration at this bank. */
  client: { clientId: string; jwksUri: string; redirectUris: string[] };
  persons?: readonly TestPerson[];
  logger?: (event: Record<string, unknown>) => void;
}

/** A sandbox bank listening for requests. */
export interface RunningSandboxBank {
  readonly issuer: string;
  readonly port: number;
  close(): Promise<void>;
}
