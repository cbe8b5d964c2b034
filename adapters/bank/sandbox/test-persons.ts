/** A person the sandbox banks let a developer identify as. */
export interface TestPerson {
  id: string;
  hetu: string;
  givenName: string;
  familyName: string;
  note?: string;
}

/*
 * Hard-coded literals, each checked once against the mod-31 rule: a sandbox must not
 * share the code it is meant to test. NNN is in 900-999 (temporary identity codes) except
 * for the examples quoted in PROTOCOLS.md. Every century sign appears at least once.
 */
export const TEST_PERSONS: readonly TestPerson[] = Object.freeze([
  { id: 'liisa-virtanen', hetu: '131052-308T', givenName: 'Liisa', familyName: 'Virtanen' },
  { id: 'juha-korhonen', hetu: '010594Y9032', givenName: 'Juha', familyName: 'Korhonen' },
  {
    id: 'anna-korhonen',
    hetu: '010594Y9021',
    givenName: 'Anna',
    familyName: 'Korhonen',
    note: 'born on the same day as Juha Korhonen',
  },
  { id: 'eino-nieminen', hetu: '010516B903X', givenName: 'Eino', familyName: 'Nieminen' },
  { id: 'onni-makinen', hetu: '010200A9618', givenName: 'Onni', familyName: 'Mäkinen' },
  { id: 'hilma-lehtonen', hetu: '150898+958A', givenName: 'Hilma', familyName: 'Lehtonen' },
  { id: 'pekka-salminen', hetu: '240367-911K', givenName: 'Pekka', familyName: 'Salminen' },
  { id: 'laura-jarvinen', hetu: '071281X944J', givenName: 'Laura', familyName: 'Järvinen' },
  { id: 'mikko-heikkinen', hetu: '300977W935M', givenName: 'Mikko', familyName: 'Heikkinen' },
  { id: 'sanna-koskinen', hetu: '120465V962S', givenName: 'Sanna', familyName: 'Koskinen' },
  { id: 'jari-lehtinen', hetu: '050790U977L', givenName: 'Jari', familyName: 'Lehtinen' },
  { id: 'emilia-laine', hetu: '280614C9483', givenName: 'Emilia', familyName: 'Laine' },
  { id: 'leo-heinonen', hetu: '171008D913J', givenName: 'Leo', familyName: 'Heinonen' },
  { id: 'sofia-hamalainen', hetu: '311222E9267', givenName: 'Sofia', familyName: 'Hämäläinen' },
  { id: 'vaino-saarinen', hetu: '090303F951N', givenName: 'Väinö', familyName: 'Saarinen' },
  {
    id: 'invalid-hetu',
    hetu: '010101-123X',
    givenName: 'Virheellinen',
    familyName: 'Tunnus',
    note: 'test: the bank returns an invalid personal identity code',
  },
].map((person) => Object.freeze(person)));
