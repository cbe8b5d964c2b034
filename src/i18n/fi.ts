import type { MessageKey } from './en.ts';

export const fi: Readonly<Record<MessageKey, string>> = {
  'app.name': 'Portti',
  'app.tagline': 'Tunnistautuminen ja maksaminen julkisissa asiointipalveluissa',

  'nav.skip': 'Siirry sisältöön',
  'nav.language': 'Kieli',
  'lang.fi': 'Suomi',
  'lang.sv': 'Svenska',
  'lang.en': 'English',

  'method.title': 'Valitse tunnistustapa',
  'method.intro': 'Olet tunnistautumassa asiointipalveluun {service}.',
  'method.group.bank': 'Pankkitunnukset',
  'method.group.mobile': 'Mobiilivarmenne',
  'method.group.card': 'Kansalaisvarmenne (henkilökortti)',
  'method.none': 'Mikään tunnistustapa ei täytä tämän asiointipalvelun edellyttämää varmuustasoa.',
  'method.cancel': 'Peruuta ja palaa asiointipalveluun',
  'method.level.high': 'Korkea varmuustaso',
  'method.level.substantial': 'Korotettu varmuustaso',

  'error.title': 'Jokin meni vikaan',
  'error.generic': 'Pyyntöäsi ei voitu käsitellä loppuun. Yritä uudelleen.',
  'error.correlation': 'Virheen tunniste: {id}',
  'error.retry': 'Valitse tunnistustapa uudelleen',
  'error.expired': 'Tunnistautumisistuntosi on vanhentunut. Aloita tunnistautuminen uudelleen asiointipalvelusta.',
  'error.csrf': 'Lomake on vanhentunut tai se lähetettiin toiselta sivulta. Yritä uudelleen.',
  'error.notFound': 'Sivua ei löytynyt',
  'error.bank.failed': 'Tunnistautuminen pankissa ei onnistunut. Voit yrittää uudelleen tai valita toisen tunnistustavan.',
  'error.bank.cancelled': 'Peruutit tunnistautumisen pankissa.',
  'error.badRequest': 'Pyyntö oli virheellinen.',

  'logout.title': 'Kirjaudu ulos',
  'logout.question': 'Haluatko kirjautua ulos kaikista Porttia käyttävistä asiointipalveluista?',
  'logout.confirm': 'Kyllä, kirjaudu ulos',
  'logout.cancel': 'Ei, pysy kirjautuneena',
  'logout.done': 'Olet kirjautunut ulos.',

  'footer.accessibility': 'Saavutettavuusseloste',
  'footer.privacy': 'Tietosuoja',

  'a11y.intro': 'Portti pyrkii täyttämään verkkosisällön saavutettavuusohjeiden (WCAG) 2.1 AA-tason vaatimukset, kuten laki digitaalisten palvelujen tarjoamisesta edellyttää.',
  'a11y.status': 'Sivujen saavutettavuus, näppäimistökäyttö ja kapeat näytöt testataan automaattisesti oikeassa selaimessa. Havaitut puutteet luetellaan tällä sivulla.',
  'a11y.feedback': 'Jos huomaat saavutettavuusongelman, kerro siitä käyttämällesi asiointipalvelulle. Se välittää palautteen Portin ylläpitäjille.',
  'a11y.supervision': 'Jos et ole tyytyväinen saamaasi vastaukseen, voit ottaa yhteyttä valvontaviranomaiseen: Etelä-Suomen aluehallintovirasto, saavutettavuusvaatimukset.fi.',
};
