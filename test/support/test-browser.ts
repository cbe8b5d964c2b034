/** A minimal browser for tests: keeps cookies per host and follows redirects by hand. */
export class TestBrowser {
  readonly #cookies = new Map<string, Map<string, string>>();

  /** `headers` go with every request, as a browser's Accept-Language does. */
  constructor(private readonly defaults: { readonly headers?: Record<string, string> } = {}) {}

  /** Follows redirects until a page is shown or the browser leaves for `stopAtOrigin`. */
  async navigate(url: string | URL, stopAtOrigin: string, init: RequestInit = {}): Promise<Response | URL> {
    let response = await this.request(url, init);
    for (let hops = 0; hops < 10; hops += 1) {
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) return response;
      const next = new URL(location, response.url || url);
      if (next.origin === stopAtOrigin) return next;
      response = await this.request(next);
    }
    throw new Error('too many redirects');
  }

  async request(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const jar = this.#cookies.get(target.host) ?? new Map<string, string>();
    this.#cookies.set(target.host, jar);
    const headers = new Headers({ ...this.defaults.headers });
    new Headers(init.headers).forEach((value, name) => headers.set(name, value));
    if (jar.size > 0) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(header)) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  }

  /** Submits a form and follows the redirects, as a browser does after a POST. */
  async submit(url: string | URL, fields: Record<string, string>, stopAtOrigin: string): Promise<Response | URL> {
    const response = await this.postForm(url, fields);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || location === null) return response;
    const next = new URL(location, url);
    return next.origin === stopAtOrigin ? next : this.navigate(next, stopAtOrigin);
  }

  /** Posts a form the way a browser submits an HTML form. */
  postForm(url: string | URL, fields: Record<string, string>): Promise<Response> {
    return this.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/** The CSRF token and the form actions of the bank's login page. */
export function readLoginPage(html: string, pageUrl: URL) {
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const login = /action="([^"]+\/login)"/.exec(html)?.[1];
  const abort = /action="([^"]+\/abort)"/.exec(html)?.[1];
  if (!csrf || !login || !abort) throw new Error(`not a bank login page: ${html}`);
  return { csrf, loginUrl: new URL(login, pageUrl), abortUrl: new URL(abort, pageUrl) };
}
