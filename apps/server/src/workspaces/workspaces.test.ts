import type { TRole } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TAccessChange } from "../auth/AccessChanges.js";
import { createTestApp } from "../testing/app.js";

/**
 * Invitations, roles and leaving, through the HTTP API on one workspace
 * whose first account is its owner.
 */

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: { cookie: string; userId: string };
let workspaceId: string;
const changes: TAccessChange[] = [];

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = (await t.call("GET", "/api/me", { cookie: owner.cookie })).body.workspaces[0].id;
  t.ctx.accessChanges.subscribe((change) => changes.push(change));
}, 60_000);
afterAll(() => t.close());

const ws = () => `/api/workspaces/${workspaceId}`;

async function invitation(role: TRole = "editor"): Promise<{ id: string; token: string }> {
  const created = await t.call("POST", `${ws()}/invitations`, { cookie: owner.cookie, body: { role } });
  expect(created.status).toBe(201);
  return { id: created.body.invitation.id, token: created.body.token };
}

const accept = (cookie: string, token: string) =>
  t.call("POST", "/api/invitations/accept", { cookie, body: { token } });
/** Preview as nobody: no cookie at all. */
const preview = (token: string) => t.call("POST", "/api/invitations/preview", { body: { token } });

async function member(role: TRole, name = `A ${role}`) {
  const person = await t.signUp(name);
  expect((await accept(person.cookie, (await invitation(role)).token)).status).toBe(200);
  return person;
}

async function roleOf(userId: string): Promise<TRole | undefined> {
  const { body } = await t.call("GET", `${ws()}/members`, { cookie: owner.cookie });
  return body.members.find((m: { userId: string }) => m.userId === userId)?.role;
}

