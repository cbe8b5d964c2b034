/**
 * Finnish payment references (PROTOCOLS.md, "Finnish payment references"): the national
 * viitenumero and the international RF creditor reference (ISO 11649). Spaces, which
 * people type to group digits, are ignored; letters of an RF reference are upper-cased.
 */

export type PaymentReference =
  | { readonly ok: true; readonly kind: 'viitenumero' | 'rf'; readonly value: string }
  | { readonly ok: false; readonly reason: string };

const VIITENUMERO = /^\d{4,20}$/;
const RF = /^RF\d{2}[A-Z0-9]{1,21}$/;

/** Validates and normalises a reference; the reason says what is wrong in plain words. */
export function parsePaymentReference(input: string): PaymentReference {
  const value = input.replace(/ /g, '').toUpperCase();
  if (value.startsWith('RF')) {
    if (!RF.test(value)) return { ok: false, reason: 'an RF reference is RF, two check digits and 1-21 letters or digits' };
    if (rfRemainder(value) !== 1) return { ok: false, reason: 'the RF reference check digits do not match' };
    return { ok: true, kind: 'rf', value };
  }
  if (!VIITENUMERO.test(value)) return { ok: false, reason: 'a reference is 4-20 digits (viitenumero) or an RF creditor reference' };
  if (viitenumeroCheckDigit(value.slice(0, -1)) !== Number(value.slice(-1))) {
    return { ok: false, reason: 'the reference check digit does not match' };
  }
  return { ok: true, kind: 'viitenumero', value };
}

/** Weights 7, 3, 1 repeated from the right; check = (10 - sum mod 10) mod 10. */
export function viitenumeroCheckDigit(base: string): number {
  const weights = [7, 3, 1];
  let sum = 0;
  [...base].reverse().forEach((digit, i) => {
    sum += Number(digit) * weights[i % 3]!;
  });
  return (10 - (sum % 10)) % 10;
}

/** A viitenumero from a base number of 3-19 digits (an invoice or case number). */
export function createViitenumero(base: string): string {
  if (!/^\d{3,19}$/.test(base)) throw new RangeError('the base of a viitenumero is 3-19 digits');
  return `${base}${viitenumeroCheckDigit(base)}`;
}

/** An RF creditor reference for a body of 1-21 letters or digits. */
export function createRfReference(body: string): string {
  const upper = body.toUpperCase();
  if (!/^[A-Z0-9]{1,21}$/.test(upper)) throw new RangeError('the body of an RF reference is 1-21 letters or digits');
  const check = 98 - rfRemainder(`RF00${upper}`);
  return `RF${String(check).padStart(2, '0')}${upper}`;
}

/** ISO 7064 mod 97-10 over body + "RF" + check digits, letters as 10..35, digit by digit. */
function rfRemainder(reference: string): number {
  const rearranged = reference.slice(4) + reference.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const code = char.charCodeAt(0);
    const digits = code >= 65 ? String(code - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}
