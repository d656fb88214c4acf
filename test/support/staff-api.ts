/** A signed-in staff session on a running test server, for setting data up through the API. */
export async function staffApi(baseUrl: string, who: { email: string; password: string }) {
  const call = await staffCaller(baseUrl, who);
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: object) => call('POST', path, body),
    patch: (path: string, body: object) => call('PATCH', path, body),
  };
}

/** A staff API call, `call<T>(method, path, body?)`: the answer's JSON, or an error naming the status. */
export type StaffCall = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) => Promise<T>;

/** Signs the given staff member in on a running test server and answers their API caller. */
export async function staffCaller(baseUrl: string, who: { email: string; password: string }): Promise<StaffCall> {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: who.email, password: who.password }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}
