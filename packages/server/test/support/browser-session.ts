/** A signed-in console user: remembers the session cookie and the CSRF token, like the browser would. */
export interface Session {
  cookie: string;
  csrfToken: string;
  /** The session cookie's Set-Cookie header at sign-in, to check its attributes. */
  setCookie: string;
  request(
    method: string,
    path: string,
    body?: unknown,
    options?: { csrf?: string | null },
  ): Promise<{ status: number; body: any; headers: Headers }>;
}

export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, headers: response.headers };
}

/** Signs in with `POST /api/v1/auth/login`, or accepts an invitation when `via` says so. */
export async function signIn(url: string, email: string, password: string, address?: string): Promise<Session> {
  const response = await call(
    url,
    'POST',
    '/api/v1/auth/login',
    { email, password },
    address ? { 'x-forwarded-for': address } : {},
  );
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  return sessionFrom(url, response);
}

export function sessionFrom(url: string, response: { body: any; headers: Headers }): Session {
  const setCookie = response.headers.getSetCookie().find((header) => header.startsWith('vexil_session=')) ?? '';
  const cookie = setCookie.split(';')[0] as string;
  const csrfToken = response.body.csrfToken as string;
  return {
    cookie,
    csrfToken,
    setCookie,
    request(method, path, body, options = {}) {
      const csrf = options.csrf === undefined ? csrfToken : options.csrf;
      return call(url, method, path, body, { cookie, ...(csrf === null ? {} : { 'x-csrf-token': csrf }) });
    },
  };
}
