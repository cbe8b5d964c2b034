import { escapeHtml } from './escape-html.ts';
import { TEST_CARDS, type SandboxMethod } from './sandbox-catalogue.ts';
import type { SandboxTransaction } from './sandbox-ledger.ts';

/**
 * The pages of the sandbox's banks and card acquirer: what a citizen sees after choosing
 * a method on Portti's payment page. Besides Pay and Cancel they let a developer (or a
 * test) lose the browser return or delay or drop the callback, to try every path.
 */
export interface MethodPageModel {
  readonly transaction: SandboxTransaction;
  readonly method: SandboxMethod;
  readonly token: string;
  readonly error?: string;
}

const euros = (cents: number) => `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')} €`;

export function renderMethodPage(model: MethodPageModel): string {
  const { transaction, method } = model;
  const action = `/pay/${encodeURIComponent(transaction.transactionId)}/${encodeURIComponent(method.id)}/confirm`;
  const card = method.group === 'creditcard' ? renderCardFields() : '';
  const error = model.error ? `<p role="alert" class="error">${escapeHtml(model.error)}</p>` : '';
  return renderSandboxPage(method.name, `
  <p>Sandbox payment provider: no real money moves.</p>
  <dl>
    <dt>Amount</dt><dd class="amount">${escapeHtml(euros(transaction.amount))}</dd>
    <dt>Reference</dt><dd>${escapeHtml(transaction.reference)}</dd>
    <dt>Merchant</dt><dd>${escapeHtml(transaction.account)}</dd>
  </dl>
  ${error}
  <form method="post" action="${action}">
    <input type="hidden" name="token" value="${escapeHtml(model.token)}">
    ${card}
    <fieldset>
      <legend>Sandbox options</legend>
      <p><label><input type="checkbox" name="return" value="no"> Do not return to the shop (as if the browser were closed)</label></p>
      <p><label for="callback">Notify the shop by callback</label>
        <select id="callback" name="callback">
          <option value="now">right away, before the browser returns</option>
          <option value="delay">after a delay</option>
          <option value="never">never (the callback is lost)</option>
        </select></p>
      <p><label for="callback-delay">Delay in seconds</label>
        <input id="callback-delay" name="callback_delay" type="number" min="0" max="900" value="5"></p>
    </fieldset>
    <p><button type="submit" name="action" value="pay">Pay ${escapeHtml(euros(transaction.amount))}</button>
       <button type="submit" name="action" value="cancel">Cancel</button></p>
  </form>`);
}

function renderCardFields(): string {
  const cards = TEST_CARDS.map((c) => `<li><code>${c.number.replace(/(\d{4})(?=\d)/g, '$1 ')}</code>: ${escapeHtml(c.note)}</li>`).join('');
  return `<fieldset>
      <legend>Card</legend>
      <p><label for="card-number">Card number</label>
        <input id="card-number" name="card_number" inputmode="numeric" autocomplete="cc-number" size="23"></p>
      <p><label for="card-expiry">Expiry (MM/YY)</label>
        <input id="card-expiry" name="card_expiry" autocomplete="cc-exp" size="6" value="12/30"></p>
      <p><label for="card-cvc">Security code</label>
        <input id="card-cvc" name="card_cvc" inputmode="numeric" autocomplete="cc-csc" size="4" value="123"></p>
      <p>Test cards:</p><ul>${cards}</ul>
    </fieldset>`;
}

export function renderDonePage(title: string, message: string, link?: { readonly href: string; readonly text: string }): string {
  const back = link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '';
  return renderSandboxPage(title, `<p role="status">${escapeHtml(message)}</p>${back}`);
}

/** The payment wall Paytrail offers at `href`; Portti renders its own page, but the link works. */
export function renderPaymentWall(transaction: SandboxTransaction, forms: readonly { readonly name: string; readonly url: string; readonly token: string }[]): string {
  const buttons = forms.map((f) => `<li><form method="post" action="${escapeHtml(f.url)}"><input type="hidden" name="token" value="${escapeHtml(f.token)}"><button type="submit">${escapeHtml(f.name)}</button></form></li>`).join('');
  return renderSandboxPage('Sandbox payment', `<p>Amount ${escapeHtml(euros(transaction.amount))}</p><ul>${buttons}</ul>`);
}

function renderSandboxPage(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} (sandbox)</title></head>
<body>
<main>
  <h1>${escapeHtml(title)}</h1>
  ${body}
</main>
</body>
</html>
`;
}
