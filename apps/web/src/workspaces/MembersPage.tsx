import { can, Limits, type TInvitation, type TMember, type TRole } from "@caucus/shared";
import { useCallback, useState } from "react";
import { refreshMe, useSignedInMe } from "../account/meStore";
import { useInstall } from "../account/useInstall";
import { errorMessage } from "../api/errorMessage";
import { listInvitations, revokeInvitation } from "../api/invitations";
import { changeMemberRole, issueResetLink, listMembers, removeMember } from "../api/workspaces";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { Dialog } from "../common/Dialog";
import { OneTimeLink } from "../common/OneTimeLink";
import { useRequest } from "../common/useRequest";
import { useTranslation } from "../i18n";
import { InviteForm } from "../invitations/InviteForm";
import { PendingInvitations } from "../invitations/PendingInvitations";
import { usePresenceReport } from "../presence/usePresenceReport";
import { navigate } from "../router";
import { TestId } from "../testIds";
import { forgetWorkspace } from "./lastWorkspace";
import { MemberRow } from "./MemberRow";
import { NotAMember } from "./NotAMember";
import { useWorkspace } from "./useWorkspace";

/** `/w/:id/members`: who is in the coalition; owners invite, change roles and remove. */
export function MembersPage({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const me = useSignedInMe();
  const workspace = useWorkspace(workspaceId);
  usePresenceReport(workspace ? workspaceId : null, null);
  const manage = can(workspace?.role, "member:manage");
  const [inviting, setInviting] = useState(false);
  const [confirming, setConfirming] = useState<
    { kind: "remove" | "leave"; member: TMember } | { kind: "revoke"; invitation: TInvitation } | null
  >(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [resetLink, setResetLink] = useState<{ member: TMember; link: string } | null>(null);
  const install = useInstall();
  const ownersReset = install?.passwordReset === "owner";

  // Not a member: nothing to ask the server, which would refuse.
  const isMember = workspace !== null;
  const members = useRequest(
    useCallback(() => (isMember ? listMembers(workspaceId) : null), [workspaceId, isMember]),
  );
  const pending = useRequest(
    useCallback(
      () => (isMember && manage ? listInvitations(workspaceId) : null),
      [workspaceId, isMember, manage],
    ),
  );
  const invitations = pending.value ?? [];
  const shownError = actionError ?? (pending.status === "error" ? errorMessage(pending.error, t) : null);

  if (!workspace || !me) return <NotAMember />;

  const changeRole = async (member: TMember, role: TRole) => {
    setActionError(null);
    try {
      const updated = await changeMemberRole(workspaceId, member.userId, role);
      members.update((list) => list?.map((m) => (m.userId === updated.userId ? updated : m)));
      // An owner who lowered their own role sees the page as that role now.
      if (member.userId === me.user.id) await refreshMe();
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    }
  };

  const remove = async (member: TMember, leaving: boolean) => {
    try {
      await removeMember(workspaceId, member.userId);
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
    if (leaving) {
      forgetWorkspace();
      await refreshMe();
      navigate("/", { replace: true });
      return;
    }
    members.update((list) => list?.filter((m) => m.userId !== member.userId));
  };

  const issueReset = async (member: TMember) => {
    setActionError(null);
    try {
      const { link } = await issueResetLink(workspaceId, member.userId);
      setResetLink({ member, link });
    } catch (caught) {
      setActionError(errorMessage(caught, t));
    }
  };

  const revoke = async (invitation: TInvitation) => {
    try {
      await revokeInvitation(workspaceId, invitation.id);
    } catch (caught) {
      throw new Error(errorMessage(caught, t));
    }
    pending.update((list) => list?.filter((i) => i.id !== invitation.id));
  };

  return (
    <main className="page" id="main">
      <div className="page-heading">
        <h1 className="page-title">{t("members.heading", { workspace: workspace.name })}</h1>
        {manage && (
          <button
            type="button"
            className="button primary"
            data-testid={TestId.inviteOpen}
            onClick={() => setInviting(true)}
          >
            {t("invite.open")}
          </button>
        )}
      </div>
      {shownError && (
        <p className="banner error" role="alert">
          {shownError}
        </p>
      )}
      <section aria-labelledby="members-heading" aria-busy={members.status === "loading"}>
        <h2 id="members-heading" className="visually-hidden">
          {t("members.listHeading")}
        </h2>
        {members.status === "loading" && <p className="hint">{t("members.loading")}</p>}
        {members.status === "error" && (
          <p className="banner error" role="alert">
            {errorMessage(members.error, t)}
          </p>
        )}
        {members.value && members.status === "ready" && (
          <ul className="member-list">
            {members.value.map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                isSelf={member.userId === me.user.id}
                manage={manage}
                onChangeRole={(role) => void changeRole(member, role)}
                onRemove={() => setConfirming({ kind: "remove", member })}
                onLeave={() => setConfirming({ kind: "leave", member })}
                onResetLink={ownersReset ? () => void issueReset(member) : undefined}
              />
            ))}
          </ul>
        )}
      </section>

      {manage && (
        <PendingInvitations
          invitations={invitations}
          onRevoke={(invitation) => setConfirming({ kind: "revoke", invitation })}
        />
      )}

      {inviting && (
        <Dialog
          title={t("invite.dialogHeading", { workspace: workspace.name })}
          onClose={() => setInviting(false)}
        >
          <InviteForm
            workspaceId={workspaceId}
            onCreated={(invitation) => pending.update((list) => [invitation, ...(list ?? [])])}
          />
        </Dialog>
      )}
      {resetLink && (
        <Dialog
          title={t("members.resetLinkHeading", { name: resetLink.member.name })}
          onClose={() => setResetLink(null)}
        >
          <OneTimeLink
            link={resetLink.link}
            label={t("members.resetLinkLabel")}
            hint={t("members.resetLinkHint", { minutes: Limits.passwordResetMinutes })}
            testId={TestId.resetLink}
          />
        </Dialog>
      )}
      {confirming?.kind === "remove" && (
        <ConfirmDialog
          title={t("members.removeHeading")}
          message={t("members.removeConfirm", { name: confirming.member.name, workspace: workspace.name })}
          confirmLabel={t("members.remove")}
          onConfirm={() => remove(confirming.member, false)}
          onClose={() => setConfirming(null)}
        />
      )}
      {confirming?.kind === "leave" && (
        <ConfirmDialog
          title={t("members.leaveHeading")}
          message={t("members.leaveConfirm", { workspace: workspace.name })}
          confirmLabel={t("members.leave")}
          onConfirm={() => remove(confirming.member, true)}
          onClose={() => setConfirming(null)}
        />
      )}
      {confirming?.kind === "revoke" && (
        <ConfirmDialog
          title={t("invitations.revokeHeading")}
          message={t("invitations.revokeConfirm")}
          confirmLabel={t("invitations.revoke")}
          onConfirm={() => revoke(confirming.invitation)}
          onClose={() => setConfirming(null)}
        />
      )}
    </main>
  );
}
