const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/**
 * A test SATU (FINUID): the 8 digits and their check character, the number mod 31 indexed
 * into the same alphabet as the hetu's. The sandbox uses the `9999xxxx` range so that no
 * test card can carry a real person's number.
 */
export function testSatu(serial: number): string {
  if (!Number.isInteger(serial) || serial < 0 || serial > 9999) throw new RangeError('a test SATU serial is 0-9999');
  const digits = `9999${String(serial).padStart(4, '0')}`;
  return `${digits}${CHECK_CHARS[Number(digits) % 31]!}`;
}