describe("invitation links", () => {
  it("work once; a second accept is 404 invitation_not_found", async () => {
    const { token } = await invitation("commenter");
    const first = await t.signUp("First");
    const second = await t.signUp("Second");

    const accepted = await accept(first.cookie, token);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ workspaceId, documentId: null });
    expect(await roleOf(first.userId)).toBe("commenter");

    const again = await accept(second.cookie, token);
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe("invitation_not_found");
    expect(await roleOf(second.userId)).toBeUndefined();
    expect((await preview(token)).status).toBe(404);
  });

  it("preview without a session, any number of times, without using the link up", async () => {
    const { token } = await invitation("viewer");
    for (let i = 0; i < 2; i++) {
      const previewed = await preview(token);
      expect(previewed.status).toBe(200);
      expect(previewed.body.invitation).toMatchObject({
        workspaceName: "My coalition",
        role: "viewer",
        documentId: null,
        invitedBy: "Owner",
      });
    }
    const person = await t.signUp("Previewer");
    expect((await accept(person.cookie, token)).status).toBe(200);
    expect(await roleOf(person.userId)).toBe("viewer");
  });

  it("need a session to be accepted", async () => {
    const { token } = await invitation();
    expect((await t.call("POST", "/api/invitations/accept", { body: { token } })).status).toBe(401);
    expect((await preview(token)).status).toBe(200);
  });

  it("stop working once revoked", async () => {
    const { id, token } = await invitation();
    expect((await t.call("DELETE", `${ws()}/invitations/${id}`, { cookie: owner.cookie })).status).toBe(200);
    const person = await t.signUp("Too late");
    const refused = await accept(person.cookie, token);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("invitation_not_found");
    expect((await preview(token)).status).toBe(404);
    expect(await roleOf(person.userId)).toBeUndefined();
  });

  it("stop working once expired, and leave the list of open invitations", async () => {
    const { id, token } = await invitation();
    await t.db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE id = $1", [id]);
    const person = await t.signUp("Expired");
    const refused = await accept(person.cookie, token);
    expect(refused.status).toBe(404);
    expect(refused.body.error.code).toBe("invitation_not_found");
    expect((await preview(token)).status).toBe(404);
    const open = await t.call("GET", `${ws()}/invitations`, { cookie: owner.cookie });
    expect(open.body.invitations.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it("are stored only as a hash of their token", async () => {
    const { id, token } = await invitation();
    const rows = await t.db.query<Record<string, unknown>>("SELECT * FROM invitations WHERE id = $1", [id]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toEqual(expect.any(String));
    expect(rows[0]?.token_hash).not.toBe(token);
    expect(JSON.stringify(rows)).not.toContain(token);
    const listed = await t.call("GET", `${ws()}/invitations`, { cookie: owner.cookie });
    expect(JSON.stringify(listed.body)).not.toContain(token);
  });

  it("never lower a member's role: invited again lower, they keep the higher one", async () => {
    const editor = await member("editor");
    expect((await accept(editor.cookie, (await invitation("viewer")).token)).status).toBe(200);
    expect(await roleOf(editor.userId)).toBe("editor");
    // A higher role does raise them.
    expect((await accept(editor.cookie, (await invitation("owner")).token)).status).toBe(200);
    expect(await roleOf(editor.userId)).toBe("owner");
    await t.call("PATCH", `${ws()}/members/${editor.userId}`, {
      cookie: owner.cookie,
      body: { role: "editor" },
    });
  });
});

describe("owners", () => {
  it("the last owner can neither demote nor remove themself (409 last_owner)", async () => {
    const demoted = await t.call("PATCH", `${ws()}/members/${owner.userId}`, {
      cookie: owner.cookie,
      body: { role: "editor" },
    });
    expect(demoted.status).toBe(409);
    expect(demoted.body.error.code).toBe("last_owner");
    const removed = await t.call("DELETE", `${ws()}/members/${owner.userId}`, { cookie: owner.cookie });
    expect(removed.status).toBe(409);
    expect(removed.body.error.code).toBe("last_owner");
    expect(await roleOf(owner.userId)).toBe("owner");
  });

  it("can step down once there is a second owner", async () => {
    const t2 = await createTestApp();
    try {
      const first = await t2.signUp("First owner");
      const wsId = (await t2.call("GET", "/api/me", { cookie: first.cookie })).body.workspaces[0].id;
      const { token } = (
        await t2.call("POST", `/api/workspaces/${wsId}/invitations`, {
          cookie: first.cookie,
          body: { role: "owner" },
        })
      ).body;
      const second = await t2.signUp("Second owner");
      await t2.call("POST", "/api/invitations/accept", { cookie: second.cookie, body: { token } });

      const demoted = await t2.call("PATCH", `/api/workspaces/${wsId}/members/${first.userId}`, {
        cookie: first.cookie,
        body: { role: "editor" },
      });
      expect(demoted.status).toBe(200);
      expect(demoted.body.member).toMatchObject({ userId: first.userId, role: "editor" });
      // Now the second is the last owner, and is held to the same rule.
      const secondDemoted = await t2.call("PATCH", `/api/workspaces/${wsId}/members/${second.userId}`, {
        cookie: second.cookie,
        body: { role: "viewer" },
      });
      expect(secondDemoted.status).toBe(409);
      const firstLeaves = await t2.call("DELETE", `/api/workspaces/${wsId}/members/${first.userId}`, {
        cookie: first.cookie,
      });
      expect(firstLeaves.status).toBe(200);
    } finally {
      await t2.close();
    }
  });
});

describe("members", () => {
  it("can leave; they lose the workspace and their sockets are told", async () => {
    const leaver = await member("commenter", "Leaver");
    expect(
      (await t.call("DELETE", `${ws()}/members/${leaver.userId}`, { cookie: leaver.cookie })).status,
    ).toBe(200);
    expect(await roleOf(leaver.userId)).toBeUndefined();
    expect((await t.call("GET", ws(), { cookie: leaver.cookie })).status).toBe(403);
    expect(changes).toContainEqual({ userId: leaver.userId, workspaceId, reason: "removed" });
  });

  it("cannot remove someone else", async () => {
    const editor = await member("editor");
    const viewer = await member("viewer");
    expect(
      (await t.call("DELETE", `${ws()}/members/${viewer.userId}`, { cookie: editor.cookie })).status,
    ).toBe(403);
    expect(await roleOf(viewer.userId)).toBe("viewer");
  });

  it("a role change is announced to the person's sockets; an unchanged role is not", async () => {
    const editor = await member("editor", "Demoted");
    const patch = (role: TRole) =>
      t.call("PATCH", `${ws()}/members/${editor.userId}`, { cookie: owner.cookie, body: { role } });
    changes.length = 0;
    expect((await patch("viewer")).status).toBe(200);
    expect(changes).toEqual([{ userId: editor.userId, workspaceId, reason: "role_changed" }]);
    changes.length = 0;
    expect((await patch("viewer")).status).toBe(200);
    expect(changes).toEqual([]);
    expect(
      (
        await t.call("PATCH", `${ws()}/members/unknown-person`, {
          cookie: owner.cookie,
          body: { role: "viewer" },
        })
      ).status,
    ).toBe(404);
  });
});
