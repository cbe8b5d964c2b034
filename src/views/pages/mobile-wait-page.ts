import type { Locale } from '../../i18n/locale.ts';
import { translate, type MessageKey } from '../../i18n/catalog.ts';
import { html, raw } from '../html.ts';
import { renderPage } from '../layout.ts';
import { mobileStyles, nationalPhone } from './mobile-page-parts.ts';

export interface MobileWaitView {
  readonly locale: Locale;
  readonly nonce: string;
  readonly uid: string;
  readonly msisdn: string;
  readonly eventId: string;
  /** How often the script asks for news, in milliseconds. */
  readonly pollMs: number;
}

/*
 * Asks the status endpoint of this interaction until the answer is in, then goes where it
 * says. Any trouble reloads the page, which shows the state (or the error) itself.
 */
const POLL_SCRIPT = `(function () {
  var box = document.getElementById('mobile-status');
  var url = box.getAttribute('data-status-url');
  var every = Number(box.getAttribute('data-poll-ms')) || 2000;
  function check() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('status ' + r.status); return r.json(); })
      .then(function (s) { if (s.state === 'outstanding') setTimeout(check, every); else window.location.assign(s.next); })
      .catch(function () { window.location.reload(); });
  }
  setTimeout(check, every);
})();`;

/**
 * Step two: the event ID the phone also shows, and a wait that ends by itself. Without
 * JavaScript the page refreshes itself, and "Continue" does the same by hand.
 */
export function renderMobileWaitPage(view: MobileWaitView): string {
  const t = (key: MessageKey, params?: Record<string, string>) => translate(view.locale, key, params);
  const base = `/interaction/${encodeURIComponent(view.uid)}`;
  const refreshSeconds = Math.max(5, Math.ceil(view.pollMs / 1000));
  const body = html`${mobileStyles(view.nonce)}<h1>${t('mobile.wait.title')}</h1>
<p>${t('mobile.wait.sent', { phone: nationalPhone(view.msisdn) })}</p>
<p class="event-id">${t('mobile.wait.eventId')}: <strong id="event-id">${view.eventId}</strong></p>
<p>${t('mobile.wait.instructions')}</p>
<p id="mobile-status" role="status" data-status-url="${base}/mobile/status" data-poll-ms="${view.pollMs}">${t('mobile.wait.status')}</p>
<noscript><meta http-equiv="refresh" content="${refreshSeconds}"><p>${t('mobile.wait.noscript')}</p></noscript>
<p class="actions"><a class="button" href="${base}/mobile/wait">${t('mobile.wait.continue')}</a><a class="button secondary" href="${base}">${t('method.another')}</a></p>
<script nonce="${view.nonce}">${raw(POLL_SCRIPT)}</script>`;
  return renderPage({ locale: view.locale, nonce: view.nonce, title: t('mobile.wait.title'), languageUrl: (l) => `${base}/mobile/wait?lang=${l}`, body });
}
