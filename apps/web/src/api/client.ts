/**
 * The typed API client every call goes through, and the one error type it
 * throws. `api` is Hono's RPC client (`hc`) over the server's route types
 * (`ApiType`, imported type-only: no server code reaches this bundle), so a
 * renamed path, parameter or field fails `npm run typecheck`. Its fetch is
 * ours: same-origin credentials, and every answer but a success thrown as
 * an ApiError, so `read()` of a call is its route's success body. The
 * resource calls live beside it (account.ts, workspaces.ts, documents.ts,
 * …); better-auth's routes under /api/auth are not typed by Hono and go
 * through {@link authRequest}.
 */

import type { ApiType } from "@caucus/server/apiType";
import { isEditorJson, type TTemplateContent } from "@caucus/shared";
import { hc } from "hono/client";

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

/** Whether an error only says the server could not be reached (no network, or the server down). */
export function isUnreachable(error: unknown): boolean {
  return error instanceof ApiError && (error.code === NETWORK_ERROR || error.status >= 500);
}

/** Where the API is mounted on this origin. */
const API_BASE = "/api";

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
  const root = isRecord(body) ? body : null;
  const fields = root && isRecord(root.error) ? root.error : root;
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

/**
 * `fetch` to our own origin with the session cookie: the answer when it is
 * a success, else an ApiError (status 0 when the request never reached the
 * server). A 401 tells the {@link onUnauthorized} listeners when it means
 * the session is gone, which it does not on better-auth's routes (a wrong
 * password is a 401 too).
 */
async function send(input: RequestInfo | URL, init: RequestInit, sessionLost401: boolean): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("Accept", "application/json");
  let response: Response;
  try {
    response = await fetch(input, { ...init, headers, credentials: "same-origin" });
  } catch {
    throw new ApiError("", 0, NETWORK_ERROR);
  }
  if (response.ok) return response;
  const body: unknown = await response.json().catch(() => null);
  const error = apiErrorFromBody(response.status, body, response.headers.get("Retry-After"));
  if (error.status === 401 && sessionLost401) {
    for (const listener of unauthorizedListeners) listener(error);
  }
  throw error;
}

/** Our routes, typed by the server's: `api.documents[":id"].$get({ param: { id } })`. */
export const api = hc<ApiType>(API_BASE, {
  fetch: (input: RequestInfo | URL, init?: RequestInit) => send(input, init ?? {}, true),
});

/** The success body of a call through `api`, typed by its route (anything else was thrown as an ApiError). */
export async function read<TBody>(pending: Promise<{ json(): Promise<TBody> }>): Promise<TBody> {
  return (await pending).json();
}

/**
 * The address of one of our routes for what is not a fetch (an EventSource,
 * a download link), from its typed `$path()`: `apiPath(api.x.$path(…))`.
 */
export function apiPath(path: string): string {
  return `${API_BASE}${path}`;
}

/** better-auth's routes this app calls (under /api/auth; their types are not Hono's). */
export type TAuthRoute =
  | "sign-up/email"
  | "sign-in/email"
  | "sign-out"
  | "two-factor/verify-totp"
  | "two-factor/enable"
  | "two-factor/disable"
  | "request-password-reset"
  | "reset-password";

/**
 * A POST to one of better-auth's routes; its JSON answer is `unknown` (null
 * when it has none) for the caller to read field by field. `headers` go
 * with it (better-auth's bodies take no field of ours).
 */
export async function authRequest(
  route: TAuthRoute,
  body: object = {},
  headers: Record<string, string> = {},
): Promise<unknown> {
  const init = {
    method: "POST",
    body: JSON.stringify(body),
    headers: { ...headers, "Content-Type": "application/json" },
  };
  const response = await send(`${API_BASE}/auth/${route}`, init, false);
  return response.json().catch(() => null);
}

/** Whether `value` is a JSON object, whose fields can then be read one by one. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** For a success whose body is not what this app reads (better-auth's, or editor JSON): a server fault. */
export function unexpectedAnswer(): ApiError {
  return new ApiError("The server's answer was not what this app expects.", 500, "internal");
}

/**
 * Editor JSON in an answer, checked to its leaves: the typed client types
 * a recursive type only to its first level (Hono's JSON typing stops there).
 */
export function editorJson(value: unknown): TTemplateContent {
  if (isEditorJson(value)) return value;
  throw unexpectedAnswer();
}

/** `encodeURIComponent` for one path segment; ids come from addresses people can edit (`hc` does not encode). */
export const segment = encodeURIComponent;
