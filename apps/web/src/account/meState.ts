import type { TMe } from "@caucus/shared";
import { ApiError, NETWORK_ERROR } from "../api/client";

/** What the app knows about who is using it. */
export type TMeState =
  | { status: "loading" }
  /** `offline`: `me` is this device's last answer, not (yet) confirmed by the server. */
  | { status: "signedIn"; me: TMe; offline: boolean }
  | { status: "signedOut" }
  | { status: "error"; error: unknown };

/** Whether a failure means "the server could not be reached" rather than a real answer. */
export function isUnreachable(error: unknown): boolean {
  return (
    error instanceof ApiError && (error.code === NETWORK_ERROR || error.status === 0 || error.status >= 502)
  );
}

/**
 * The state after `/api/me` failed. A 401 means signed out, whatever the
 * cache says. An unreachable server with a cached answer keeps the person
 * in (offline), so documents on this device still open.
 */
export function meStateAfterFailure(error: unknown, cached: TMe | null): TMeState {
  if (error instanceof ApiError && error.status === 401) return { status: "signedOut" };
  if (cached && isUnreachable(error)) return { status: "signedIn", me: cached, offline: true };
  return { status: "error", error };
}
