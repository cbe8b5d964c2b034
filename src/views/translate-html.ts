import { translate, type MessageKey } from '../i18n/catalog.ts';
import type { Locale } from '../i18n/locale.ts';
import { html, type SafeHtml } from './html.ts';

/**
 * A message with markup in its placeholders, e.g. the e-service's name in bold: the
 * message text is escaped, each `{name}` is replaced by `params[name]` (escaped too
 * unless it is `SafeHtml`). Each language keeps its own word order.
 */
export function translateHtml(locale: Locale, key: MessageKey, params: Readonly<Record<string, SafeHtml | string>>): SafeHtml {
  const parts = translate(locale, key).split(/(\{\w+\})/);
  return html`${parts.map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    return name !== undefined && Object.hasOwn(params, name) ? params[name] : part;
  })}`;
}
