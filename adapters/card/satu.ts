/**
 * The SATU (sähköinen asiointitunnus, FINUID): the citizen's electronic identifier in the
 * `serialNumber` of a citizen certificate's subject. It is the key the population
 * register is asked with, so only values that pass the check character get that far.
 */
export type Satu = string & { readonly __brand: 'Satu' };

/** The hetu's table: the number mod 31 indexes into it. */
const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

/*
 * Exactly eight digits and an uppercase check character, nothing trimmed: the value comes
 * from a CA-signed certificate, where anything else means a certificate we do not
 * understand rather than a typing slip to repair.
 */
const FORMAT = /^(\d{8})([0-9A-Y])$/;

/** The SATU if `value` is one in canonical form, otherwise undefined. */
export function parseSatu(value: string): Satu | undefined {
  const match = FORMAT.exec(value);
  if (!match) return undefined;
  const [, digits, check] = match;
  return CHECK_CHARS[Number(digits) % 31] === check ? (value as Satu) : undefined;
}
