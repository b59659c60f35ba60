import { inviteTokenFromHash } from "../router";

/**
 * The invitation token while the person signs up or in: the fragment is
 * lost when they leave `/invite`, so it waits in this tab's sessionStorage
 * (gone when the tab closes) and is removed once accepted.
 */
const TOKEN_KEY = "caucus:inviteToken";

/** The token from the address if it has one (kept for later), else the one waiting in this tab. */
export function takeInviteToken(hash: string): string | null {
  const fromHash = inviteTokenFromHash(hash);
  try {
    if (fromHash) sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromHash;
  }
}

/** The token waiting in this tab, if the person came from an invitation link. */
export function pendingInviteToken(): string | null {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function clearInviteToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was stored.
  }
}
