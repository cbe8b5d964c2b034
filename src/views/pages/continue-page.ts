import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html } from '../html.ts';
import { renderPage } from '../layout.ts';

export interface ContinueView {
  readonly locale: Locale;
  readonly nonce: string;
  /** What the form does: finishes a logout, or takes an answer back to the e-service. */
  readonly purpose: 'logout' | 'return';
  readonly action: string;
  readonly inputs: readonly (readonly [name: string, value: string])[];
}

/**
 * A form that must be posted onwards (oidc-provider's logout without a session, a
 * form_post answer to an e-service): a script posts it at once, and without JavaScript the
 * citizen sees what is happening and a Continue button.
 */
export function renderContinuePage(view: ContinueView): string {
  const t = (key: MessageKey) => translate(view.locale, key);
  const title = t(view.purpose === 'logout' ? 'continue.logout' : 'continue.return');
  return renderPage({
    locale: view.locale,
    nonce: view.nonce,
    title,
    body: html`<h1>${title}</h1>
<form method="post" action="${view.action}">
${view.inputs.map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<p>${t('continue.text')}</p>
<p class="actions"><button class="button" type="submit">${t('continue.button')}</button></p>
</form>
<script nonce="${view.nonce}">document.forms[0].submit();</script>`,
  });
}
