/** Small fetch wrappers: the tests talk HTTP to the real API like any client would. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

export async function requestJson<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<JsonResponse<T>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
    },
    body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function requestPage(
  url: string,
  method: 'GET' | 'POST' = 'GET',
): Promise<{ status: number; html: string }> {
  const response = await fetch(url, { method, redirect: 'manual' });
  return { status: response.status, html: await response.text() };
}

export async function loginAs(baseUrl: string, email: string, password: string): Promise<string> {
  const { status, body } = await requestJson<{ token: string }>(baseUrl, 'POST', '/api/staff/session', {
    body: { email, password },
  });
  if (status !== 201) {
    throw new Error(`login failed with ${status}: ${JSON.stringify(body)}`);
  }
  return body.token;
}
