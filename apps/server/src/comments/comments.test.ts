import {
  MAX_COMMENT_BODY,
  MAX_THREADS_PER_DOCUMENT,
  type TCommentChange,
  type TCommentThreadStatus,
  type TCreateCommentThread,
  type TRole,
} from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleAnchor } from "../testing/anchors.js";
import {
  createTestApp,
  defined,
  firstWorkspaceOf,
  refusal,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";

let t: TTestApp;
let workspaceId: string;
let documentId: string;
const people = new Map<TRole, TTestPerson>();

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signUp("Owner");
  people.set("owner", owner);
  workspaceId = await firstWorkspaceOf(owner);
  for (const role of ["editor", "commenter", "viewer"] as const) {
    const person = await t.signUp(`A ${role}`);
    const invited = await owner.api.workspaces[":workspaceId"].invitations.$post({
      param: { workspaceId },
      json: { role },
    });
    const { token } = await invited.json();
    await person.api.invitations.accept.$post({ json: { token } });
    people.set(role, person);
  }
  documentId = await newDocument();
}, 60_000);
afterAll(() => t.close());

const as = (role: TRole) => defined(people.get(role), role);
const threads = (document = documentId) => `/api/documents/${document}/threads`;
/** A raw request as `role`, for bodies no route type allows. */
const call = (role: TRole, method: string, path: string, body?: unknown) =>
  t.call(method, path, { cookie: as(role).cookie, body });

/** The typed routes of a document's threads, as `role`. */
const threadsOf = (role: TRole) => as(role).api.documents[":id"].threads;
const openThread = (role: TRole, json: TCreateCommentThread, document = documentId) =>
  threadsOf(role).$post({ param: { id: document }, json });
const listThreads = async (role: TRole) =>
  (await (await threadsOf(role).$get({ param: { id: documentId } })).json()).threads;
const setStatus = (role: TRole, threadId: string, status: TCommentThreadStatus, document = documentId) =>
  threadsOf(role)[":threadId"].$patch({ param: { id: document, threadId }, json: { status } });
const reply = (role: TRole, threadId: string, body: string) =>
  threadsOf(role)[":threadId"].comments.$post({ param: { id: documentId, threadId }, json: { body } });
const comment = (role: TRole) => threadsOf(role)[":threadId"].comments[":commentId"];
const editComment = (role: TRole, threadId: string, commentId: string, body: string) =>
  comment(role).$patch({ param: { id: documentId, threadId, commentId }, json: { body } });
const deleteComment = (role: TRole, threadId: string, commentId: string) =>
  comment(role).$delete({ param: { id: documentId, threadId, commentId } });
/** A thread `role` opened, as the route answers it. */
const newThread = async (role: TRole, json = opening()) =>
  (await (await openThread(role, json)).json()).thread;
const firstComment = (thread: { comments: { id: string }[] }) => defined(thread.comments[0], "a comment").id;

async function newDocument(): Promise<string> {
  const created = await as("owner").api.workspaces[":workspaceId"].documents.$post({
    param: { workspaceId },
    json: { title: "Joint statement" },
  });
  return (await created.json()).document.id;
}

const opening = (body = "Should this say 'call on'?") => ({
  anchor: sampleAnchor(),
  quote: "urge delegations",
  body,
});

async function auditActions(): Promise<string[]> {
  const audit = await as("owner").api.workspaces[":workspaceId"].audit.$get({
    param: { workspaceId },
    query: {},
  });
  return (await audit.json()).events.map((event) => event.action);
}

