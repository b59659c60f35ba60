import { MAX_COMMENT_BODY, MAX_THREADS_PER_DOCUMENT, type TCommentChange, type TRole } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleAnchor } from "../testing/anchors.js";
import { createTestApp } from "../testing/app.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let workspaceId: string;
let documentId: string;
const people = new Map<TRole, { cookie: string; userId: string }>();

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signUp("Owner");
  people.set("owner", owner);
  workspaceId = (await t.call("GET", "/api/me", { cookie: owner.cookie })).body.workspaces[0].id;
  for (const role of ["editor", "commenter", "viewer"] as const) {
    const person = await t.signUp(`A ${role}`);
    const { token } = (
      await t.call("POST", `/api/workspaces/${workspaceId}/invitations`, {
        cookie: owner.cookie,
        body: { role },
      })
    ).body;
    await t.call("POST", "/api/invitations/accept", { cookie: person.cookie, body: { token } });
    people.set(role, person);
  }
  documentId = await newDocument();
}, 60_000);
afterAll(() => t.close());

const as = (role: TRole) => people.get(role) as { cookie: string; userId: string };
const threads = (document = documentId) => `/api/documents/${document}/threads`;
const call = (role: TRole, method: string, path: string, body?: unknown) =>
  t.call(method, path, { cookie: as(role).cookie, body });

async function newDocument(): Promise<string> {
  const created = await call("owner", "POST", `/api/workspaces/${workspaceId}/documents`, {
    title: "Joint statement",
  });
  return created.body.document.id;
}

const opening = (body = "Should this say 'call on'?") => ({
  anchor: sampleAnchor(),
  quote: "urge delegations",
  body,
});

