import type { TestPerson } from './test-persons.ts';

/** How an upstream names its claims: OP/DVV ('ftn'), Telia ('oid'), Signicat ('nin'). */
export type ClaimStyle = 'ftn' | 'oid' | 'nin';

interface ClaimNames {
  hetu: string;
  name: string;
  givenName: string;
  familyName: string;
  birthdate: string;
}

const CLAIM_NAMES: Record<ClaimStyle, ClaimNames> = {
  ftn: {
    hetu: 'personal_identity_code',
    name: 'name',
    givenName: 'given_name',
    familyName: 'family_name',
    birthdate: 'birthdate',
  },
  oid: {
    hetu: 'urn:oid:1.2.246.21',
    name: 'urn:oid:2.5.4.3',
    givenName: 'urn:oid:2.5.4.42',
    familyName: 'urn:oid:2.5.4.4',
    birthdate: 'urn:oid:1.3.6.1.5.5.7.9.1',
  },
  nin: {
    hetu: 'nin',
    name: 'name',
    givenName: 'given_name',
    familyName: 'family_name',
    birthdate: 'birthdate',
  },
};

/** The `claims` configuration of oidc-provider: which claim each scope releases. */
export function claimsByScope(style: ClaimStyle): Record<string, string[]> {
  const names = CLAIM_NAMES[style];
  return {
    openid: ['sub'],
    profile: [names.name, names.givenName, names.familyName, names.birthdate],
    personal_identity_code: [names.hetu],
  };
}

/** All claims the bank knows about a person, named the way this bank names them. */
export function personClaims(person: TestPerson, style: ClaimStyle): Record<string, string> {
  const names = CLAIM_NAMES[style];
  const claims: Record<string, string> = {
    [names.hetu]: person.hetu,
    [names.name]: `${person.givenName} ${person.familyName}`,
    [names.givenName]: person.givenName,
    [names.familyName]: person.familyName,
  };
  const birthdate = deriveBirthdate(person.hetu);
  if (birthdate !== undefined) claims[names.birthdate] = birthdate;
  return claims;
}

const CENTURY_BY_SIGN: Record<string, string> = {
  '+': '18',
  '-': '19', Y: '19', X: '19', W: '19', V: '19', U: '19',
  A: '20', B: '20', C: '20', D: '20', E: '20', F: '20',
};

/** YYYY-MM-DD from a hetu's date part; the bank does not vouch for the check character. */
function deriveBirthdate(hetu: string): string | undefined {
  const match = /^(\d{2})(\d{2})(\d{2})(.)/.exec(hetu);
  const century = match ? CENTURY_BY_SIGN[match[4]!] : undefined;
  if (!match || century === undefined) return undefined;
  return `${century}${match[3]}-${match[2]}-${match[1]}`;
}
