/** The HTTP headers a backend's credentials become (no dependencies: the hot path uses it too). */
export interface BackendAuth {
  bearerToken?: string | undefined;
  basic?: { username: string; password: string } | undefined;
  headers?: Record<string, string> | undefined;
  /** A PEM file of the CA that signed the backend's certificate, trusted beside the public roots. */
  caFile?: string | undefined;
}

export function authHeaders(auth: BackendAuth | undefined): Record<string, string> {
  if (!auth) return {};
  const headers: Record<string, string> = { ...(auth.headers ?? {}) };
  if (auth.bearerToken) headers.Authorization = `Bearer ${auth.bearerToken}`;
  else if (auth.basic) headers.Authorization = `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
  return headers;
}
