import type { TRole } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TRightsChange } from "../auth/AccessChanges.js";
import { createTestApp, firstWorkspaceOf, refusal, type TTestApp, type TTestPerson } from "../testing/app.js";

/**
 * Invitations, roles and leaving, through the HTTP API on one workspace
 * whose first account is its owner.
 */

let t: TTestApp;
let owner: TTestPerson;
let workspaceId: string;
const changes: TRightsChange[] = [];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = await firstWorkspaceOf(owner);
  t.ctx.accessChanges.subscribe((change) => changes.push(change));
}, 60_000);
afterAll(() => t.close());

const ws = () => ({ workspaceId });
const memberOf = (userId: string) => ({ workspaceId, userId });

async function invitation(role: TRole = "editor"): Promise<{ id: string; token: string }> {
  const created = await owner.api.workspaces[":workspaceId"].invitations.$post({
    param: ws(),
    json: { role },
  });
  expect(created.status).toBe(201);
  const body = await created.json();
  return { id: body.invitation.id, token: body.token };
}

const accept = (person: TTestPerson, token: string) =>
  person.api.invitations.accept.$post({ json: { token } });
/** Preview as nobody: no cookie at all. */
const preview = (token: string) => t.api().invitations.preview.$post({ json: { token } });

async function member(role: TRole, name = `A ${role}`) {
  const person = await t.signUp(name);
  expect((await accept(person, (await invitation(role)).token)).status).toBe(200);
  return person;
}

async function roleOf(userId: string): Promise<TRole | undefined> {
  const body = await (await owner.api.workspaces[":workspaceId"].members.$get({ param: ws() })).json();
  return body.members.find((m) => m.userId === userId)?.role;
}

const changeRole = (by: TTestPerson, userId: string, role: TRole) =>
  by.api.workspaces[":workspaceId"].members[":userId"].$patch({ param: memberOf(userId), json: { role } });
const removeMember = (by: TTestPerson, userId: string) =>
  by.api.workspaces[":workspaceId"].members[":userId"].$delete({ param: memberOf(userId) });

