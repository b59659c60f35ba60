import { signOutEverywhere } from "../api/account";
import { navigate } from "../router";
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
