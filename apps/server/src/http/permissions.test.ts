import type { TRole } from "@caucus/shared";
import { encodePosition } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp } from "../testing/app.js";

/**
 * Every REST route of documents and workspaces against every role: the
 * allowed get 2xx, the rest 403, and anonymous callers 401. Routes that
 * destroy something get a fresh target for each caller.
 */

type TCaller = TRole | "outsider" | "anonymous";
const CALLERS: TCaller[] = ["owner", "editor", "commenter", "viewer", "outsider", "anonymous"];

let t: Awaited<ReturnType<typeof createTestApp>>;
let workspaceId: string;
let documentId: string;
let versionId: string;
const cookies = new Map<TCaller, string>();
const users = new Map<TCaller, string>();

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signUp("Owner");
  cookies.set("owner", owner.cookie);
  users.set("owner", owner.userId);
  workspaceId = (await t.call("GET", "/api/me", { cookie: owner.cookie })).body.workspaces[0].id;
  for (const role of ["editor", "commenter", "viewer"] as const) {
    const person = await joinAs(role);
    cookies.set(role, person.cookie);
    users.set(role, person.userId);
  }
  const outsider = await t.signUp("Outsider");
  cookies.set("outsider", outsider.cookie);
  users.set("outsider", outsider.userId);
  documentId = await newDocument();
  versionId = (
    await t.call("POST", `/api/documents/${documentId}/versions`, {
      cookie: owner.cookie,
      body: { name: "v1" },
    })
  ).body.version.id;
}, 60_000);
afterAll(() => t.close());

const owner = () => cookies.get("owner") as string;

async function joinAs(role: TRole) {
  const person = await t.signUp(`A ${role}`);
  const { token } = (
    await t.call("POST", `/api/workspaces/${workspaceId}/invitations`, { cookie: owner(), body: { role } })
  ).body;
  const accepted = await t.call("POST", "/api/invitations/accept", {
    cookie: person.cookie,
    body: { token },
  });
  expect(accepted.status).toBe(200);
  return person;
}

async function newDocument(): Promise<string> {
  const created = await t.call("POST", `/api/workspaces/${workspaceId}/documents`, {
    cookie: owner(),
    body: { title: "Joint statement" },
  });
  return created.body.document.id;
}

const CALL = {
  forum: "Human Rights Council",
  agendaItem: "Item 3",
  deadline: "2025-03-04T15:00:00+01:00",
  venueTimeZone: "Europe/Zurich",
};

async function newCall(): Promise<string> {
  const created = await t.call("POST", `/api/workspaces/${workspaceId}/calls`, {
    cookie: owner(),
    body: CALL,
  });
  return created.body.call.id;
}

async function newInvitationToken(): Promise<{ id: string; token: string }> {
  const { body } = await t.call("POST", `/api/workspaces/${workspaceId}/invitations`, {
    cookie: owner(),
    body: { role: "viewer" },
  });
  return { id: body.invitation.id, token: body.token };
}

/** An encoded Yjs relative position, as a comment's anchor carries two. */
const ANCHOR_END = encodePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText("t"), 0));
const THREAD = { anchor: { start: ANCHOR_END, end: ANCHOR_END }, quote: "the text", body: "A comment" };

/** A thread opened by `caller` if they may comment (so it is theirs), else by the owner. */
async function newThread(caller: TCaller = "owner"): Promise<{ id: string; commentId: string }> {
  const by = COMMENTERS.includes(caller) ? (cookies.get(caller) as string) : owner();
  const { body } = await t.call("POST", `/api/documents/${documentId}/threads`, { cookie: by, body: THREAD });
  return { id: body.thread.id, commentId: body.thread.comments[0].id };
}

interface TRouteCase {
  name: string;
  allowed: TCaller[];
  /** The request to send; `caller` for routes that act on the caller's own things. */
  request(caller: TCaller): Promise<{ method: string; path: string; body?: unknown }>;
}

const MEMBERS: TCaller[] = ["owner", "editor", "commenter", "viewer"];
const EVERYONE_SIGNED_IN: TCaller[] = [...MEMBERS, "outsider"];
const COMMENTERS: TCaller[] = ["owner", "editor", "commenter"];
const EDITORS: TCaller[] = ["owner", "editor"];
const OWNERS: TCaller[] = ["owner"];