describe("comment threads API", () => {
  it("opens, lists, replies, edits, resolves, reopens and deletes, and audits each", async () => {
    const sent = opening();
    const created = await openThread("editor", sent);
    expect(created.status).toBe(201);
    const thread = (await created.json()).thread;
    expect(thread).toMatchObject({
      documentId,
      anchor: sent.anchor,
      quote: "urge delegations",
      status: "open",
      createdBy: { id: as("editor").userId, name: "A editor" },
      resolvedBy: null,
      comments: [{ body: sent.body, author: { name: "A editor" }, mentions: [], editedAt: null }],
    });

    const listed = await threadsOf("viewer").$get({ param: { id: documentId } });
    expect(listed.status).toBe(200);
    expect((await listed.json()).threads.map((th) => th.id)).toContain(thread.id);

    const replied = await reply("commenter", thread.id, "Yes.");
    expect(replied.status).toBe(201);
    const repliedThread = (await replied.json()).thread;
    expect(repliedThread.comments.map((c) => c.body)).toEqual([sent.body, "Yes."]);
    const answer = defined(repliedThread.comments[1], "the reply");

    const edited = await editComment("commenter", thread.id, answer.id, "Yes, 'call on'.");
    expect(edited.status).toBe(200);
    const editedThread = (await edited.json()).thread;
    expect(editedThread.comments[1]).toMatchObject({ body: "Yes, 'call on'." });
    expect(editedThread.comments[1]?.editedAt).not.toBeNull();

    const resolved = await setStatus("owner", thread.id, "resolved");
    expect(resolved.status).toBe(200);
    expect((await resolved.json()).thread).toMatchObject({
      status: "resolved",
      resolvedBy: { id: as("owner").userId, name: "Owner" },
    });
    const reopened = await setStatus("editor", thread.id, "open");
    expect((await reopened.json()).thread).toMatchObject({
      status: "open",
      resolvedBy: null,
      resolvedAt: null,
    });

    const deleted = await deleteComment("commenter", thread.id, answer.id);
    expect(deleted.status).toBe(200);
    expect((await deleted.json()).thread?.comments).toHaveLength(1);
    // The thread's last comment takes the thread with it.
    const last = await deleteComment("editor", thread.id, firstComment(thread));
    expect(last.status).toBe(200);
    expect((await last.json()).thread).toBeNull();
    expect((await listThreads("owner")).map((th) => th.id)).not.toContain(thread.id);
    expect((await setStatus("owner", thread.id, "resolved")).status).toBe(404);

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
    const post = (body: TCreateCommentThread) => openThread("commenter", body);
    const empty = await post(opening("   "));
    expect(empty.status).toBe(400);
    expect((await refusal(empty)).issues[0]?.path).toBe("body");
    expect((await post(opening("x".repeat(MAX_COMMENT_BODY + 1)))).status).toBe(400);
    expect((await post(opening("x".repeat(MAX_COMMENT_BODY)))).status).toBe(201);
    const badAnchor = await post({ ...opening(), anchor: { start: "%%%", end: "" } });
    expect(badAnchor.status).toBe(400);
    expect((await refusal(badAnchor)).issues[0]?.path).toContain("anchor");
    expect((await post({ ...opening(), quote: "q".repeat(501) })).status).toBe(400);
    // Raw: no anchor, and a status that is neither, are bodies no route type allows.
    expect((await call("commenter", "POST", threads(), { body: "no anchor" })).status).toBe(400);
    const thread = (await (await post(opening())).json()).thread;
    expect((await reply("commenter", thread.id, "")).status).toBe(400);
    expect((await call("owner", "PATCH", `${threads()}/${thread.id}`, { status: "closed" })).status).toBe(
      400,
    );
  });

  it("lets commenters comment and resolve their own threads, editors any, and nobody change another's comment", async () => {
    const own = await newThread("commenter");
    expect((await setStatus("commenter", own.id, "resolved")).status).toBe(200);
    const owners = await newThread("owner");
    const notTheirs = await setStatus("commenter", owners.id, "resolved");
    expect(notTheirs.status).toBe(403);
    expect((await refusal(notTheirs)).code).toBe("forbidden");
    expect((await setStatus("editor", own.id, "open")).status).toBe(200);
    expect((await editComment("editor", owners.id, firstComment(owners), "Rewritten")).status).toBe(403);
    expect((await deleteComment("editor", owners.id, firstComment(owners))).status).toBe(403);
    expect((await openThread("viewer", opening())).status).toBe(403);
    expect((await reply("viewer", owners.id, "Hi")).status).toBe(403);
    // A thread is only reached through its own document.
    const other = await newDocument();
    expect((await setStatus("owner", owners.id, "resolved", other)).status).toBe(404);
  });

  it("names the members a comment mentions, and not strangers", async () => {
    const stranger = await t.signUp("Stranger");
    const body = `<@${as("viewer").userId}> and <@${stranger.userId}>, please check.`;
    const thread = await newThread("editor", opening(body));
    expect(thread.comments[0]?.body).toBe(body);
    expect(thread.comments[0]?.mentions).toEqual([{ id: as("viewer").userId, name: "A viewer" }]);
  });

  it("tells everyone following the document's comments, and only them", async () => {
    const seen: TCommentChange[] = [];
    const other: TCommentChange[] = [];
    const stop = t.ctx.commentChanges.subscribe(documentId, (change) => seen.push(change));
    const stopOther = t.ctx.commentChanges.subscribe(await newDocument(), (change) => other.push(change));
    const thread = await newThread("commenter");
    await reply("editor", thread.id, "Agreed.");
    await setStatus("editor", thread.id, "resolved");
    await deleteComment("commenter", thread.id, firstComment(thread));
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
    const refused = await outsider.api.documents[":id"].threads.stream.$get({ param: { id: documentId } });
    expect(refused.status).toBe(403);
    const stream = await t.openStream(`${threads()}/stream`, as("viewer").cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    const thread = await newThread("commenter", opening("Streamed comment"));
    await stream.until("Streamed comment");
    await deleteComment("commenter", thread.id, firstComment(thread));
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
    const last = await openThread("commenter", opening(), document);
    expect(last.status).toBe(201);
    const over = await openThread("commenter", opening(), document);
    expect(over.status).toBe(409);
    expect((await refusal(over)).code).toBe("too_many_comment_threads");
    const count = await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM comment_threads WHERE document_id = $1",
      [document],
    );
    expect(count[0]?.n).toBe(MAX_THREADS_PER_DOCUMENT);
  });
});
