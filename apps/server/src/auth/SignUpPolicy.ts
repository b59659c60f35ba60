import { ApiError } from "../errors.js";
import type { InvitationRepository } from "../invitations/InvitationRepository.js";
import { hashInvitationToken } from "../invitations/invitationToken.js";
import type { WorkspaceRepository } from "../workspaces/WorkspaceRepository.js";

/** `SIGN_UP`: anyone may create an account, or (after the first) only someone holding an open invitation link. */
export type TSignUpMode = "open" | "invitation";

/**
 * Who may create an account. In `invitation` mode the install's first
 * account is free (someone has to own it); every later one must bring the
 * token of an open invitation (not used, revoked or expired). Signing up
 * does not use the invitation up: accepting it, signed in, does, so one
 * forwarded link can make accounts that join nothing.
 */
export class SignUpPolicy {
  /** Once an account exists the answer never changes back: later checks cost no query. */
  private hasAccount = false;

  constructor(
    readonly mode: TSignUpMode,
    private readonly deps: { workspaces: WorkspaceRepository; invitations: InvitationRepository },
  ) {}

  /** Whether the install has no account yet (the first account gets the first workspace). */
  async firstAccount(): Promise<boolean> {
    this.hasAccount ||= await this.deps.workspaces.any();
    return !this.hasAccount;
  }

  /** Throws 403 `invitation_required` when this sign-up may not create an account. */
  async check(invitationToken: string | undefined): Promise<void> {
    if (this.mode === "open" || (await this.firstAccount())) return;
    const invitation =
      invitationToken && invitationToken.length <= 200
        ? await this.deps.invitations.findOpenByHash(hashInvitationToken(invitationToken))
        : null;
    if (!invitation) {
      throw new ApiError(
        403,
        "invitation_required",
        "New accounts here need an invitation link. Ask a member of your coalition to send you one, then open it.",
      );
    }
  }
}
