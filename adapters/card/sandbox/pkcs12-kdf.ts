import { createHash } from 'node:crypto';

/** RFC 7292 appendix B.3: the diversifier for a MAC key (1 = encryption key, 2 = IV). */
export const PKCS12_MAC_KEY_ID = 3;

/**
 * The PKCS#12 key derivation of RFC 7292 appendix B.2, which the MAC of a PFX still
 * requires (PBKDF2 MACs exist only in a recent RFC 9579 that browsers do not read yet).
 * The password enters as a BMPString: UTF-16BE with two trailing zero bytes. SHA-256 only:
 * the one hash this sandbox uses for its MACs.
 */
export function derivePkcs12Key(options: {
  readonly password: string;
  readonly salt: Buffer;
  readonly iterations: number;
  readonly id: number;
  readonly length: number;
}): Buffer {
  const u = 32; // output bytes of SHA-256
  const v = 64; // its block size in bytes
  const D = Buffer.alloc(v, options.id);
  const I = Buffer.concat([fillBlocks(options.salt, v), fillBlocks(bmpString(options.password), v)]);
  const blocks: Buffer[] = [];
  for (let produced = 0; produced < options.length; produced += u) {
    let A = createHash('sha256').update(D).update(I).digest();
    for (let round = 1; round < options.iterations; round++) A = createHash('sha256').update(A).digest();
    blocks.push(A);
    // I_j = (I_j + B + 1) mod 2^(8v) for every v-byte block of I, B being A repeated to v bytes.
    const B = fillBlocks(A, v).subarray(0, v);
    for (let j = 0; j < I.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = I[j + k]! + B[k]! + carry;
        I[j + k] = sum & 0xff;
        carry = sum >>> 8;
      }
    }
  }
  return Buffer.concat(blocks).subarray(0, options.length);
}

/** The password as RFC 7292 B.1 wants it: big-endian UTF-16 with a zero terminator. */
export function bmpString(password: string): Buffer {
  const bytes = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) bytes.writeUInt16BE(password.charCodeAt(i), i * 2);
  return bytes;
}

/** `data` repeated to fill whole v-byte blocks (empty stays empty, as B.2 step 2 says). */
function fillBlocks(data: Buffer, v: number): Buffer {
  if (data.length === 0) return Buffer.alloc(0);
  const out = Buffer.alloc(v * Math.ceil(data.length / v));
  for (let i = 0; i < out.length; i++) out[i] = data[i % data.length]!;
  return out;
}
