import { escapeHtml } from './escape-html.ts';
import { IDENTITY_CODE_SCOPE, LANGUAGES, LEVELS } from './login-choices.ts';
import { renderClaimsTable } from './claims-table.ts';
import { SERVICE_NAME, renderLayout } from './page-layout.ts';
import type { LoggedInUser } from './session-store.ts';
import { renderPaySection } from './payments/payment-pages.ts';

const levelLabels: Record<keyof typeof LEVELS, string> = {
  substantial: 'Substantial',
  high: 'High',
};

function renderLoginForm(): string {
  const languages = Object.entries(LANGUAGES)
    .map(([code, name]) => `<option value="${escapeHtml(code)}" lang="${escapeHtml(code)}">${escapeHtml(name)}</option>`)
    .join('');
  const levels = Object.entries(levelLabels)
    .map(([level, label]) => `<option value="${escapeHtml(level)}">${escapeHtml(label)}</option>`)
    .join('');
  return `<p>To apply for a permit, first prove who you are with strong electronic identification.</p>
<form method="get" action="/login">
<fieldset>
<legend>Identification</legend>
<div class="field">
<input type="checkbox" id="ask-identity-code" name="${escapeHtml(IDENTITY_CODE_SCOPE)}" value="yes">
<label for="ask-identity-code">Also ask for my personal identity code</label>
</div>
<div class="field">
<label for="ui-locales">Language of the identification service</label>
<select id="ui-locales" name="ui_locales">${languages}</select>
</div>
<div class="field">
<label for="level">Level of assurance</label>
<select id="level" name="level">${levels}</select>
</div>
</fieldset>
<button type="submit">Log in</button>
</form>`;
}

function renderLoggedIn(user: LoggedInUser, csrfToken: string): string {
  const name = user.userinfo.name ?? user.idTokenClaims.name ?? user.idTokenClaims.sub;
  return `<p>You are logged in as <strong>${escapeHtml(name)}</strong>.</p>
${renderClaimsTable(user)}
<form method="post" action="/logout">
<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">
<button type="submit">Log out</button>
</form>`;
}

export interface HomePageInput {
  readonly nonce: string;
  readonly user?: LoggedInUser;
  readonly csrfToken?: string;
}

export function renderHomePage(input: HomePageInput): string {
  const body = input.user && input.csrfToken !== undefined
    ? renderLoggedIn(input.user, input.csrfToken)
    : renderLoginForm();
  return renderLayout({
    nonce: input.nonce,
    title: SERVICE_NAME,
    main: `<h1>${escapeHtml(SERVICE_NAME)}</h1>\n${body}\n${renderPaySection()}`,
  });
}
