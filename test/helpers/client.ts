import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface Page {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  location: string | undefined;
  raw: LightMyRequestResponse;
}

/** A browser-like client over app.inject: keeps cookies and the CSRF token of the last form it saw. */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly headers: Record<string, string> = {},
    /** The client's socket address (app.inject's remoteAddress). */
    readonly ip = '127.0.0.1',
  ) {}

  async request(method: 'GET' | 'POST', url: string, init: { form?: Record<string, string | string[]>; headers?: Record<string, string>; payload?: string } = {}): Promise<Page> {
    const headers: Record<string, string> = { ...this.headers, ...init.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    let payload: string | undefined = init.payload;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(init.form)) {
        for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
      }
      payload = params.toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    }
    const raw = await this.app.inject({ method, url, headers, payload, remoteAddress: this.ip });
    for (const cookie of raw.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const cleared = cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.maxAge === 0;
      if (cleared) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const body = raw.body;
    const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
    if (token) this.csrf = token;
    const location = raw.headers.location;
    return { status: raw.statusCode, headers: raw.headers, body, location: typeof location === 'string' ? location : undefined, raw };
  }

  get(url: string, headers?: Record<string, string>) {
    return this.request('GET', url, { headers });
  }

  /** POSTs a form with the CSRF token from the last page (unless the fields set _csrf themselves). */
  post(url: string, form: Record<string, string | string[]> = {}, headers?: Record<string, string>) {
    return this.request('POST', url, { form: { _csrf: this.csrf ?? '', ...form }, headers });
  }

  /** Opens a form page, then submits it: what a person does. */
  async submit(pageUrl: string, form: Record<string, string>, actionUrl = pageUrl.split('?')[0]!) {
    await this.get(pageUrl);
    return this.post(actionUrl, form);
  }

  async follow(page: Page): Promise<Page> {
    if (!page.location) return page;
    return this.get(page.location.replace(/^https?:\/\/[^/]+/, ''));
  }

  login(site: string, username: string, password: string) {
    return this.submit(`/${site}/login`, { username, password });
  }

  sessionCookie(site: string): string | undefined {
    return this.cookies.get(`hearth-${site}-session`) ?? this.cookies.get(`__Host-hearth-${site}-session`);
  }
}

/** The visible text of a page, roughly: tags stripped, whitespace collapsed. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** The reset link in an email's text. */
export function linkIn(text: string | undefined, site?: string): string {
  const match = new RegExp(`https?://\\S+/${site ?? '(?:live|training)'}/reset/[A-Za-z0-9_-]+`).exec(text ?? '');
  if (!match) throw new Error(`no reset link in: ${text}`);
  return match[0];
}

export function pathOf(url: string): string {
  return url.replace(/^https?:\/\/[^/]+/, '');
}
