import type { TRole } from "@caucus/shared";
import { encodePosition } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp, defined, firstWorkspaceOf, refusal, type TTestApp } from "../testing/app.js";

/**
 * Every REST route of documents and workspaces against every role: the
 * allowed get 2xx, the rest 403, and anonymous callers 401. Routes that
 * destroy something get a fresh target for each caller.
 */

type TCaller = TRole | "outsider" | "anonymous";
/** A caller's typed client. */
type TApi = ReturnType<TTestApp["api"]>;
const CALLERS: TCaller[] = ["owner", "editor", "commenter", "viewer", "outsider", "anonymous"];

let t: TTestApp;
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
  workspaceId = await firstWorkspaceOf(owner);
  for (const role of ["editor", "commenter", "viewer"] as const) {
    const person = await joinAs(role);
    cookies.set(role, person.cookie);
    users.set(role, person.userId);
  }
  const outsider = await t.signUp("Outsider");
  cookies.set("outsider", outsider.cookie);
  users.set("outsider", outsider.userId);
  documentId = await newDocument();
  const saved = await owner.api.documents[":id"].versions.$post({
    param: { id: documentId },
    json: { name: "v1" },
  });
  versionId = (await saved.json()).version.id;
}, 60_000);
afterAll(() => t.close());

/** The owner's typed client, which sets up what a case acts on. */
const owner = () => t.api(cookies.get("owner"));
/** The routes under this workspace, and under this document, as `api`'s holder. */
const workspace = (api: TApi) => api.workspaces[":workspaceId"];
const document = (api: TApi) => api.documents[":id"];
const inWorkspace = () => ({ workspaceId });
const onDocument = () => ({ id: documentId });

async function joinAs(role: TRole) {
  const person = await t.signUp(`A ${role}`);
  const invited = await workspace(owner()).invitations.$post({ param: inWorkspace(), json: { role } });
  const { token } = await invited.json();
  const accepted = await person.api.invitations.accept.$post({ json: { token } });
  expect(accepted.status).toBe(200);
  return person;
}

async function newDocument(): Promise<string> {
  const created = await workspace(owner()).documents.$post({
    param: inWorkspace(),
    json: { title: "Joint statement" },
  });
  return (await created.json()).document.id;
}

const CALL = {
  forum: "Human Rights Council",
  agendaItem: "Item 3",
  deadline: "2025-03-04T15:00:00+01:00",
  venueTimeZone: "Europe/Zurich",
};

async function newCall(): Promise<string> {
  const created = await workspace(owner()).calls.$post({ param: inWorkspace(), json: CALL });
  return (await created.json()).call.id;
}

async function newInvitationToken(): Promise<{ id: string; token: string }> {
  const created = await workspace(owner()).invitations.$post({
    param: inWorkspace(),
    json: { role: "viewer" },
  });
  const body = await created.json();
  return { id: body.invitation.id, token: body.token };
}

/** An encoded Yjs relative position, as a comment's anchor carries two. */
const ANCHOR_END = encodePosition(Y.createRelativePositionFromTypeIndex(new Y.Doc().getText("t"), 0));
const THREAD = { anchor: { start: ANCHOR_END, end: ANCHOR_END }, quote: "the text", body: "A comment" };

/** A thread opened by `caller` if they may comment (so it is theirs), else by the owner. */
async function newThread(caller: TCaller = "owner"): Promise<{ id: string; commentId: string }> {
  const by = COMMENTERS.includes(caller) ? t.api(cookies.get(caller)) : owner();
  const opened = await document(by).threads.$post({ param: onDocument(), json: THREAD });
  const { thread } = await opened.json();
  return { id: thread.id, commentId: defined(thread.comments[0], "the first comment").id };
}

