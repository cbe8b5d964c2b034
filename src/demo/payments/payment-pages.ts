import { escapeHtml } from '../escape-html.ts';
import { LANGUAGES } from '../login-choices.ts';
import { renderLayout } from '../page-layout.ts';
import type { ReceivedEvent } from './demo-payments.ts';

/** The permit fee the demo charges, in cents: 10.00 EUR fee (VAT 0 %) and 2.50 EUR handling (VAT 25.5 %). */
export const PERMIT_FEE = 1250;

export const euros = (cents: number) => `${(cents / 100).toFixed(2)} EUR`;

/** The "Pay" section of the front page. */
export function renderPaySection(): string {
  const languages = Object.entries(LANGUAGES)
    .map(([code, name]) => `<option value="${escapeHtml(code)}" lang="${escapeHtml(code)}">${escapeHtml(name)}</option>`)
    .join('');
  return `<h2>Pay the permit fee</h2>
<p>The permit fee is ${escapeHtml(euros(PERMIT_FEE))}. You pay it on Portti's payment page with a sandbox bank or a test card; no real money moves.</p>
<form method="get" action="/payment/start">
<fieldset>
<legend>Payment</legend>
<div class="field">
<input type="checkbox" id="pay-identified" name="identify" value="yes">
<label for="pay-identified">Identify me before I pay</label>
</div>
<div class="field">
<label for="pay-language">Language of the payment page</label>
<select id="pay-language" name="language">${languages}</select>
</div>
</fieldset>
<button type="submit">Pay ${escapeHtml(euros(PERMIT_FEE))}</button>
</form>`;
}

export interface PaymentResultInput {
  readonly nonce: string;
  readonly payment: Record<string, unknown>;
  readonly refunds: readonly Record<string, unknown>[];
  readonly events: readonly ReceivedEvent[];
  readonly csrfToken: string;
  /** A fresh Idempotency-Key for the refund form: submitting it twice refunds once. */
  readonly refundKey: string;
  readonly notice?: string;
}

const STATE_TEXT: Record<string, string> = {
  created: 'not paid yet',
  started: 'waiting for the payment to be confirmed (reload this page in a moment)',
  succeeded: 'paid',
  failed: 'not paid: the payment failed or was cancelled at the bank',
  cancelled: 'not paid: you cancelled the payment',
  expired: 'not paid: the time for the payment ran out',
};

/** What the demo verified with Portti (never what the browser's return URL said), and refunds. */
export function renderPaymentResultPage(input: PaymentResultInput): string {
  const p = input.payment;
  const state = String(p.state);
  const available = Number(p.refund_amount_available ?? 0);
  const refunds = input.refunds.length === 0 ? '' : `<table>
<caption>Refunds</caption>
<thead><tr><th scope="col">Refund</th><th scope="col">Amount</th><th scope="col">State</th></tr></thead>
<tbody>${input.refunds.map((r) => `<tr><td><code>${escapeHtml(r.id)}</code></td><td>${escapeHtml(euros(Number(r.amount)))}</td><td class="refund-state">${escapeHtml(r.state)}</td></tr>`).join('')}</tbody>
</table>`;
  const events = input.events.length === 0 ? '<p class="note">No webhook events received yet.</p>' : `<ol class="events">${input.events
    .map((e) => `<li><code>${escapeHtml(e.type)}</code> (sequence ${escapeHtml(e.sequence)}, received ${escapeHtml(e.receivedAt)})</li>`).join('')}</ol>`;
  const refundForm = available <= 0 ? '' : `<h2>Refund</h2>
<form method="post" action="/payment/${escapeHtml(encodeURIComponent(String(p.id)))}/refund">
<input type="hidden" name="csrf" value="${escapeHtml(input.csrfToken)}">
<input type="hidden" name="key" value="${escapeHtml(input.refundKey)}">
<input type="hidden" name="expected" value="${escapeHtml(available)}">
<div class="field">
<label for="refund-amount">Amount to refund (EUR)</label>
<input id="refund-amount" name="amount" inputmode="decimal" value="${escapeHtml((available / 100).toFixed(2))}">
</div>
<button type="submit" name="mode" value="partial">Refund this amount</button>
<button type="submit" name="mode" value="full">Refund all ${escapeHtml(euros(available))}</button>
</form>`;
  return renderLayout({
    nonce: input.nonce,
    title: 'Payment',
    main: `<h1>Payment</h1>
${input.notice ? `<p role="status">${escapeHtml(input.notice)}</p>` : ''}
<p>Verified with Portti: <strong class="payment-state">${escapeHtml(state)}</strong>, ${escapeHtml(STATE_TEXT[state] ?? state)}.</p>
${p.late_success === true ? '<p>The payment was confirmed after it had already ended (a late success): deliver the permit or refund.</p>' : ''}
<table>
<caption>The payment</caption>
<tbody>
<tr><th scope="row">Payment id</th><td><code>${escapeHtml(p.id)}</code></td></tr>
<tr><th scope="row">Amount</th><td>${escapeHtml(euros(Number(p.amount)))}</td></tr>
<tr><th scope="row">Paid with</th><td>${escapeHtml(p.method ?? '-')}</td></tr>
<tr><th scope="row">Payer (pairwise sub)</th><td>${escapeHtml((p.payer as { sub?: string } | null)?.sub ?? 'not identified')}</td></tr>
<tr><th scope="row">Refunded</th><td>${escapeHtml(euros(Number(p.refund_amount_refunded ?? 0)))}</td></tr>
<tr><th scope="row">Still refundable</th><td class="refundable">${escapeHtml(euros(available))}</td></tr>
</tbody>
</table>
${refunds}
<h2>Webhook events</h2>
${events}
${refundForm}
<p><a href="/">Back to the front page</a></p>`,
  });
}
