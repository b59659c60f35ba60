/**
 * The fetch wrapper every API call goes through, and the one error type it
 * throws. The resource calls live beside it: account.ts, workspaces.ts,
 * invitations.ts, documents.ts.
 */

/**
 * An API failure: the server's stable `code` (which errorMessage.ts turns
 * into a sentence in the reader's language), its English `message` and any
 * `details`. `status` 0 means the request never reached the server.
 */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly details?: unknown,
    /** Seconds the server asked to wait (`Retry-After` on a 429), when it said. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Marker for "the network failed", so the UI can say "check your connection". */
export const NETWORK_ERROR = "network";

interface TErrorFields {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

/**
 * Reads an error answer into an ApiError. Our routes answer
 * `{ error: { code, message, details } }`; better-auth's (under /api/auth)
 * answer `{ code, message }` at the top level. Anything else (a proxy's
 * HTML page) keeps only its status.
 */
export function apiErrorFromBody(
  status: number,
  body: unknown,
  retryAfterHeader: string | null = null,
): ApiError {
  const root =
    typeof body === "object" && body !== null ? (body as { error?: unknown } & TErrorFields) : null;
  const fields: TErrorFields | null =
    root && typeof root.error === "object" && root.error !== null ? (root.error as TErrorFields) : root;
  const code = typeof fields?.code === "string" && fields.code !== "" ? fields.code : `http${status}`;
  const message = typeof fields?.message === "string" ? fields.message : "";
  return new ApiError(message, status, code, fields?.details, parseRetryAfter(retryAfterHeader));
}

/** `Retry-After` in seconds (the form our throttle sends); an HTTP date is turned into seconds too. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

type TUnauthorizedListener = (error: ApiError) => void;
const unauthorizedListeners = new Set<TUnauthorizedListener>();

/**
 * Called whenever a request answers 401 outside /api/auth (the session ended
 * or was revoked elsewhere), so the account store can send the person to
 * sign in. Returns the unsubscribe function.
 */
export function onUnauthorized(listener: TUnauthorizedListener): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

/** JSON body for a write; an empty object where the route takes none (better-auth wants a body). */
export function jsonInit(method: "POST" | "PATCH" | "PUT" | "DELETE", body?: unknown): RequestInit {
  return body === undefined ? { method } : { method, body: JSON.stringify(body) };
}

/** Sends a request to our own origin with the session cookie and returns the parsed JSON answer. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: { Accept: "application/json", ...(init.body ? { "Content-Type": "application/json" } : {}) },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError("", 0, NETWORK_ERROR);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = apiErrorFromBody(response.status, body, response.headers.get("Retry-After"));
    // A wrong password is a 401 too; only a lost session means "sign in again".
    if (error.status === 401 && !path.startsWith("/api/auth/")) {
      for (const listener of unauthorizedListeners) listener(error);
    }
    throw error;
  }
  return body as T;
}

/** `encodeURIComponent` for one path segment; ids come from addresses people can edit. */
export const segment = encodeURIComponent;
