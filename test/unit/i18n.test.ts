import { expect } from 'chai';
import { CATALOGS, translate } from '../../src/i18n/catalog.ts';
import { en } from '../../src/i18n/en.ts';
import { LOCALES } from '../../src/i18n/locale.ts';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogs', () => {
  const enKeys = Object.keys(en).sort();

  for (const locale of LOCALES) {
    describe(locale, () => {
      const catalog = CATALOGS[locale];

      it('has exactly the English keys', () => {
        expect(Object.keys(catalog).sort()).to.deep.equal(enKeys);
      });

      it('has no empty or untrimmed messages', () => {
        for (const [key, text] of Object.entries(catalog)) {
          expect(text.trim(), key).to.not.equal('');
          expect(text, key).to.equal(text.trim());
        }
      });

      it('uses the same placeholders as English', () => {
        for (const [key, text] of Object.entries(en)) {
          expect(placeholders(catalog[key as keyof typeof en]), `${locale} ${key}`).to.deep.equal(placeholders(text));
        }
      });

      it('names each language in that language', () => {
        expect([catalog['lang.fi'], catalog['lang.sv'], catalog['lang.en']]).to.deep.equal(['Suomi', 'Svenska', 'English']);
      });
    });
  }
});

describe('translate', () => {
  it('returns the message in the requested locale', () => {
    expect(translate('fi', 'logout.title')).to.equal('Kirjaudu ulos');
    expect(translate('sv', 'logout.title')).to.equal('Logga ut');
    expect(translate('en', 'logout.title')).to.equal('Log out');
  });

  it('substitutes parameters as plain text', () => {
    expect(translate('en', 'method.intro', { service: 'Kela <b>' })).to.equal('You are identifying to the e-service Kela <b>.');
    expect(translate('fi', 'error.correlation', { id: 42 })).to.equal('Virheen tunniste: 42');
  });

  it('does not interpret replacement patterns in values', () => {
    expect(translate('en', 'error.correlation', { id: "$& $' $1" })).to.equal("Error reference: $& $' $1");
  });

  it('leaves a placeholder without a parameter visible', () => {
    expect(translate('en', 'error.correlation')).to.equal('Error reference: {id}');
    expect(translate('en', 'error.correlation', { other: 'x' })).to.equal('Error reference: {id}');
  });
});
