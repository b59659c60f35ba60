/**
 * better-auth puts session tokens in JSON answers for bearer-token clients,
 * which Caucus does not use: at the top of a sign-in, sign-up, password
 * change or TOTP check, inside `session` from get-session, in every entry
 * of list-sessions. The cookie holding a token is HttpOnly so that page
 * scripts never see it; a body would undo that, so every `token` field, at
 * any depth, is taken out of every JSON answer under /api/auth.
 */
export async function withoutSessionTokens(response: Response): Promise<Response> {
  if (!response.headers.get("content-type")?.includes("application/json")) return response;
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return new Response(text, response);
  }
  if (!removeTokens(body)) return new Response(text, response);
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return new Response(JSON.stringify(body), {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** Deletes every `token` property in `value`, in place; whether there was one. */
function removeTokens(value: unknown): boolean {
  if (Array.isArray(value)) return value.map(removeTokens).some(Boolean);
  if (typeof value !== "object" || value === null) return false;
  const record = value as Record<string, unknown>;
  let removed = false;
  if ("token" in record) {
    delete record.token;
    removed = true;
  }
  for (const child of Object.values(record)) removed = removeTokens(child) || removed;
  return removed;
}
