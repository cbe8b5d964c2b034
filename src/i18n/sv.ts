import type { MessageKey } from './en.ts';

export const sv: Readonly<Record<MessageKey, string>> = {
  'app.name': 'Portti',
  'app.tagline': 'Identifiering och betalning för offentliga e-tjänster',

  'nav.skip': 'Hoppa till innehållet',
  'nav.language': 'Språk',
  'lang.fi': 'Suomi',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'method.title': 'Välj identifieringssätt',
  'method.intro': 'Du identifierar dig för e-tjänsten {service}.',
  'method.group.bank': 'Bankkoder',
  'method.group.mobile': 'Mobilcertifikat',
  'method.group.card': 'Medborgarcertifikat (identitetskort)',
  'method.none': 'Inget identifieringssätt uppfyller den tillitsnivå som e-tjänsten kräver.',
  'method.cancel': 'Avbryt och återgå till e-tjänsten',
  'method.level.high': 'Hög tillitsnivå',
  'method.level.substantial': 'Väsentlig tillitsnivå',

  'error.title': 'Något gick fel',
  'error.generic': 'Vi kunde inte slutföra din begäran. Försök igen.',
  'error.correlation': 'Felets referens: {id}',
  'error.retry': 'Välj identifieringssätt på nytt',
  'error.expired': 'Din identifieringssession har gått ut. Börja om från e-tjänsten.',
  'error.csrf': 'Formuläret har gått ut eller skickades från en annan sida. Försök igen.',
  'error.notFound': 'Sidan hittades inte',
  'error.bank.failed': 'Identifieringen i banken lyckades inte. Du kan försöka igen eller välja ett annat identifieringssätt.',
  'error.bank.cancelled': 'Du avbröt identifieringen i banken.',
  'error.badRequest': 'Begäran var felaktig.',

  'logout.title': 'Logga ut',
  'logout.question': 'Vill du logga ut från alla e-tjänster som använder Portti?',
  'logout.confirm': 'Ja, logga ut',
  'logout.cancel': 'Nej, förbli inloggad',
  'logout.done': 'Du har loggat ut.',

  'footer.accessibility': 'Tillgänglighetsutlåtande',
  'footer.privacy': 'Dataskydd',

  'a11y.intro': 'Portti strävar efter att uppfylla kraven på nivå AA i riktlinjerna för tillgänglighet till webbinnehåll (WCAG) 2.1, så som lagen om tillhandahållande av digitala tjänster kräver.',
  'a11y.status': 'Sidornas tillgänglighet, tangentbordsanvändning och smala skärmar testas automatiskt i en riktig webbläsare. Kända brister listas på den här sidan.',
  'a11y.feedback': 'Om du upptäcker ett tillgänglighetsproblem, meddela den e-tjänst du använde. Den förmedlar responsen till Porttis underhållare.',
  'a11y.supervision': 'Om du inte är nöjd med svaret kan du kontakta tillsynsmyndigheten: Regionförvaltningsverket i Södra Finland, saavutettavuusvaatimukset.fi.',
};
