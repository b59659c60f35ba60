import type { TMe } from "@caucus/shared";
import { useSyncExternalStore } from "react";
import { signOut as endSession, getMe } from "../api/account";
import { onUnauthorized } from "../api/client";
import { eraseDocumentCopies } from "../sync/localCopies";
import { clearCachedMe, loadCachedMe, saveCachedMe } from "./meCache";
import { meStateAfterFailure, type TMeState } from "./meState";

/**
 * Who is signed in, shared by every component: fetched from `/api/me` once
 * at start, again after anything that changes it (signing in, joining or
 * creating a workspace), and set to signed out by any 401.
 */
// A cached answer opens the app at once on slow venue Wi-Fi, marked as this device's copy
// (`offline`) until the server's answer replaces it.
const cached = loadCachedMe();
let state: TMeState = cached ? { status: "signedIn", me: cached, offline: true } : { status: "loading" };
let asked = false;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

function set(next: TMeState): void {
  state = next;
  for (const listener of listeners) listener();
}

/** Asks the server again; concurrent calls share one request. */
export function refreshMe(): Promise<void> {
  asked = true;
  loading ??= getMe()
    .then(
      (me) => {
        saveCachedMe(me);
        set({ status: "signedIn", me, offline: false });
      },
      (error: unknown) => {
        const next = meStateAfterFailure(error, loadCachedMe());
        // The session ended (here, everywhere, or expired): nothing kept on this device may stay readable.
        if (next.status === "signedOut") {
          clearCachedMe();
          void eraseDocumentCopies();
        }
        set(next);
      },
    )
    .finally(() => {
      loading = null;
    });
  return loading;
}

/**
 * Forgets the person on this device, whether or not the server could be
 * told, with every document copy they kept here.
 */
export function forgetMe(): void {
  clearCachedMe();
  void eraseDocumentCopies();
  set({ status: "signedOut" });
}

/** Ends this device's session and forgets the cached account. */
export async function signOut(): Promise<void> {
  try {
    await endSession();
  } finally {
    forgetMe();
  }
}

// A 401 from any API call: the session ended (expired, or signed out everywhere).
onUnauthorized(() => {
  if (state.status !== "signedOut") forgetMe();
});

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!asked) void refreshMe();
  return () => listeners.delete(listener);
}

/** The current account state, fetching it on first use. */
export function useMe(): TMeState {
  return useSyncExternalStore(subscribe, () => state);
}

/** The signed-in account, or null (signed out, or not known yet). */
export function useSignedInMe(): TMe | null {
  const current = useMe();
  return current.status === "signedIn" ? current.me : null;
}
