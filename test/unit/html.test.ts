import { expect } from 'chai';
import { html, raw, renderToString, SafeHtml } from '../../src/views/html.ts';
import type { HtmlValue } from '../../src/views/html.ts';

const render = (h: SafeHtml): string => renderToString(h);

describe('html template', () => {
  it('keeps the template markup and escapes interpolated text', () => {
    const name = '<script>alert("x")</script>';
    expect(render(html`<p>${name}</p>`)).to.equal('<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>');
  });

  it('escapes & < > " \' and backtick', () => {
    expect(render(html`${'&<>"\'`'}`)).to.equal('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  it('escapes entities in input instead of trusting them', () => {
    expect(render(html`${'&amp;'}`)).to.equal('&amp;amp;');
  });

  it('keeps attacker text inside a quoted attribute', () => {
    const evil = '" onmouseover="alert(1)';
    const single = "' autofocus onfocus='alert(1)";
    expect(render(html`<input value="${evil}">`)).to.equal('<input value="&quot; onmouseover=&quot;alert(1)">');
    expect(render(html`<input value='${single}'>`)).to.equal("<input value='&#39; autofocus onfocus=&#39;alert(1)'>");
    expect(render(html`<a title="${'x"><img src=x onerror=alert(1)>'}">`)).to.not.include('<img');
  });

  it('nests SafeHtml without escaping it', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(render(html`<p>${inner}</p>`)).to.equal('<p><b>a&lt;b</b></p>');
  });

  it('joins arrays, escaping strings and keeping SafeHtml', () => {
    const items: HtmlValue = ['<i>', html`<li>ok</li>`, null, false, 3];
    expect(render(html`<ul>${items}</ul>`)).to.equal('<ul>&lt;i&gt;<li>ok</li>3</ul>');
    const rows = ['a', 'b&c'].map((x) => html`<li>${x}</li>`);
    expect(render(html`<ul>${rows}</ul>`)).to.equal('<ul><li>a</li><li>b&amp;c</li></ul>');
  });

  it('renders null, undefined and false as empty; numbers and 0 as text', () => {
    const show = false;
    expect(render(html`[${null}${undefined}${show && html`<b>x</b>`}${0}]`)).to.equal('[0]');
  });

  it('raw() passes trusted constants through unchanged', () => {
    expect(render(html`<span>${raw('<svg aria-hidden="true"></svg>')}</span>`)).to.equal(
      '<span><svg aria-hidden="true"></svg></span>',
    );
  });

  it('cannot be forged by constructing SafeHtml or faking its shape', () => {
    expect(() => new SafeHtml(Symbol('SafeHtml') as never, '<b>')).to.throw(TypeError);
    const fake = { toString: () => '<b>fake</b>' };
    expect(render(html`${fake as unknown as string}`)).to.equal('&lt;b&gt;fake&lt;/b&gt;');
  });
});
