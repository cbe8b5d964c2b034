/**
 * A tiny auto-escaping HTML template. Everything interpolated is escaped unless it is
 * already `SafeHtml`, so markup can only come from template literals in our own code.
 * Escaping makes text and *quoted* attribute values safe; always quote attributes, and
 * check URLs before putting them in `href` (escaping does not stop `javascript:`).
 */

const TOKEN: unique symbol = Symbol('SafeHtml');

export class SafeHtml {
  readonly #html: string;

  /** Only this module holds `TOKEN`, so no other code can wrap a string unescaped. */
  constructor(token: typeof TOKEN, html: string) {
    if (token !== TOKEN) throw new TypeError('SafeHtml is created by html`` or raw()');
    this.#html = html;
  }

  toString(): string {
    return this.#html;
  }
}

type Atom = SafeHtml | string | number | false | null | undefined;
export type HtmlValue = Atom | readonly Atom[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c] ?? c);
}

function renderAtom(value: unknown): string {
  if (value instanceof SafeHtml) return value.toString();
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

function renderValue(value: unknown): string {
  return Array.isArray(value) ? value.map(renderAtom).join('') : renderAtom(value);
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += renderValue(value) + (strings[i + 1] ?? '');
  });
  return new SafeHtml(TOKEN, out);
}

/**
 * Marks a string as HTML without escaping. Only for trusted constants written in our
 * own source (e.g. an inline SVG icon); never for anything that came from a request,
 * a database, an upstream or a translation with parameters.
 */
export function raw(trusted: string): SafeHtml {
  return new SafeHtml(TOKEN, trusted);
}

export function renderToString(h: SafeHtml): string {
  return h.toString();
}
