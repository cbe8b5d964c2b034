import type { TestPerson } from './test-persons.ts';

export type PageLocale = 'fi' | 'sv' | 'en';

/** The page's words in each language, exported for the browser tests that click through it. */
export const LOGIN_PAGE_TEXTS = {
  fi: {
    identifyingTo: 'Olet tunnistautumassa palveluun',
    bank: 'Pankki',
    choose: 'Valitse testihenkilö',
    identify: 'Tunnistaudu',
    cancel: 'Peruuta',
  },
  sv: {
    identifyingTo: 'Du identifierar dig till tjänsten',
    bank: 'Bank',
    choose: 'Välj testperson',
    identify: 'Identifiera dig',
    cancel: 'Avbryt',
  },
  en: {
    identifyingTo: 'You are identifying to',
    bank: 'Bank',
    choose: 'Choose a test person',
    identify: 'Identify',
    cancel: 'Cancel',
  },
} satisfies Record<PageLocale, Record<string, string>>;

/** The first of fi/sv/en named in `ui_locales` (in the caller's order), else Finnish. */
export function pickLocale(uiLocales: unknown): PageLocale {
  const tags = typeof uiLocales === 'string' ? uiLocales.split(' ') : [];
  for (const tag of tags) {
    const language = tag.split('-')[0]?.toLowerCase();
    if (language === 'fi' || language === 'sv' || language === 'en') return language;
  }
  return 'fi';
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export interface LoginPageModel {
  uid: string;
  csrfToken: string;
  locale: PageLocale;
  bankName: string;
  spName: string;
  /** The bank chosen with `ftn_idp_id` when this OP is a broker. */
  idpName?: string;
  persons: readonly TestPerson[];
}

export function renderLoginPage(model: LoginPageModel): string {
  const text = LOGIN_PAGE_TEXTS[model.locale];
  const action = `/interaction/${encodeURIComponent(model.uid)}`;
  const csrf = `<input type="hidden" name="csrf" value="${escapeHtml(model.csrfToken)}">`;
  const persons = model.persons.map((person, index) => `
      <label><input type="radio" name="person" value="${escapeHtml(person.id)}"${index === 0 ? ' checked' : ''}>
        ${escapeHtml(`${person.givenName} ${person.familyName}`)} (${escapeHtml(person.hetu)})${
          person.note ? ` <small lang="en">${escapeHtml(person.note)}</small>` : ''}</label><br>`).join('');
  const idp = model.idpName === undefined
    ? ''
    : `<p>${text.bank}: <strong class="idp">${escapeHtml(model.idpName)}</strong></p>`;
  return renderPage(model.locale, model.bankName, `
    <p>${text.identifyingTo}: <strong class="sp-name">${escapeHtml(model.spName)}</strong></p>
    ${idp}
    <form method="post" action="${action}/login">
      ${csrf}
      <fieldset><legend>${text.choose}</legend>${persons}
      </fieldset>
      <button type="submit">${text.identify}</button>
    </form>
    <form method="post" action="${action}/abort">
      ${csrf}
      <button type="submit">${text.cancel}</button>
    </form>`);
}

export function renderErrorPage(bankName: string, message: string): string {
  return renderPage('en', bankName, `<p class="error">${escapeHtml(message)}</p>`);
}

function renderPage(locale: PageLocale, title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
  <h1>${escapeHtml(title)}</h1>
  ${body}
</main>
</body>
</html>
`;
}
