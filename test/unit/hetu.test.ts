import { expect } from 'chai';
import { isHetu, maskHetu, parseHetu } from '../../src/identity/hetu.ts';
import type { Hetu } from '../../src/identity/identity.ts';

const ALPHABET = '0123456789ABCDEFHJKLMNPRSTUVWXY';
const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Independent check-character computation (BigInt, so no shared code with the parser). */
function checkChar(digits: string): string {
  return ALPHABET.charAt(Number(BigInt(digits) % 31n));
}

function make(dd: number, mm: number, yy: number, sign: string, nnn: number): string {
  const digits = pad(dd, 2) + pad(mm, 2) + pad(yy, 2) + pad(nnn, 3);
  return `${digits.slice(0, 6)}${sign}${digits.slice(6)}${checkChar(digits)}`;
}

function errorOf(input: string): string | undefined {
  const r = parseHetu(input);
  return r.ok ? undefined : r.code;
}

describe('parseHetu', () => {
  it('accepts the known-valid examples', () => {
    for (const h of ['131052-308T', '010594Y9032', '010594Y9021', '010516B903X', '010200A9618']) {
      expect(parseHetu(h).ok, h).to.equal(true);
    }
  });

  it('derives birthdate, sex and temporary flag', () => {
    expect(parseHetu('131052-308T')).to.deep.equal({
      ok: true, hetu: '131052-308T', birthdate: '1952-10-13', sex: 'female', temporary: false,
    });
    const r = parseHetu('010594Y9032');
    expect(r.ok && [r.birthdate, r.sex, r.temporary]).to.deep.equal(['1994-05-01', 'male', true]); // 903: odd
    const s = parseHetu('010594Y9021');
    expect(s.ok && s.sex).to.equal('female'); // 902: even
  });

  it('maps every century sign to its century', () => {
    const cases: Array<[string, string]> = [
      ['+', '1852'], ['-', '1952'], ['Y', '1952'], ['X', '1952'], ['W', '1952'], ['V', '1952'], ['U', '1952'],
      ['A', '2052'], ['B', '2052'], ['C', '2052'], ['D', '2052'], ['E', '2052'], ['F', '2052'],
    ];
    for (const [sign, year] of cases) {
      const r = parseHetu(make(13, 10, 52, sign, 308));
      expect(r.ok && r.birthdate, sign).to.equal(`${year}-10-13`);
    }
  });

  it('rejects unknown century signs', () => {
    for (const sign of ['G', 'Z', 'T', 'Q']) expect(errorOf(make(13, 10, 52, sign, 308)), sign).to.equal('ERR_HETU_CENTURY');
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseHetu(make(29, 2, 0, 'A', 308)).ok).to.equal(true); // 2000
    expect(parseHetu(make(29, 2, 96, '-', 308)).ok).to.equal(true); // 1996
    expect(errorOf(make(29, 2, 0, '-', 308))).to.equal('ERR_HETU_DATE'); // 1900
    expect(errorOf(make(29, 2, 0, '+', 308))).to.equal('ERR_HETU_DATE'); // 1800
    expect(errorOf(make(29, 2, 23, 'B', 308))).to.equal('ERR_HETU_DATE'); // 2023
  });

  it('rejects impossible dates', () => {
    for (const [d, m] of [[0, 1], [32, 1], [31, 4], [30, 2], [1, 0], [1, 13]] as const) {
      expect(errorOf(make(d, m, 90, '-', 308)), `${d}.${m}`).to.equal('ERR_HETU_DATE');
    }
  });

  it('rejects individual numbers 000 and 001, accepts 002 and 900-999 as temporary', () => {
    expect(errorOf(make(1, 1, 90, '-', 0))).to.equal('ERR_HETU_INDIVIDUAL_NUMBER');
    expect(errorOf(make(1, 1, 90, '-', 1))).to.equal('ERR_HETU_INDIVIDUAL_NUMBER');
    const r = parseHetu(make(1, 1, 90, '-', 2));
    expect(r.ok && [r.sex, r.temporary]).to.deep.equal(['female', false]);
    for (const n of [899, 900, 999]) {
      const t = parseHetu(make(1, 1, 90, '-', n));
      expect(t.ok && t.temporary, String(n)).to.equal(n >= 900);
    }
  });

  it('rejects a wrong check character', () => {
    expect(errorOf('131052-308U')).to.equal('ERR_HETU_CHECKSUM');
    expect(errorOf('131052-308G')).to.equal('ERR_HETU_CHECKSUM'); // not in the alphabet
  });

  it('rejects malformed input and lowercase', () => {
    for (const bad of ['', '131052308T', '131052-308', '131052-308TT', '13105a-308T', '131052-30xT',
      '131052 308T', '010516b903X', '010516B903x', '131052-308t', '131052–308T']) {
      expect(errorOf(bad), bad).to.equal('ERR_HETU_FORMAT');
    }
  });

  it('trims surrounding whitespace only', () => {
    const r = parseHetu('  131052-308T\n');
    expect(r.ok && r.hetu).to.equal('131052-308T');
    expect(errorOf('1310 52-308T')).to.equal('ERR_HETU_FORMAT');
  });

  it('parses many generated valid codes and rejects every other check character', () => {
    const signs = ['+', '-', 'Y', 'X', 'W', 'V', 'U', 'A', 'B', 'C', 'D', 'E', 'F'];
    let seed = 42;
    const next = (n: number): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed % n; };
    for (let i = 0; i < 500; i++) {
      const sign = signs[next(signs.length)] ?? '-';
      const [dd, mm, yy, nnn] = [1 + next(28), 1 + next(12), next(100), 2 + next(998)];
      const h = make(dd, mm, yy, sign, nnn);
      const r = parseHetu(h);
      expect(r.ok, h).to.equal(true);
      expect(r.ok && r.sex, h).to.equal(nnn % 2 === 1 ? 'male' : 'female');
      const wrong = ALPHABET.replace(h.charAt(10), '').charAt(next(30));
      expect(errorOf(h.slice(0, 10) + wrong), h + wrong).to.equal('ERR_HETU_CHECKSUM');
    }
  });
});

describe('isHetu', () => {
  it('is true only for a valid, canonical hetu', () => {
    expect(isHetu('131052-308T')).to.equal(true);
    expect(isHetu(' 131052-308T')).to.equal(false);
    expect(isHetu('131052-308U')).to.equal(false);
  });
});

describe('maskHetu', () => {
  it('keeps birth date and century sign, hides the rest', () => {
    expect(maskHetu('131052-308T' as Hetu)).to.equal('131052-****');
    expect(maskHetu('010516B903X' as Hetu)).to.equal('010516B****');
  });
});
