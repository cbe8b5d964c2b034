import { expect } from 'chai';
import { otherLanguageTextIn, placeholdersIn, rawKeysIn } from './support/language-checks.ts';

// The browser audit passes when these find nothing, so they must find what they are for.
describe('browser audit: language checks', () => {
  it('finds catalog keys, and key-like words in a catalog namespace, shown as text', () => {
    expect(rawKeysIn('Jokin meni vikaan\nerror.title\nmethod.group.card')).to.deep.equal(['error.title', 'method.group.card']);
    expect(rawKeysIn('a11y.intro error.notFound method.group.unknown')).to.deep.equal(['a11y.intro', 'error.notFound', 'method.group.unknown']);
  });

  it('on pages that are not Portti\'s, finds only catalog keys: a webhook event type is not one', () => {
    expect(rawKeysIn('<code>payment.succeeded</code> error.title', { catalogKeysOnly: true })).to.deep.equal(['error.title']);
  });

  it('leaves domain names and numbers alone', () => {
    expect(rawKeysIn('saavutettavuusvaatimukset.fi http://ftn.ficora.fi/2017/loa2 127.0.0.1 WCAG 2.1')).to.deep.equal([]);
  });

  it('finds unreplaced placeholders', () => {
    expect(placeholdersIn('Virheen tunniste: {id}')).to.deep.equal(['{id}']);
  });

  it('finds another language\'s catalog text, but not language names', () => {
    expect(otherLanguageTextIn('Välj identifieringssätt\nSkip to content\nSuomi Svenska English', 'sv'))
      .to.deep.equal(['en "nav.skip": "Skip to content"']);
    expect(otherLanguageTextIn('Olet tunnistautumassa asiointipalveluun Kela.', 'en'))
      .to.deep.equal(['fi "method.intro": "Olet tunnistautumassa asiointipalveluun"']);
  });
});
