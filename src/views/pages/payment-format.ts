import type { Locale } from '../../i18n/locale.ts';

const formats = new Map<Locale, Intl.NumberFormat>();

/** Cents as the citizen's language writes euros: `12,50 €` in Finnish and Swedish, `€12.50` in English. */
export function formatEuros(cents: number, locale: Locale): string {
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(`${locale}-FI`, { style: 'currency', currency: 'EUR' });
    formats.set(locale, format);
  }
  return format.format(cents / 100);
}
