import { expect } from 'chai';
import { pickLocale } from '../../src/i18n/pick-locale.ts';

describe('pickLocale', () => {
  it('defaults to Finnish', () => {
    expect(pickLocale({})).to.equal('fi');
    expect(pickLocale({ explicit: '', uiLocales: '', acceptLanguage: '' })).to.equal('fi');
    expect(pickLocale({ uiLocales: 'de ja', acceptLanguage: 'de, *;q=0.5' })).to.equal('fi');
  });

  it('lets a valid explicit choice win over everything', () => {
    expect(pickLocale({ explicit: 'sv', uiLocales: 'en', acceptLanguage: 'en' })).to.equal('sv');
    expect(pickLocale({ explicit: 'EN' })).to.equal('en');
  });

  it('ignores an unsupported explicit value', () => {
    expect(pickLocale({ explicit: 'de', uiLocales: 'sv' })).to.equal('sv');
    expect(pickLocale({ explicit: '<script>', acceptLanguage: 'en' })).to.equal('en');
  });

  it('takes the first supported ui_locales tag, matching regions to the language', () => {
    expect(pickLocale({ uiLocales: 'de sv-FI en' })).to.equal('sv');
    expect(pickLocale({ uiLocales: '  en-GB   fi ' })).to.equal('en');
    expect(pickLocale({ uiLocales: 'sv', acceptLanguage: 'en' })).to.equal('sv');
  });

  it('falls back to Accept-Language when ui_locales has nothing supported', () => {
    expect(pickLocale({ uiLocales: 'de', acceptLanguage: 'sv-SE' })).to.equal('sv');
  });

  it('honours q-values in Accept-Language', () => {
    expect(pickLocale({ acceptLanguage: 'en;q=0.5, sv;q=0.9, fi;q=0.1' })).to.equal('sv');
    expect(pickLocale({ acceptLanguage: 'de-DE, en-US;q=0.8, sv;q=0.7' })).to.equal('en');
    expect(pickLocale({ acceptLanguage: 'sv;q=0.8,en;q=0.8' })).to.equal('sv');
  });

  it('skips q=0 and malformed q-values', () => {
    expect(pickLocale({ acceptLanguage: 'en;q=0, sv;q=0.3' })).to.equal('sv');
    expect(pickLocale({ acceptLanguage: 'en;q=abc, sv;q=0.3' })).to.equal('sv');
    expect(pickLocale({ acceptLanguage: 'en;q=2' })).to.equal('fi');
  });

  it('tolerates whitespace and garbage in Accept-Language', () => {
    expect(pickLocale({ acceptLanguage: ' ,;, EN-us ; q=0.9 ,' })).to.equal('en');
  });
});
