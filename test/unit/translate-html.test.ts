import { expect } from 'chai';
import { html, renderToString } from '../../src/views/html.ts';
import { translateHtml } from '../../src/views/translate-html.ts';

describe('translateHtml', () => {
  it('puts markup in a placeholder, keeping each language\'s word order', () => {
    const service = html`<strong>${'Kela'}</strong>`;
    expect(renderToString(translateHtml('en', 'method.intro', { service }))).to.equal('You are identifying to the e-service <strong>Kela</strong>.');
    expect(renderToString(translateHtml('fi', 'method.intro', { service }))).to.equal('Olet tunnistautumassa asiointipalveluun <strong>Kela</strong>.');
  });

  it('escapes plain-text parameters', () => {
    expect(renderToString(translateHtml('en', 'method.intro', { service: '<b>Kela</b>' })))
      .to.equal('You are identifying to the e-service &lt;b&gt;Kela&lt;/b&gt;.');
  });

  it('leaves a placeholder without a parameter visible', () => {
    expect(renderToString(translateHtml('en', 'error.correlation', {}))).to.equal('Error reference: {id}');
  });
});
