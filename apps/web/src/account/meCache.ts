import type { TMe } from "@caucus/shared";

/**
 * The last `/api/me` answer on this device, so an offline device still
 * opens the app and its cached documents. Cleared on sign-out, and on any
 * answer that says the session is gone.
 */
const ME_KEY = "caucus:me";

export function loadCachedMe(): TMe | null {
  try {
    const raw = localStorage.getItem(ME_KEY);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as TMe;
    return parsed?.user && Array.isArray(parsed.workspaces) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveCachedMe(me: TMe): void {
  try {
    localStorage.setItem(ME_KEY, JSON.stringify(me));
  } catch {
    // Storage disabled or full: only offline start-up is lost.
  }
}

export function clearCachedMe(): void {
  try {
    localStorage.removeItem(ME_KEY);
  } catch {
    // Nothing was stored.
  }
}
