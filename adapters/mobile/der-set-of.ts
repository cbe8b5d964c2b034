/**
 * DER `SET OF` the given encoded elements, in the given order. CMS signs its signed
 * attributes as this SET (RFC 5652 §5.4), so the verifier and the sandbox signer must
 * build the very same bytes.
 */
export function derSetOf(elements: readonly Buffer[]): Buffer {
  const body = Buffer.concat(elements);
  return Buffer.concat([Buffer.from([0x31]), derLength(body.length), body]);
}

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