const ROUTES: TRouteCase[] = [
  {
    name: "GET /api/me",
    allowed: EVERYONE_SIGNED_IN,
    request: async () => ({ method: "GET", path: "/api/me" }),
  },
  {
    name: "GET /api/workspaces",
    allowed: EVERYONE_SIGNED_IN,
    request: async () => ({ method: "GET", path: "/api/workspaces" }),
  },
  {
    name: "POST /api/workspaces",
    allowed: EVERYONE_SIGNED_IN,
    request: async () => ({ method: "POST", path: "/api/workspaces", body: { name: "Another coalition" } }),
  },
  {
    name: "GET /api/workspaces/:id",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}` }),
  },
  {
    name: "PATCH /api/workspaces/:id",
    allowed: OWNERS,
    request: async () => ({
      method: "PATCH",
      path: `/api/workspaces/${workspaceId}`,
      body: { name: "Coalition" },
    }),
  },
  {
    name: "GET /api/workspaces/:id/members",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/members` }),
  },
  {
    name: "PATCH /api/workspaces/:id/members/:userId",
    allowed: OWNERS,
    request: async () => {
      const target = await joinAs("viewer");
      return {
        method: "PATCH",
        path: `/api/workspaces/${workspaceId}/members/${target.userId}`,
        body: { role: "commenter" },
      };
    },
  },
  {
    name: "DELETE /api/workspaces/:id/members/:userId (someone else)",
    allowed: OWNERS,
    request: async () => {
      const target = await joinAs("viewer");
      return { method: "DELETE", path: `/api/workspaces/${workspaceId}/members/${target.userId}` };
    },
  },
  {
    name: "GET /api/workspaces/:id/invitations",
    allowed: OWNERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/invitations` }),
  },
  {
    name: "POST /api/workspaces/:id/invitations",
    allowed: OWNERS,
    request: async () => ({
      method: "POST",
      path: `/api/workspaces/${workspaceId}/invitations`,
      body: { role: "editor", expiresInHours: 24 },
    }),
  },
  {
    name: "DELETE /api/workspaces/:id/invitations/:invitationId",
    allowed: OWNERS,
    request: async () => ({
      method: "DELETE",
      path: `/api/workspaces/${workspaceId}/invitations/${(await newInvitationToken()).id}`,
    }),
  },
  {
    name: "GET /api/workspaces/:id/audit",
    allowed: OWNERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/audit` }),
  },
  {
    name: "GET /api/workspaces/:id/audit.csv",
    allowed: OWNERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/audit.csv` }),
  },
  {
    name: "GET /api/workspaces/:id/documents",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/documents` }),
  },
  {
    name: "GET /api/workspaces/:id/documents?deleted=true",
    allowed: EDITORS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/documents?deleted=true` }),
  },
  {
    name: "POST /api/workspaces/:id/documents",
    allowed: EDITORS,
    request: async () => ({
      method: "POST",
      path: `/api/workspaces/${workspaceId}/documents`,
      body: { title: "Oral intervention", kind: "intervention" },
    }),
  },
  {
    name: "GET /api/documents/:id",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/documents/${documentId}` }),
  },
  {
    name: "PATCH /api/documents/:id",
    allowed: EDITORS,
    request: async () => ({
      method: "PATCH",
      path: `/api/documents/${documentId}`,
      body: { title: "Renamed" },
    }),
  },
  {
    name: "DELETE /api/documents/:id",
    allowed: EDITORS,
    request: async () => ({ method: "DELETE", path: `/api/documents/${await newDocument()}` }),
  },
  {
    name: "POST /api/documents/:id/restore",
    allowed: EDITORS,
    request: async () => {
      const id = await newDocument();
      expect((await t.call("DELETE", `/api/documents/${id}`, { cookie: owner() })).status).toBe(200);
      return { method: "POST", path: `/api/documents/${id}/restore` };
    },
  },
  {
    name: "POST /api/documents/:id/sync-token",
    allowed: MEMBERS,
    request: async () => ({ method: "POST", path: `/api/documents/${documentId}/sync-token`, body: {} }),
  },
  {
    name: "GET /api/documents/:id/access",
    allowed: OWNERS,
    request: async () => ({ method: "GET", path: `/api/documents/${documentId}/access` }),
  },
  {
    name: "PUT /api/documents/:id/access/:userId",
    allowed: OWNERS,
    request: async () => ({
      method: "PUT",
      path: `/api/documents/${documentId}/access/${users.get("viewer")}`,
      body: { role: "viewer" },
    }),
  },
  {
    name: "DELETE /api/documents/:id/access/:userId",
    allowed: OWNERS,
    request: async () => {
      const target = await joinAs("viewer");
      const put = await t.call("PUT", `/api/documents/${documentId}/access/${target.userId}`, {
        cookie: owner(),
        body: { role: "commenter" },
      });
      expect(put.status).toBe(200);
      return { method: "DELETE", path: `/api/documents/${documentId}/access/${target.userId}` };
    },
  },
  {
    name: "GET /api/documents/:id/versions",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/documents/${documentId}/versions` }),
  },
  {
    name: "POST /api/documents/:id/versions",
    allowed: EDITORS,
    request: async () => ({
      method: "POST",
      path: `/api/documents/${documentId}/versions`,
      body: { name: "v2", note: "after the call" },
    }),
  },
  {
    name: "GET /api/documents/:id/versions/:versionId",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/documents/${documentId}/versions/${versionId}` }),
  },
  {
    name: "POST /api/documents/:id/versions/:versionId/restore",
    allowed: EDITORS,
    request: async () => ({
      method: "POST",
      path: `/api/documents/${documentId}/versions/${versionId}/restore`,
    }),
  },
  {
    name: "GET /api/documents/:id/compare",
    allowed: MEMBERS,
    request: async () => ({
      method: "GET",
      path: `/api/documents/${documentId}/compare?from=${versionId}&to=current`,
    }),
  },
  {
    name: "GET /api/documents/:id/compare/export",
    allowed: MEMBERS,
    request: async () => ({
      method: "GET",
      path: `/api/documents/${documentId}/compare/export?from=${versionId}&to=current`,
    }),
  },
  {
    name: "GET /api/workspaces/:id/calls",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/calls` }),
  },
  {
    name: "POST /api/workspaces/:id/calls",
    allowed: EDITORS,
    request: async () => ({ method: "POST", path: `/api/workspaces/${workspaceId}/calls`, body: CALL }),
  },
  {
    name: "POST /api/workspaces/:id/calls (with its draft)",
    allowed: EDITORS,
    request: async () => ({
      method: "POST",
      path: `/api/workspaces/${workspaceId}/calls`,
      body: { ...CALL, draft: { language: "en", limitSeconds: 90 } },
    }),
  },
  {
    name: "PATCH /api/workspaces/:id/calls/:callId",
    allowed: EDITORS,
    request: async () => ({
      method: "PATCH",
      path: `/api/workspaces/${workspaceId}/calls/${await newCall()}`,
      body: { status: "ready" },
    }),
  },
  {
    name: "DELETE /api/workspaces/:id/calls/:callId",
    allowed: EDITORS,
    request: async () => ({
      method: "DELETE",
      path: `/api/workspaces/${workspaceId}/calls/${await newCall()}`,
    }),
  },
  {
    name: "GET /api/workspaces/:id/templates",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/templates` }),
  },
  {
    name: "GET /api/workspaces/:id/templates/:kind",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/workspaces/${workspaceId}/templates/letter` }),
  },
  {
    name: "PUT /api/workspaces/:id/templates/:kind",
    allowed: EDITORS,
    request: async () => ({
      method: "PUT",
      path: `/api/workspaces/${workspaceId}/templates/letter`,
      body: { content: { type: "doc", content: [{ type: "paragraph" }] } },
    }),
  },
  {
    name: "DELETE /api/workspaces/:id/templates/:kind",
    allowed: EDITORS,
    request: async () => ({ method: "DELETE", path: `/api/workspaces/${workspaceId}/templates/letter` }),
  },
  {
    name: "GET /api/documents/:id/threads",
    allowed: MEMBERS,
    request: async () => ({ method: "GET", path: `/api/documents/${documentId}/threads` }),
  },
  {
    name: "POST /api/documents/:id/threads",
    allowed: COMMENTERS,
    request: async () => ({ method: "POST", path: `/api/documents/${documentId}/threads`, body: THREAD }),
  },
  {
    name: "PATCH /api/documents/:id/threads/:threadId (someone else's thread)",
    allowed: EDITORS,
    request: async () => ({
      method: "PATCH",
      path: `/api/documents/${documentId}/threads/${(await newThread()).id}`,
      body: { status: "resolved" },
    }),
  },
  {
    name: "POST /api/documents/:id/threads/:threadId/comments",
    allowed: COMMENTERS,
    request: async () => ({
      method: "POST",
      path: `/api/documents/${documentId}/threads/${(await newThread()).id}/comments`,
      body: { body: "A reply" },
    }),
  },
  {
    name: "PATCH /api/documents/:id/threads/:threadId/comments/:commentId (one's own)",
    allowed: COMMENTERS,
    request: async (caller) => {
      const thread = await newThread(caller);
      return {
        method: "PATCH",
        path: `/api/documents/${documentId}/threads/${thread.id}/comments/${thread.commentId}`,
        body: { body: "Edited" },
      };
    },
  },
  {
    name: "DELETE /api/documents/:id/threads/:threadId/comments/:commentId (one's own)",
    allowed: COMMENTERS,
    request: async (caller) => {
      const thread = await newThread(caller);
      return {
        method: "DELETE",
        path: `/api/documents/${documentId}/threads/${thread.id}/comments/${thread.commentId}`,
      };
    },
  },
  // Last: accepting makes the outsider a member for every case after it.
  {
    name: "POST /api/invitations/accept",
    allowed: EVERYONE_SIGNED_IN,
    request: async () => ({
      method: "POST",
      path: "/api/invitations/accept",
      body: { token: (await newInvitationToken()).token },
    }),
  },
];

describe.each(ROUTES)("$name", (route) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const { method, path, body } = await route.request(caller);
    const response = await t.call(method, path, { body, cookie: cookies.get(caller) });
    const expected = caller === "anonymous" ? 401 : route.allowed.includes(caller) ? "2xx" : 403;
    if (expected === "2xx") {
      expect(response.status, JSON.stringify(response.body)).toBeGreaterThanOrEqual(200);
      expect(response.status, JSON.stringify(response.body)).toBeLessThan(300);
    } else {
      expect(response.status, JSON.stringify(response.body)).toBe(expected);
      expect(response.body.error.code).toBe(expected === 401 ? "unauthorized" : "forbidden");
    }
  });
});