async function auditActions(): Promise<string[]> {
  return (await call("owner", "GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
    (event: { action: string }) => event.action,
  );
}

describe("comment threads API", () => {
  it("opens, lists, replies, edits, resolves, reopens and deletes, and audits each", async () => {
    const sent = opening();
    const created = await call("editor", "POST", threads(), sent);
    expect(created.status).toBe(201);
    const thread = created.body.thread;
    expect(thread).toMatchObject({
      documentId,
      anchor: sent.anchor,
      quote: "urge delegations",
      status: "open",
      createdBy: { id: as("editor").userId, name: "A editor" },
      resolvedBy: null,
      comments: [{ body: sent.body, author: { name: "A editor" }, mentions: [], editedAt: null }],
    });

    const listed = await call("viewer", "GET", threads());
    expect(listed.status).toBe(200);
    expect(listed.body.threads.map((th: { id: string }) => th.id)).toContain(thread.id);

    const replied = await call("commenter", "POST", `${threads()}/${thread.id}/comments`, { body: "Yes." });
    expect(replied.status).toBe(201);
    expect(replied.body.thread.comments.map((c: { body: string }) => c.body)).toEqual([sent.body, "Yes."]);
    const reply = replied.body.thread.comments[1];

    const edited = await call("commenter", "PATCH", `${threads()}/${thread.id}/comments/${reply.id}`, {
      body: "Yes, 'call on'.",
    });
    expect(edited.status).toBe(200);
    expect(edited.body.thread.comments[1]).toMatchObject({ body: "Yes, 'call on'." });
    expect(edited.body.thread.comments[1].editedAt).not.toBeNull();

    const resolved = await call("owner", "PATCH", `${threads()}/${thread.id}`, { status: "resolved" });
    expect(resolved.status).toBe(200);
    expect(resolved.body.thread).toMatchObject({
      status: "resolved",
      resolvedBy: { id: as("owner").userId, name: "Owner" },
    });
    const reopened = await call("editor", "PATCH", `${threads()}/${thread.id}`, { status: "open" });
    expect(reopened.body.thread).toMatchObject({ status: "open", resolvedBy: null, resolvedAt: null });

    const deleted = await call("commenter", "DELETE", `${threads()}/${thread.id}/comments/${reply.id}`);
    expect(deleted.status).toBe(200);
    expect(deleted.body.thread.comments).toHaveLength(1);
    // The thread's last comment takes the thread with it.
    const last = await call(
      "editor",
      "DELETE",
      `${threads()}/${thread.id}/comments/${thread.comments[0].id}`,
    );
    expect(last.status).toBe(200);
    expect(last.body.thread).toBeNull();
    expect(
      (await call("owner", "GET", threads())).body.threads.map((th: { id: string }) => th.id),
    ).not.toContain(thread.id);
    expect((await call("owner", "PATCH", `${threads()}/${thread.id}`, { status: "resolved" })).status).toBe(
      404,
    );

    expect(await auditActions()).toEqual(
      expect.arrayContaining([
        "comment_thread_created",
        "comment_added",
        "comment_edited",
        "comment_thread_resolved",
        "comment_thread_reopened",
        "comment_deleted",
      ]),
    );
  });

  it("refuses empty and over-long comments, bad anchors and long quotes, naming the field", async () => {
    const post = (body: unknown) => call("commenter", "POST", threads(), body);
    const empty = await post(opening("   "));
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].path).toBe("body");
    expect((await post(opening("x".repeat(MAX_COMMENT_BODY + 1)))).status).toBe(400);
    expect((await post(opening("x".repeat(MAX_COMMENT_BODY)))).status).toBe(201);
    const badAnchor = await post({ ...opening(), anchor: { start: "%%%", end: "" } });
    expect(badAnchor.status).toBe(400);
    expect(badAnchor.body.error.details[0].path).toContain("anchor");
    expect((await post({ ...opening(), quote: "q".repeat(501) })).status).toBe(400);
    expect((await post({ body: "no anchor" })).status).toBe(400);
    const thread = (await post(opening())).body.thread;
    const reply = (body: unknown) => call("commenter", "POST", `${threads()}/${thread.id}/comments`, body);
    expect((await reply({ body: "" })).status).toBe(400);
    expect((await call("owner", "PATCH", `${threads()}/${thread.id}`, { status: "closed" })).status).toBe(
      400,
    );
  });

  it("lets commenters comment and resolve their own threads, editors any, and nobody change another's comment", async () => {
    const own = (await call("commenter", "POST", threads(), opening())).body.thread;
    expect((await call("commenter", "PATCH", `${threads()}/${own.id}`, { status: "resolved" })).status).toBe(
      200,
    );
    const owners = (await call("owner", "POST", threads(), opening())).body.thread;
    const notTheirs = await call("commenter", "PATCH", `${threads()}/${owners.id}`, { status: "resolved" });
    expect(notTheirs.status).toBe(403);
    expect(notTheirs.body.error.code).toBe("forbidden");
    expect((await call("editor", "PATCH", `${threads()}/${own.id}`, { status: "open" })).status).toBe(200);
    const path = `${threads()}/${owners.id}/comments/${owners.comments[0].id}`;
    expect((await call("editor", "PATCH", path, { body: "Rewritten" })).status).toBe(403);
    expect((await call("editor", "DELETE", path)).status).toBe(403);
    expect((await call("viewer", "POST", threads(), opening())).status).toBe(403);
    expect((await call("viewer", "POST", `${threads()}/${owners.id}/comments`, { body: "Hi" })).status).toBe(
      403,
    );
    // A thread is only reached through its own document.
    const other = await newDocument();
    expect(
      (await call("owner", "PATCH", `${threads(other)}/${owners.id}`, { status: "resolved" })).status,
    ).toBe(404);
  });

  it("names the members a comment mentions, and not strangers", async () => {
    const stranger = await t.signUp("Stranger");
    const body = `<@${as("viewer").userId}> and <@${stranger.userId}>, please check.`;
    const thread = (await call("editor", "POST", threads(), opening(body))).body.thread;
    expect(thread.comments[0].body).toBe(body);
    expect(thread.comments[0].mentions).toEqual([{ id: as("viewer").userId, name: "A viewer" }]);
  });

  it("tells everyone following the document's comments, and only them", async () => {
    const seen: TCommentChange[] = [];
    const other: TCommentChange[] = [];
    const stop = t.ctx.commentChanges.subscribe(documentId, (change) => seen.push(change));
    const stopOther = t.ctx.commentChanges.subscribe(await newDocument(), (change) => other.push(change));
    const thread = (await call("commenter", "POST", threads(), opening())).body.thread;
    await call("editor", "POST", `${threads()}/${thread.id}/comments`, { body: "Agreed." });
    await call("editor", "PATCH", `${threads()}/${thread.id}`, { status: "resolved" });
    await call("commenter", "DELETE", `${threads()}/${thread.id}/comments/${thread.comments[0].id}`);
    stop();
    stopOther();
    expect(seen.map((change) => (change.type === "thread" ? change.thread.status : change.type))).toEqual([
      "open",
      "open",
      "resolved",
      "resolved",
    ]);
    const last = seen.at(-1);
    expect(last?.type === "thread" && last.thread.comments.map((c) => c.body)).toEqual(["Agreed."]);
    expect(other).toEqual([]);
  });

  it("streams the threads, then each change, to a viewer; not to someone outside", async () => {
    const outsider = await t.signUp("Outsider");
    const refused = await t.call("GET", `${threads()}/stream`, { cookie: outsider.cookie });
    expect(refused.status).toBe(403);
    const stream = await t.openStream(`${threads()}/stream`, as("viewer").cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    const thread = (await call("commenter", "POST", threads(), opening("Streamed comment"))).body.thread;
    await stream.until("Streamed comment");
    await call("commenter", "DELETE", `${threads()}/${thread.id}/comments/${thread.comments[0].id}`);
    await stream.until(`{"type":"removed","threadId":"${thread.id}"}`);
    await stream.close();
  });
});

describe("the cap on threads per document", () => {
  it(`accepts the ${MAX_THREADS_PER_DOCUMENT}th thread and refuses the next with 409`, async () => {
    const document = await newDocument();
    const { start, end } = sampleAnchor();
    // All but one, straight into storage: the edge is what is tested here, not 1,999 requests.
    await t.db.query(
      `INSERT INTO comment_threads (id, document_id, anchor_start, anchor_end, quote, created_by)
       SELECT gen_random_uuid(), $1, $2, $3, 'q', $4 FROM generate_series(1, $5)`,
      [
        document,
        Buffer.from(start, "base64"),
        Buffer.from(end, "base64"),
        as("owner").userId,
        MAX_THREADS_PER_DOCUMENT - 1,
      ],
    );
    const last = await call("commenter", "POST", threads(document), opening());
    expect(last.status).toBe(201);
    const over = await call("commenter", "POST", threads(document), opening());
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("too_many_comment_threads");
    const count = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM comment_threads WHERE document_id = $1",
      [document],
    );
    expect(count[0]?.n).toBe(MAX_THREADS_PER_DOCUMENT);
  });
});
