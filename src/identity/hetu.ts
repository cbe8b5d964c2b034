import type { Hetu } from './identity.ts';

export type HetuErrorCode =
  | 'ERR_HETU_FORMAT'
  | 'ERR_HETU_CENTURY'
  | 'ERR_HETU_DATE'
  | 'ERR_HETU_INDIVIDUAL_NUMBER'
  | 'ERR_HETU_CHECKSUM';

export type HetuResult =
  | {
      ok: true;
      hetu: Hetu;
      /** ISO date `YYYY-MM-DD`. */
      birthdate: string;
      sex: 'male' | 'female';
      /** Individual number 900-999: a temporary code, not from the population register. */
      temporary: boolean;
    }
  | { ok: false; code: HetuErrorCode };

const CHECK_CHARS = '0123456789ABCDEFHJKLMNPRSTUVWXY';

const CENTURY: Readonly<Partial<Record<string, number>>> = {
  '+': 1800,
  '-': 1900, Y: 1900, X: 1900, W: 1900, V: 1900, U: 1900,
  A: 2000, B: 2000, C: 2000, D: 2000, E: 2000, F: 2000,
};

/*
 * Uppercase only. The hetu becomes an identity key compared byte for byte (pairwise
 * `sub`, audit), so only its canonical spelling may pass: every register and upstream
 * sends uppercase, and a lowercase value means a mangled source worth surfacing rather
 * than silently repairing. Surrounding whitespace carries no meaning and is trimmed.
 */
const FORMAT = /^(\d{2})(\d{2})(\d{2})([+\-A-Z])(\d{3})([0-9A-Z])$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Validates a Finnish personal identity code. Pure: a birth date in the future is not
 * rejected here, because the century signs `D`-`F` are reserved ahead of use.
 */
export function parseHetu(input: string): HetuResult {
  const hetu = input.trim();
  const m = FORMAT.exec(hetu);
  if (!m) return { ok: false, code: 'ERR_HETU_FORMAT' };
  const [, dd, mm, yy, sign, nnn, check] = m;

  const century = CENTURY[sign];
  if (century === undefined) return { ok: false, code: 'ERR_HETU_CENTURY' };

  const year = century + Number(yy);
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return { ok: false, code: 'ERR_HETU_DATE' };
  }

  const individual = Number(nnn);
  if (individual < 2) return { ok: false, code: 'ERR_HETU_INDIVIDUAL_NUMBER' };

  if (CHECK_CHARS[Number(dd + mm + yy + nnn) % 31] !== check) {
    return { ok: false, code: 'ERR_HETU_CHECKSUM' };
  }

  return {
    ok: true,
    hetu: hetu as Hetu,
    birthdate: `${String(year)}-${mm}-${dd}`,
    sex: individual % 2 === 1 ? 'male' : 'female',
    temporary: individual >= 900,
  };
}

/** True only for a valid hetu in canonical form (no surrounding whitespace). */
export function isHetu(value: string): value is Hetu {
  const result = parseHetu(value);
  return result.ok && result.hetu === value;
}

/**
 * For logs and audit: keeps birth date and century sign (two people may differ only by
 * the sign), hides the individual number and check character, e.g. `131052-****`.
 */
export function maskHetu(hetu: Hetu): string {
  return `${hetu.slice(0, 7)}****`;
}
