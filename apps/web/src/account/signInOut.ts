import { signOutEverywhere } from "../api/account";
import { navigate } from "../router";
import { eraseDevice } from "../sync/localCopies";
import { forgetWorkspace } from "../workspaces/lastWorkspace";
import { forgetMe, refreshMe, signOut } from "./meStore";

/** Loads the new account, then goes where the person was headed (a path already checked by safeNextPath). */
export async function finishSignIn(next: string | null): Promise<void> {
  await refreshMe();
  navigate(next ?? "/", { replace: true });
}

/**
 * Ends this device's session (or, with `everywhere`, every session of this
 * person), forgets the account on this device and goes to the sign-in page.
 * Signing out here succeeds even offline; everywhere needs the server, so
 * its failure is thrown for the page to show.
 */
export async function signOutAndLeave(everywhere = false): Promise<void> {
  if (everywhere) {
    await signOutEverywhere();
    forgetMe();
  } else {
    await signOut().catch(() => undefined);
  }
  forgetWorkspace();
  navigate("/sign-in");
}

/**
 * "Sign out and erase this device": ends this device's session if the
 * server can be reached, deletes everything Caucus keeps here (document
 * copies, stored state, the cached app), then opens the sign-in page
 * fresh from the server.
 */
export async function signOutAndErase(): Promise<void> {
  await signOut().catch(() => undefined);
  await eraseDevice();
  location.assign("/sign-in?erased=1");
}
