/** English is the source of message keys; the other catalogs must have exactly these. */
export const en = {
  'app.name': 'Portti',
  'app.tagline': 'Identification and payment for public e-services',

  'nav.skip': 'Skip to content',
  'nav.language': 'Language',
  'lang.fi': 'Suomi',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'method.title': 'Choose identification method',
  'method.intro': 'You are identifying to the e-service {service}.',
  'method.group.bank': 'Bank credentials',
  'method.group.mobile': 'Mobile certificate',
  'method.group.card': 'Citizen certificate (ID card)',
  'method.none': 'No identification method meets the level of assurance this e-service requires.',
  'method.cancel': 'Cancel and return to the e-service',
  'method.level.high': 'High level of assurance',
  'method.level.substantial': 'Substantial level of assurance',

  'error.title': 'Something went wrong',
  'error.generic': 'We could not complete your request. Please try again.',
  'error.correlation': 'Error reference: {id}',
  'error.retry': 'Choose an identification method again',
  'error.expired': 'Your identification session has expired. Please start again from the e-service.',
  'error.csrf': 'The form has expired or was sent from another page. Please try again.',
  'error.notFound': 'Page not found',
  'error.bank.failed': 'Identification at the bank did not succeed. You can try again or choose another method.',
  'error.bank.cancelled': 'You cancelled the identification at the bank.',
  'error.badRequest': 'The request was malformed.',

  'logout.title': 'Log out',
  'logout.question': 'Do you want to log out of all e-services that use Portti?',
  'logout.confirm': 'Yes, log out',
  'logout.cancel': 'No, stay logged in',
  'logout.done': 'You have logged out.',

  'footer.accessibility': 'Accessibility statement',
  'footer.privacy': 'Privacy',

  'a11y.intro': 'Portti aims to meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as the Finnish Act on the Provision of Digital Services requires.',
  'a11y.status': 'The pages are tested automatically in a real browser for accessibility, keyboard use and narrow screens. Known shortcomings are listed here when found.',
  'a11y.feedback': "If you find an accessibility problem, tell the e-service you were using; it will pass the feedback on to Portti's maintainers.",
  'a11y.supervision': 'If you are not satisfied with the answer, you can contact the supervisory authority: the Regional State Administrative Agency for Southern Finland, saavutettavuusvaatimukset.fi.',
} as const;

export type MessageKey = keyof typeof en;
