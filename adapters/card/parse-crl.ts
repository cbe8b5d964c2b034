import { DerError, TAG, childrenOf, expectTlv, readOid, readTime, readTlv, type Tlv } from './der.ts';

/** Which certificates a CRL speaks for, from its issuingDistributionPoint. */
export type CrlScope = 'all' | 'end-entity' | 'ca';

export interface CrlSignatureAlgorithm {
  readonly oid: string;
  /** The parameters element (whole TLV), when there is one other than NULL. */
  readonly parameters?: Uint8Array;
}

/** What Portti keeps of a CRL; the entries went to the visitor as they were read. */
export interface ParsedCrl {
  readonly issuerDer: Uint8Array;
  readonly thisUpdate: number;
  readonly nextUpdate: number | undefined;
  readonly scope: CrlScope;
  readonly entries: number;
  /** The signed bytes: the whole tbsCertList element. */
  readonly tbs: Uint8Array;
  readonly signatureAlgorithm: CrlSignatureAlgorithm;
  readonly signature: Uint8Array;
}

/** Called per revoked certificate: serial without leading zero bytes (a view into the CRL), revocation time in ms. */
export type RevokedVisitor = (serial: Uint8Array, revokedAt: number) => void;

const DELTA_CRL_INDICATOR = '2.5.29.27';
const ISSUING_DISTRIBUTION_POINT = '2.5.29.28';

/**
 * Walks a DER CertificateList once, front to back, handing each revoked serial to
 * `onRevoked` instead of building a list. The signature is not checked here. A CRL this
 * code cannot fully honour is refused rather than half-read: a delta CRL (not a complete
 * list), an indirect one (entries of other CAs), one limited to some reasons, and any other
 * critical extension, on the list or on an entry.
 */
export function parseCrl(der: Uint8Array, onRevoked: RevokedVisitor): ParsedCrl {
  const list = expectTlv(der, 0, der.length, TAG.SEQUENCE, 'CertificateList');
  if (list.end !== der.length) throw new DerError('bytes follow the CertificateList');
  const tbs = expectTlv(der, list.start, list.end, TAG.SEQUENCE, 'tbsCertList');
  const algorithm = expectTlv(der, tbs.end, list.end, TAG.SEQUENCE, 'signatureAlgorithm');
  const signature = expectTlv(der, algorithm.end, list.end, TAG.BIT_STRING, 'signatureValue');
  if (signature.end !== list.end || der[signature.start] !== 0) throw new DerError('malformed signatureValue');

  let field = readTlv(der, tbs.start, tbs.end);
  if (field.tag === TAG.INTEGER) {
    if (field.end - field.start !== 1 || der[field.start] !== 1) throw new DerError('unsupported CRL version');
    field = readTlv(der, field.end, tbs.end);
  }
  if (!sameBytes(der.subarray(field.outer, field.end), der.subarray(algorithm.outer, algorithm.end))) {
    throw new DerError('the signed and the outer signature algorithm differ');
  }
  const issuer = expectTlv(der, field.end, tbs.end, TAG.SEQUENCE, 'issuer');
  const thisUpdateTlv = readTlv(der, issuer.end, tbs.end);
  const thisUpdate = readTime(der, thisUpdateTlv);
  let nextUpdate: number | undefined;
  let entries = 0;
  let scope: CrlScope = 'all';
  for (let offset = thisUpdateTlv.end; offset < tbs.end;) {
    field = readTlv(der, offset, tbs.end);
    if ((field.tag === TAG.UTC_TIME || field.tag === TAG.GENERALIZED_TIME) && offset === thisUpdateTlv.end) nextUpdate = readTime(der, field);
    else if (field.tag === TAG.SEQUENCE) entries = readEntries(der, field, onRevoked);
    else if (field.tag === 0xa0) scope = readListExtensions(der, expectTlv(der, field.start, field.end, TAG.SEQUENCE, 'crlExtensions'));
    else throw new DerError(`unexpected element 0x${field.tag.toString(16)} in tbsCertList`);
    offset = field.end;
  }
  const parameters = childrenOf(der, algorithm)[1];
  return {
    issuerDer: der.subarray(issuer.outer, issuer.end),
    thisUpdate,
    nextUpdate,
    scope,
    entries,
    tbs: der.subarray(tbs.outer, tbs.end),
    signatureAlgorithm: {
      oid: readOid(der, expectTlv(der, algorithm.start, algorithm.end, TAG.OID, 'algorithm')),
      ...(parameters && parameters.tag !== TAG.NULL ? { parameters: der.subarray(parameters.outer, parameters.end) } : {}),
    },
    signature: der.subarray(signature.start + 1, signature.end),
  };
}