describe("invitation links", () => {
  it("work once; a second accept is 404 invitation_not_found", async () => {
    const { token } = await invitation("commenter");
    const first = await t.signUp("First");
    const second = await t.signUp("Second");

    const accepted = await accept(first, token);
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toEqual({ workspaceId, documentId: null });
    expect(await roleOf(first.userId)).toBe("commenter");

    const again = await accept(second, token);
    expect(again.status).toBe(404);
    expect((await refusal(again)).code).toBe("invitation_not_found");
    expect(await roleOf(second.userId)).toBeUndefined();
    expect((await preview(token)).status).toBe(404);
  });

  it("preview without a session, any number of times, without using the link up", async () => {
    const { token } = await invitation("viewer");
    for (let i = 0; i < 2; i++) {
      const previewed = await preview(token);
      expect(previewed.status).toBe(200);
      expect((await previewed.json()).invitation).toMatchObject({
        workspaceName: "My coalition",
        role: "viewer",
        documentId: null,
        invitedBy: "Owner",
      });
    }
    const person = await t.signUp("Previewer");
    expect((await accept(person, token)).status).toBe(200);
    expect(await roleOf(person.userId)).toBe("viewer");
  });

  it("need a session to be accepted", async () => {
    const { token } = await invitation();
    expect((await t.api().invitations.accept.$post({ json: { token } })).status).toBe(401);
    expect((await preview(token)).status).toBe(200);
  });

  it("stop working once revoked", async () => {
    const { id, token } = await invitation();
    const revoked = await owner.api.workspaces[":workspaceId"].invitations[":invitationId"].$delete({
      param: { workspaceId, invitationId: id },
    });
    expect(revoked.status).toBe(200);
    const person = await t.signUp("Too late");
    const refused = await accept(person, token);
    expect(refused.status).toBe(404);
    expect((await refusal(refused)).code).toBe("invitation_not_found");
    expect((await preview(token)).status).toBe(404);
    expect(await roleOf(person.userId)).toBeUndefined();
  });

  it("stop working once expired, and leave the list of open invitations", async () => {
    const { id, token } = await invitation();
    await t.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    const person = await t.signUp("Expired");
    const refused = await accept(person, token);
    expect(refused.status).toBe(404);
    expect((await refusal(refused)).code).toBe("invitation_not_found");
    expect((await preview(token)).status).toBe(404);
    const open = await (await owner.api.workspaces[":workspaceId"].invitations.$get({ param: ws() })).json();
    expect(open.invitations.map((i) => i.id)).not.toContain(id);
  });

  it("are stored only as a hash of their token", async () => {
    const { id, token } = await invitation();
    const rows = await t.db.query<Record<string, unknown>>("SELECT * FROM invitations WHERE id = $1", [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toEqual(expect.any(String));
    expect(rows[0]?.token_hash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = await owner.api.workspaces[":workspaceId"].invitations.$get({ param: ws() });
    expect(JSON.stringify(await listed.json())).not.toContain(token);
  });

  it("never lower a member's role: invited again lower, they keep the higher one", async () => {
    const editor = await member("editor");
    expect((await accept(editor, (await invitation("viewer")).token)).status).toBe(200);
    expect(await roleOf(editor.userId)).toBe("editor");
    // A higher role does raise them.
    expect((await accept(editor, (await invitation("owner")).token)).status).toBe(200);
    expect(await roleOf(editor.userId)).toBe("owner");
    await changeRole(owner, editor.userId, "editor");
  });
});

describe("owners", () => {
  it("the last owner can neither demote nor remove themself (409 last_owner)", async () => {
    const demoted = await changeRole(owner, owner.userId, "editor");
    expect(demoted.status).toBe(409);
    expect((await refusal(demoted)).code).toBe("last_owner");
    const removed = await removeMember(owner, owner.userId);
    expect(removed.status).toBe(409);
    expect((await refusal(removed)).code).toBe("last_owner");
    expect(await roleOf(owner.userId)).toBe("owner");
  });

  it("can step down once there is a second owner", async () => {
    const t2 = await createTestApp();
    try {
      const first = await t2.signUp("First owner");
      const wsId = await firstWorkspaceOf(first);
      const members = first.api.workspaces[":workspaceId"].members[":userId"];
      const invited = await first.api.workspaces[":workspaceId"].invitations.$post({
        param: { workspaceId: wsId },
        json: { role: "owner" },
      });
      const { token } = await invited.json();
      const second = await t2.signUp("Second owner");
      await second.api.invitations.accept.$post({ json: { token } });

      const demoted = await members.$patch({
        param: { workspaceId: wsId, userId: first.userId },
        json: { role: "editor" },
      });
      expect(demoted.status).toBe(200);
      expect((await demoted.json()).member).toMatchObject({ userId: first.userId, role: "editor" });
      // Now the second is the last owner, and is held to the same rule.
      const secondDemoted = await second.api.workspaces[":workspaceId"].members[":userId"].$patch({
        param: { workspaceId: wsId, userId: second.userId },
        json: { role: "viewer" },
      });
      expect(secondDemoted.status).toBe(409);
      const firstLeaves = await members.$delete({ param: { workspaceId: wsId, userId: first.userId } });
      expect(firstLeaves.status).toBe(200);
    } finally {
      await t2.close();
    }
  });
});

describe("members", () => {
  it("can leave; they lose the workspace and their sockets are told", async () => {
    const leaver = await member("commenter", "Leaver");
    expect((await removeMember(leaver, leaver.userId)).status).toBe(200);
    expect(await roleOf(leaver.userId)).toBeUndefined();
    expect((await leaver.api.workspaces[":workspaceId"].$get({ param: ws() })).status).toBe(403);
    expect(changes).toContainEqual({ userId: leaver.userId, workspaceId, reason: "removed" });
  });

  it("cannot remove someone else", async () => {
    const editor = await member("editor");
    const viewer = await member("viewer");
    expect((await removeMember(editor, viewer.userId)).status).toBe(403);
    expect(await roleOf(viewer.userId)).toBe("viewer");
  });

  it("a role change is announced to the person's sockets; an unchanged role is not", async () => {
    const editor = await member("editor", "Demoted");
    const patch = (role: TRole) => changeRole(owner, editor.userId, role);
    changes.length = 0;
    expect((await patch("viewer")).status).toBe(200);
    expect(changes).toEqual([{ userId: editor.userId, workspaceId, reason: "role_changed" }]);
    changes.length = 0;
    expect((await patch("viewer")).status).toBe(200);
    expect(changes).toEqual([]);
    expect((await changeRole(owner, "unknown-person", "viewer")).status).toBe(404);
  });
});
