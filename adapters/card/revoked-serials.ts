/**
 * The revoked serial numbers of one CRL as a hash set in four typed arrays. Built in the
 * CRL worker and transferred to the main thread without copying: a million entries in a
 * JavaScript Map would have to be rebuilt on the main thread (blocking it for about a
 * second) and would then be a million more objects for every major garbage collection to
 * trace. Here they are ~40 bytes each of plain memory, and a lookup is one hash and a
 * probe or two.
 */
export interface RevokedSerials {
  /** Open addressing, power-of-two size: 0 is empty, otherwise entry index + 1. */
  readonly slots: Uint32Array;
  /** Entry i's serial is `serials[offsets[i]] .. serials[offsets[i + 1]]`. */
  readonly offsets: Uint32Array;
  readonly serials: Uint8Array;
  /** Revocation time of entry i, ms since the epoch. */
  readonly revokedAt: Float64Array;
}

/** Collects entries (serials already without leading zero bytes) and builds the table at the end. */
export function createRevokedSerialsBuilder() {
  let serials = new Uint8Array(1 << 16);
  let offsets = new Uint32Array(1 << 12);
  let revokedAt = new Float64Array(1 << 12);
  let count = 0;
  let used = 0;

  return {
    add(serial: Uint8Array, at: number): void {
      if (used + serial.length > serials.length) serials = grow(serials, used + serial.length);
      if (count + 2 > offsets.length) {
        offsets = grow(offsets, count + 2);
        revokedAt = grow(revokedAt, count + 2);
      }
      serials.set(serial, used);
      offsets[count] = used;
      revokedAt[count] = at;
      used += serial.length;
      count += 1;
    },
    finish(): RevokedSerials {
      offsets[count] = used;
      const table: RevokedSerials = {
        slots: new Uint32Array(Math.max(8, 2 ** Math.ceil(Math.log2(count * 2 + 1)))),
        offsets: offsets.slice(0, count + 1),
        serials: serials.slice(0, used),
        revokedAt: revokedAt.slice(0, count),
      };
      const mask = table.slots.length - 1;
      for (let i = 0; i < count; i += 1) {
        let slot = hash(table.serials, table.offsets[i]!, table.offsets[i + 1]!) & mask;
        while (table.slots[slot] !== 0) slot = (slot + 1) & mask;
        table.slots[slot] = i + 1;
      }
      return table;
    },
  };
}

/** The revocation time (ms) of the certificate with this serial (hex, as @peculiar/x509 gives it), if listed. */
export function findRevoked(table: RevokedSerials, serialHex: string): number | undefined {
  const serial = Buffer.from(normaliseSerialHex(serialHex), 'hex');
  const mask = table.slots.length - 1;
  for (let slot = hash(serial, 0, serial.length) & mask; table.slots[slot] !== 0; slot = (slot + 1) & mask) {
    const entry = table.slots[slot]! - 1;
    const start = table.offsets[entry]!;
    const end = table.offsets[entry + 1]!;
    if (end - start === serial.length && serial.every((byte, i) => table.serials[start + i] === byte)) return table.revokedAt[entry];
  }
  return undefined;
}

/** Lower case, no leading zero bytes (DER adds one to keep a serial positive): how serials are compared. */
export function normaliseSerialHex(hex: string): string {
  const even = hex.length % 2 === 1 ? `0${hex}` : hex;
  return even.toLowerCase().replace(/^(?:00)+(?=..)/, '');
}

/** The buffers to list in `postMessage`'s transfer list. */
export function transferablesOf(table: RevokedSerials): ArrayBuffer[] {
  return [table.slots.buffer, table.offsets.buffer, table.serials.buffer, table.revokedAt.buffer] as ArrayBuffer[];
}

/** FNV-1a over the serial's bytes: serials are sometimes sequential, so no single byte range will do. */
function hash(bytes: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

function grow<T extends Uint8Array | Uint32Array | Float64Array>(array: T, needed: number): T {
  let length = array.length * 2;
  while (length < needed) length *= 2;
  const bigger = new (array.constructor as new (length: number) => T)(length);
  bigger.set(array);
  return bigger;
}