function readEntries(der: Uint8Array, revoked: Tlv, onRevoked: RevokedVisitor): number {
  let count = 0;
  for (let offset = revoked.start; offset < revoked.end; count += 1) {
    const entry = expectTlv(der, offset, revoked.end, TAG.SEQUENCE, 'revoked entry');
    const serial = expectTlv(der, entry.start, entry.end, TAG.INTEGER, 'userCertificate');
    if (serial.end === serial.start) throw new DerError(`empty serial at ${serial.outer}`);
    const date = readTlv(der, serial.end, entry.end);
    const revokedAt = readTime(der, date);
    if (date.end < entry.end) {
      const extensions = expectTlv(der, date.end, entry.end, TAG.SEQUENCE, 'crlEntryExtensions');
      const critical = readExtensions(der, extensions).find((extension) => extension.critical);
      // certificateIssuer, the usual one, would make the following entries another CA's.
      if (critical) throw new DerError(`entry extension ${critical.oid} is critical`);
      if (extensions.end !== entry.end) throw new DerError(`bytes after entry at ${entry.outer}`);
    }
    let start = serial.start;
    while (start < serial.end - 1 && der[start] === 0) start += 1;
    onRevoked(der.subarray(start, serial.end), revokedAt);
    offset = entry.end;
  }
  return count;
}

function readListExtensions(der: Uint8Array, sequence: Tlv): CrlScope {
  let scope: CrlScope = 'all';
  for (const extension of readExtensions(der, sequence)) {
    if (extension.oid === DELTA_CRL_INDICATOR) throw new DerError('a delta CRL is not a complete list');
    if (extension.oid === ISSUING_DISTRIBUTION_POINT) scope = readScope(der, extension.value);
    else if (extension.critical) throw new DerError(`unsupported critical CRL extension ${extension.oid}`);
  }
  return scope;
}

/** issuingDistributionPoint: fields [1] onlyContainsUserCerts to [5] onlyContainsAttributeCerts, implicitly tagged. */
function readScope(der: Uint8Array, value: Tlv): CrlScope {
  let scope: CrlScope = 'all';
  for (const field of childrenOf(der, expectTlv(der, value.start, value.end, TAG.SEQUENCE, 'issuingDistributionPoint'))) {
    const flag = field.end > field.start && der[field.start] !== 0;
    if (field.tag === 0x81 && flag) scope = 'end-entity';
    else if (field.tag === 0x82 && flag) scope = 'ca';
    else if (field.tag === 0x83) throw new DerError('a CRL for only some reasons is not a complete list');
    else if ((field.tag === 0x84 || field.tag === 0x85) && flag) throw new DerError('indirect and attribute-certificate CRLs are not supported');
  }
  return scope;
}

function readExtensions(der: Uint8Array, sequence: Tlv): { oid: string; critical: boolean; value: Tlv }[] {
  return childrenOf(der, sequence).map((extension) => {
    const oid = expectTlv(der, extension.start, extension.end, TAG.OID, 'extnID');
    let next = readTlv(der, oid.end, extension.end);
    let critical = false;
    if (next.tag === TAG.BOOLEAN) {
      critical = der[next.start] !== 0;
      next = readTlv(der, next.end, extension.end);
    }
    if (next.tag !== TAG.OCTET_STRING) throw new DerError('malformed extension');
    return { oid: readOid(der, oid), critical, value: next };
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}
