/**
 * Just enough DER to walk a CRL without building an object per node: a 45 MB list has a
 * million entries, and a general ASN.1 parser would allocate several objects for each.
 * Positions are offsets into the one buffer; nothing is copied.
 */
export interface Tlv {
  readonly tag: number;
  /** First byte of the content. */
  readonly start: number;
  /** One past the last byte of the content: the next sibling starts here. */
  readonly end: number;
  /** First byte of the tag, for handing on a whole element (the signed tbsCertList). */
  readonly outer: number;
}

/** The universal tags a CRL and a certificate use. */
export const TAG = {
  BOOLEAN: 0x01, INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06,
  UTC_TIME: 0x17, GENERALIZED_TIME: 0x18, SEQUENCE: 0x30, SET: 0x31,
} as const;

/** An element of DER this code will not read: the whole CRL is refused. */
export class DerError extends Error {}

/** The element at `offset`, which must end by `limit` (its parent's end). Only DER: definite lengths, one-byte tags. */
export function readTlv(bytes: Uint8Array, offset: number, limit: number): Tlv {
  if (offset + 2 > limit) throw new DerError(`truncated element at ${offset}`);
  const tag = bytes[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new DerError(`multi-byte tag at ${offset}`);
  let length = bytes[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4) throw new DerError(`unsupported length form at ${offset}`);
    if (start + count > limit) throw new DerError(`truncated length at ${offset}`);
    length = 0;
    for (let i = 0; i < count; i += 1) length = length * 256 + bytes[start + i]!;
    start += count;
  }
  const end = start + length;
  if (end > limit) throw new DerError(`element at ${offset} runs past its parent`);
  return { tag, start, end, outer: offset };
}

/** Like `readTlv`, but the element must carry `tag`. */
export function expectTlv(bytes: Uint8Array, offset: number, limit: number, tag: number, what: string): Tlv {
  const tlv = readTlv(bytes, offset, limit);
  if (tlv.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}, found 0x${tlv.tag.toString(16)}`);
  return tlv;
}

/** The direct children of a constructed element. */
export function childrenOf(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const children: Tlv[] = [];
  for (let offset = parent.start; offset < parent.end; offset = children[children.length - 1]!.end) {
    children.push(readTlv(bytes, offset, parent.end));
  }
  return children;
}

/** Dotted form of an OBJECT IDENTIFIER's content. */
export function readOid(bytes: Uint8Array, tlv: Tlv): string {
  const arcs: number[] = [];
  let value = 0;
  for (let i = tlv.start; i < tlv.end; i += 1) {
    value = value * 128 + (bytes[i]! & 0x7f);
    if ((bytes[i]! & 0x80) === 0) {
      if (arcs.length === 0) arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

/** UTCTime (YYMMDDHHMMSSZ, years 1950-2049) or GeneralizedTime (YYYYMMDDHHMMSSZ), as milliseconds since the epoch. */
export function readTime(bytes: Uint8Array, tlv: Tlv): number {
  const utc = tlv.tag === TAG.UTC_TIME;
  if (!utc && tlv.tag !== TAG.GENERALIZED_TIME) throw new DerError(`expected a time at ${tlv.outer}`);
  const yearDigits = utc ? 2 : 4;
  if (tlv.end - tlv.start !== yearDigits + 11 || bytes[tlv.end - 1] !== 0x5a) throw new DerError(`time at ${tlv.outer} is not in DER form`);
  const digits = (at: number, count: number): number => readDigits(bytes, at, count, tlv.outer);
  let year = digits(tlv.start, yearDigits);
  if (utc) year += year < 50 ? 2000 : 1900;
  const at = tlv.start + yearDigits;
  return Date.UTC(year, digits(at, 2) - 1, digits(at + 2, 2), digits(at + 4, 2), digits(at + 6, 2), digits(at + 8, 2));
}

function readDigits(bytes: Uint8Array, at: number, digits: number, outer: number): number {
  let value = 0;
  for (let i = at; i < at + digits; i += 1) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) throw new DerError(`time at ${outer} has a non-digit`);
    value = value * 10 + digit;
  }
  return value;
}