interface TRouteCase {
  name: string;
  allowed: TCaller[];
  /** The request, sent through `api` (the caller's); `caller` for routes that act on the caller's own things. */
  request(
    api: TApi,
    caller: TCaller,
  ): Promise<{ status: number; clone(): Response; json(): Promise<unknown> }>;
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
    request: (api) => api.me.$get(),
  },
  {
    name: "GET /api/workspaces",
    allowed: EVERYONE_SIGNED_IN,
    request: (api) => api.workspaces.$get(),
  },
  {
    name: "POST /api/workspaces",
    allowed: EVERYONE_SIGNED_IN,
    request: (api) => api.workspaces.$post({ json: { name: "Another coalition" } }),
  },
  {
    name: "GET /api/workspaces/:id",
    allowed: MEMBERS,
    request: (api) => workspace(api).$get({ param: inWorkspace() }),
  },
  {
    name: "PATCH /api/workspaces/:id",
    allowed: OWNERS,
    request: (api) => workspace(api).$patch({ param: inWorkspace(), json: { name: "Coalition" } }),
  },
  {
    name: "GET /api/workspaces/:id/members",
    allowed: MEMBERS,
    request: (api) => workspace(api).members.$get({ param: inWorkspace() }),
  },
  {
    name: "PATCH /api/workspaces/:id/members/:userId",
    allowed: OWNERS,
    request: async (api) => {
      const target = await joinAs("viewer");
      return workspace(api).members[":userId"].$patch({
        param: { workspaceId, userId: target.userId },
        json: { role: "commenter" },
      });
    },
  },
  {
    name: "DELETE /api/workspaces/:id/members/:userId (someone else)",
    allowed: OWNERS,
    request: async (api) => {
      const target = await joinAs("viewer");
      return workspace(api).members[":userId"].$delete({ param: { workspaceId, userId: target.userId } });
    },
  },
  {
    name: "GET /api/workspaces/:id/invitations",
    allowed: OWNERS,
    request: (api) => workspace(api).invitations.$get({ param: inWorkspace() }),
  },
  {
    name: "POST /api/workspaces/:id/invitations",
    allowed: OWNERS,
    request: (api) =>
      workspace(api).invitations.$post({
        param: inWorkspace(),
        json: { role: "editor", expiresInHours: 24 },
      }),
  },
  {
    name: "DELETE /api/workspaces/:id/invitations/:invitationId",
    allowed: OWNERS,
    request: async (api) => {
      const invitationId = (await newInvitationToken()).id;
      return workspace(api).invitations[":invitationId"].$delete({ param: { workspaceId, invitationId } });
    },
  },
  {
    name: "GET /api/workspaces/:id/audit",
    allowed: OWNERS,
    request: (api) => workspace(api).audit.$get({ param: inWorkspace(), query: {} }),
  },
  {
    name: "GET /api/workspaces/:id/audit.csv",
    allowed: OWNERS,
    request: (api) => workspace(api)["audit.csv"].$get({ param: inWorkspace() }),
  },
  {
    name: "GET /api/workspaces/:id/documents",
    allowed: MEMBERS,
    request: (api) => workspace(api).documents.$get({ param: inWorkspace(), query: {} }),
  },
  {
    name: "GET /api/workspaces/:id/documents?deleted=true",
    allowed: EDITORS,
    request: (api) => workspace(api).documents.$get({ param: inWorkspace(), query: { deleted: "true" } }),
  },
  {
    name: "POST /api/workspaces/:id/documents",
    allowed: EDITORS,
    request: (api) =>
      workspace(api).documents.$post({
        param: inWorkspace(),
        json: { title: "Oral intervention", kind: "intervention" },
      }),
  },
  {
    name: "GET /api/documents/:id",
    allowed: MEMBERS,
    request: (api) => document(api).$get({ param: onDocument() }),
  },
  {
    name: "PATCH /api/documents/:id",
    allowed: EDITORS,
    request: (api) => document(api).$patch({ param: onDocument(), json: { title: "Renamed" } }),
  },
  {
    name: "DELETE /api/documents/:id",
    allowed: EDITORS,
    request: async (api) => document(api).$delete({ param: { id: await newDocument() } }),
  },
  {
    name: "POST /api/documents/:id/restore",
    allowed: EDITORS,
    request: async (api) => {
      const id = await newDocument();
      expect((await document(owner()).$delete({ param: { id } })).status).toBe(200);
      return document(api).restore.$post({ param: { id } });
    },
  },
  {
    name: "POST /api/documents/:id/sync-token",
    allowed: MEMBERS,
    request: (api) => document(api)["sync-token"].$post({ param: onDocument() }),
  },
  {
    name: "GET /api/documents/:id/access",
    allowed: OWNERS,
    request: (api) => document(api).access.$get({ param: onDocument() }),
  },
  {
    name: "PUT /api/documents/:id/access/:userId",
    allowed: OWNERS,
    request: (api) =>
      document(api).access[":userId"].$put({
        param: { id: documentId, userId: defined(users.get("viewer")) },
        json: { role: "viewer" },
      }),
  },
  {
    name: "DELETE /api/documents/:id/access/:userId",
    allowed: OWNERS,
    request: async (api) => {
      const target = await joinAs("viewer");
      const param = { id: documentId, userId: target.userId };
      const put = await document(owner()).access[":userId"].$put({ param, json: { role: "commenter" } });
      expect(put.status).toBe(200);
      return document(api).access[":userId"].$delete({ param });
    },
  },
  {
    name: "GET /api/documents/:id/versions",
    allowed: MEMBERS,
    request: (api) => document(api).versions.$get({ param: onDocument() }),
  },
  {
    name: "POST /api/documents/:id/versions",
    allowed: EDITORS,
    request: (api) =>
      document(api).versions.$post({ param: onDocument(), json: { name: "v2", note: "after the call" } }),
  },
  {
    name: "GET /api/documents/:id/versions/:versionId",
    allowed: MEMBERS,
    request: (api) => document(api).versions[":versionId"].$get({ param: { id: documentId, versionId } }),
  },
  {
    name: "POST /api/documents/:id/versions/:versionId/restore",
    allowed: EDITORS,
    request: (api) =>
      document(api).versions[":versionId"].restore.$post({ param: { id: documentId, versionId } }),
  },
  {
    name: "GET /api/documents/:id/compare",
    allowed: MEMBERS,
    request: (api) =>
      document(api).compare.$get({ param: onDocument(), query: { from: versionId, to: "current" } }),
  },
  {
    name: "GET /api/documents/:id/compare/export",
    allowed: MEMBERS,
    request: (api) =>
      document(api).compare.export.$get({ param: onDocument(), query: { from: versionId, to: "current" } }),
  },
  {
    name: "GET /api/workspaces/:id/calls",
    allowed: MEMBERS,
    request: (api) => workspace(api).calls.$get({ param: inWorkspace() }),
  },
  {
    name: "POST /api/workspaces/:id/calls",
    allowed: EDITORS,
    request: (api) => workspace(api).calls.$post({ param: inWorkspace(), json: CALL }),
  },
  {
    name: "POST /api/workspaces/:id/calls (with its draft)",
    allowed: EDITORS,
    request: (api) =>
      workspace(api).calls.$post({
        param: inWorkspace(),
        json: { ...CALL, draft: { language: "en", limitSeconds: 90 } },
      }),
  },
  {
    name: "PATCH /api/workspaces/:id/calls/:callId",
    allowed: EDITORS,
    request: async (api) =>
      workspace(api).calls[":callId"].$patch({
        param: { workspaceId, callId: await newCall() },
        json: { status: "ready" },
      }),
  },
  {
    name: "DELETE /api/workspaces/:id/calls/:callId",
    allowed: EDITORS,
    request: async (api) =>
      workspace(api).calls[":callId"].$delete({ param: { workspaceId, callId: await newCall() } }),
  },
  {
    name: "GET /api/workspaces/:id/templates",
    allowed: MEMBERS,
    request: (api) => workspace(api).templates.$get({ param: inWorkspace() }),
  },
  {
    name: "GET /api/workspaces/:id/templates/:kind",
    allowed: MEMBERS,
    request: (api) => workspace(api).templates[":kind"].$get({ param: { workspaceId, kind: "letter" } }),
  },
  {
    name: "PUT /api/workspaces/:id/templates/:kind",
    allowed: EDITORS,
    request: (api) =>
      workspace(api).templates[":kind"].$put({
        param: { workspaceId, kind: "letter" },
        json: { content: { type: "doc", content: [{ type: "paragraph" }] } },
      }),
  },
  {
    name: "DELETE /api/workspaces/:id/templates/:kind",
    allowed: EDITORS,
    request: (api) => workspace(api).templates[":kind"].$delete({ param: { workspaceId, kind: "letter" } }),
  },
  {
    name: "GET /api/documents/:id/threads",
    allowed: MEMBERS,
    request: (api) => document(api).threads.$get({ param: onDocument() }),
  },
  {
    name: "POST /api/documents/:id/threads",
    allowed: COMMENTERS,
    request: (api) => document(api).threads.$post({ param: onDocument(), json: THREAD }),
  },
  {
    name: "PATCH /api/documents/:id/threads/:threadId (someone else's thread)",
    allowed: EDITORS,
    request: async (api) =>
      document(api).threads[":threadId"].$patch({
        param: { id: documentId, threadId: (await newThread()).id },
        json: { status: "resolved" },
      }),
  },
  {
    name: "POST /api/documents/:id/threads/:threadId/comments",
    allowed: COMMENTERS,
    request: async (api) =>
      document(api).threads[":threadId"].comments.$post({
        param: { id: documentId, threadId: (await newThread()).id },
        json: { body: "A reply" },
      }),
  },
  {
    name: "PATCH /api/documents/:id/threads/:threadId/comments/:commentId (one's own)",
    allowed: COMMENTERS,
    request: async (api, caller) => {
      const thread = await newThread(caller);
      return document(api).threads[":threadId"].comments[":commentId"].$patch({
        param: { id: documentId, threadId: thread.id, commentId: thread.commentId },
        json: { body: "Edited" },
      });
    },
  },
  {
    name: "DELETE /api/documents/:id/threads/:threadId/comments/:commentId (one's own)",
    allowed: COMMENTERS,
    request: async (api, caller) => {
      const thread = await newThread(caller);
      return document(api).threads[":threadId"].comments[":commentId"].$delete({
        param: { id: documentId, threadId: thread.id, commentId: thread.commentId },
      });
    },
  },
  // Last: accepting makes the outsider a member for every case after it.
  {
    name: "POST /api/invitations/accept",
    allowed: EVERYONE_SIGNED_IN,
    request: async (api) =>
      api.invitations.accept.$post({ json: { token: (await newInvitationToken()).token } }),
  },
];

describe.each(ROUTES)("$name", (route) => {
  it.each(CALLERS)("as %s", async (caller) => {
    const response = await route.request(t.api(cookies.get(caller)), caller);
    const answer = await response.clone().text();
    const expected = caller === "anonymous" ? 401 : route.allowed.includes(caller) ? "2xx" : 403;
    if (expected === "2xx") {
      expect(response.status, answer).toBeGreaterThanOrEqual(200);
      expect(response.status, answer).toBeLessThan(300);
    } else {
      expect(response.status, answer).toBe(expected);
      expect((await refusal(response)).code).toBe(expected === 401 ? "unauthorized" : "forbidden");
    }
  });
});
