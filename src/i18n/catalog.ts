import type { Locale } from './locale.ts';
import { en } from './en.ts';
import type { MessageKey } from './en.ts';
import { fi } from './fi.ts';
import { sv } from './sv.ts';

export type { MessageKey };

export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { fi, sv, en };

export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * The message for `key` in `locale`, with `{name}` placeholders replaced from `params`.
 * The result is plain text: escaping is the html template's job. A placeholder without
 * a parameter is left as is, so the omission shows up in review rather than as a blank.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const message = CATALOGS[locale][key];
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : placeholder,
  );
}
