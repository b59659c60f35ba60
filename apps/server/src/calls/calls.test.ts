import { randomUUID } from "node:crypto";
import { deliverySettingsOf, MAX_CALLS_PER_WORKSPACE } from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp } from "../testing/app.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: string;
let userId: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const coordinator = await t.signUp("Coordinator");
  cookie = coordinator.cookie;
  userId = coordinator.userId;
  workspaceId = (await t.call("GET", "/api/me", { cookie })).body.workspaces[0].id;
}, 60_000);
afterAll(() => t.close());

const calls = (workspace = workspaceId) => `/api/workspaces/${workspace}/calls`;
const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });

/** A workspace of its own for someone who signed up after the first account. */
async function ownWorkspace(person: { cookie: string }, name: string): Promise<string> {
  const created = await t.call("POST", "/api/workspaces", { cookie: person.cookie, body: { name } });
  return created.body.workspace.id;
}

/** A call for interventions as the form sends it: Geneva, 3 p.m. local time (14:00 UTC in March). */
const geneva = (fields: Record<string, unknown> = {}) => ({
  forum: "Human Rights Council, 58th session",
  agendaItem: "Item 3: general debate",
  deadline: "2025-03-04T15:00:00+01:00",
  venueTimeZone: "Europe/Zurich",
  ...fields,
});

async function auditActions(): Promise<string[]> {
  return (await call("GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
    (event: { action: string }) => event.action,
  );
}

describe("calls API", () => {
  it("creates, lists, updates and deletes a call, and audits each", async () => {
    const created = await call("POST", calls(), geneva({ speakerId: userId }));
    expect(created.status).toBe(201);
    const { id } = created.body.call;
    expect(created.body.call).toMatchObject({
      workspaceId,
      forum: "Human Rights Council, 58th session",
      agendaItem: "Item 3: general debate",
      deadline: "2025-03-04T14:00:00.000Z",
      venueTimeZone: "Europe/Zurich",
      status: "drafting",
      speaker: { id: userId, name: "Coordinator" },
      draft: null,
      estimate: null,
    });

    const listed = await call("GET", calls());
    expect(listed.status).toBe(200);
    expect(listed.body.calls.map((c: { id: string }) => c.id)).toContain(id);

    const updated = await call("PATCH", `${calls()}/${id}`, { status: "ready", speakerId: null });
    expect(updated.status).toBe(200);
    expect(updated.body.call).toMatchObject({
      status: "ready",
      speaker: null,
      forum: created.body.call.forum,
    });

    const deleted = await call("DELETE", `${calls()}/${id}`);
    expect(deleted.status).toBe(200);
    expect((await call("GET", calls())).body.calls.map((c: { id: string }) => c.id)).not.toContain(id);
    expect((await call("PATCH", `${calls()}/${id}`, { status: "ready" })).status).toBe(404);
    expect((await call("DELETE", `${calls()}/${id}`)).status).toBe(404);

    const actions = await auditActions();
    for (const action of ["call_created", "call_updated", "call_deleted"]) expect(actions).toContain(action);
  });

  it("creates the call's draft from the intervention template in the same step", async () => {
    const created = await call(
      "POST",
      calls(),
      geneva({ draft: { language: "es", limitSeconds: 120, title: "Intervención ítem 3" } }),
    );
    expect(created.status).toBe(201);
    const { draft, estimate } = created.body.call;
    expect(draft).toMatchObject({ title: "Intervención ítem 3" });
    // The template's address and closing, "Gracias, Presidencia." and "Gracias.": three words.
    expect(estimate).toMatchObject({ mode: "time", words: 3, limitSeconds: 120, over: false });

    const document = await call("GET", `/api/documents/${draft.id}`);
    expect(document.body.document).toMatchObject({ kind: "intervention", workspaceId });
    const ydoc = new Y.Doc();
    for (const update of (await t.ctx.updates.load(draft.id)).updates) Y.applyUpdate(ydoc, update);
    const text = readAloudParagraphs(documentContent(ydoc));
    expect(text).toEqual(["", "Gracias, Presidencia.", "", "Gracias."]);
    const settings = deliverySettingsOf(ydoc);
    expect(settings).toMatchObject({
      language: "es",
      limit: { mode: "time", seconds: 120 },
      forum: "Human Rights Council, 58th session",
      agendaItem: "Item 3: general debate",
    });
    expect(await auditActions()).toContain("document_created");
  });

  it("names the draft after the agenda item and forum when no title is given", async () => {
    const created = await call("POST", calls(), geneva({ draft: { language: "en", limitSeconds: 90 } }));
    expect(created.body.call.draft.title).toBe("Item 3: general debate (Human Rights Council, 58th session)");
  });

  it("links an existing draft and shows none once it is in the trash", async () => {
    const document = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Article 17",
      kind: "intervention",
      intervention: { language: "en", limitSeconds: 90, forum: "", agendaItem: "" },
    });
    const draftId = document.body.document.id;
    const created = await call("POST", calls(), geneva({ draftId }));
    expect(created.body.call.draft).toEqual({ id: draftId, title: "Article 17" });
    expect(created.body.call.estimate).toMatchObject({ words: 5, limitSeconds: 90 });
    await call("DELETE", `/api/documents/${draftId}`);
    const listed = (await call("GET", calls())).body.calls.find(
      (c: { id: string }) => c.id === created.body.call.id,
    );
    expect(listed).toMatchObject({ draft: null, estimate: null });
  });

  it("tells open boards when a linked draft is renamed, trashed or restored", async () => {
    const document = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Article 19",
      kind: "notes",
    });
    const draftId = document.body.document.id;
    const created = await call("POST", calls(), geneva({ draftId }));
    const heard: unknown[] = [];
    const stop = t.ctx.board.subscribe(workspaceId, (change) => heard.push(change));
    try {
      await call("PATCH", `/api/documents/${draftId}`, { title: "Article 19 (final)" });
      await call("DELETE", `/api/documents/${draftId}`);
      await call("POST", `/api/documents/${draftId}/restore`);
    } finally {
      stop();
    }
    const drafts = heard.map((change) => {
      const { type, call: board } = change as { type: string; call: { id: string; draft: unknown } };
      expect(type).toBe("updated");
      expect(board.id).toBe(created.body.call.id);
      return board.draft;
    });
    expect(drafts).toEqual([
      { id: draftId, title: "Article 19 (final)" },
      null,
      { id: draftId, title: "Article 19 (final)" },
    ]);
  });

  it("refuses invalid fields, naming the field", async () => {
    const cases: [Record<string, unknown>, string][] = [
      [geneva({ venueTimeZone: "Geneva" }), "venueTimeZone"],
      [geneva({ venueTimeZone: "+01:00" }), "venueTimeZone"],
      [geneva({ deadline: "2025-02-30T10:00:00Z" }), "deadline"],
      [geneva({ deadline: "next Tuesday" }), "deadline"],
      [geneva({ forum: "   " }), "forum"],
      [geneva({ agendaItem: "x".repeat(301) }), "agendaItem"],
      [geneva({ status: "sent" }), "status"],
      [geneva({ draftId: "not-a-uuid" }), "draftId"],
      [geneva({ draft: { language: "en", limitSeconds: 0 } }), "draft.limitSeconds"],
      [geneva({ draft: { language: "en", limitSeconds: 90 }, draftId: randomUUID() }), "draft"],
    ];
    for (const [body, path] of cases) {
      const response = await call("POST", calls(), body);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe("invalid_input");
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await call("PATCH", `${calls()}/${randomUUID()}`, {})).status).toBe(400);
  });

  it("refuses a speaker who is not a member and a draft of another workspace", async () => {
    const stranger = await t.signUp("Stranger");
    const notMember = await call("POST", calls(), geneva({ speakerId: stranger.userId }));
    expect(notMember.status).toBe(400);
    expect(notMember.body.error.details[0].path).toBe("speakerId");

    const theirWorkspace = await ownWorkspace(stranger, "Other coalition");
    const theirs = await t.call("POST", `/api/workspaces/${theirWorkspace}/documents`, {
      cookie: stranger.cookie,
      body: { title: "Their letter" },
    });
    const foreign = await call("POST", calls(), geneva({ draftId: theirs.body.document.id }));
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details[0].path).toBe("draftId");
    // Nor can a call of one workspace be changed through another's address.
    const mine = (await call("POST", calls(), geneva())).body.call.id;
    const elsewhere = await t.call("PATCH", `${calls(theirWorkspace)}/${mine}`, {
      cookie: stranger.cookie,
      body: { status: "delivered" },
    });
    expect(elsewhere.status).toBe(404);
  });

  it("streams the board, then each change as it happens", async () => {
    const stream = await t.openStream(`${calls()}/stream`, cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    const created = (await call("POST", calls(), geneva({ agendaItem: "Streamed item" }))).body.call;
    await stream.until('"type":"created"');
    expect(stream.received()).toContain("Streamed item");
    await call("PATCH", `${calls()}/${created.id}`, { status: "delivered" });
    await stream.until('"type":"updated"');
    await call("DELETE", `${calls()}/${created.id}`);
    await stream.until(`{"type":"deleted","callId":"${created.id}"}`);
    await stream.close();
  });
});

describe("the cap on calls per workspace", () => {
  it(`accepts the ${MAX_CALLS_PER_WORKSPACE}th call and refuses the next, without leaving a draft behind`, async () => {
    const owner = await t.signUp("Busy coalition");
    const workspace = await ownWorkspace(owner, "Busy coalition");
    const post = (body: unknown) => t.call("POST", calls(workspace), { cookie: owner.cookie, body });
    // All but one, straight into storage: the edge is what is tested here, not 499 requests.
    for (let i = 0; i < MAX_CALLS_PER_WORKSPACE - 1; i++) {
      const fields = { ...geneva(), deadline: "2025-03-04T14:00:00.000Z", status: "drafting" as const };
      await t.ctx.calls.createUnlessFull(
        {
          ...fields,
          speakerId: null,
          draftId: null,
          id: randomUUID(),
          workspaceId: workspace,
          createdBy: owner.userId,
        },
        MAX_CALLS_PER_WORKSPACE,
      );
    }
    const last = await post(geneva());
    expect(last.status).toBe(201);
    const documentsBefore = (
      await t.call("GET", `/api/workspaces/${workspace}/documents`, { cookie: owner.cookie })
    ).body.documents.length;
    const over = await post(geneva({ draft: { language: "en", limitSeconds: 90 } }));
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("too_many_calls");
    expect(over.body.error.message).toContain("Delete calls that were delivered");
    const documentsAfter = (
      await t.call("GET", `/api/workspaces/${workspace}/documents`, { cookie: owner.cookie })
    ).body.documents.length;
    expect(documentsAfter).toBe(documentsBefore);

    const listed = await t.call("GET", calls(workspace), { cookie: owner.cookie });
    expect(listed.body.calls).toHaveLength(MAX_CALLS_PER_WORKSPACE);
    expect(
      (await t.call("DELETE", `${calls(workspace)}/${last.body.call.id}`, { cookie: owner.cookie })).status,
    ).toBe(200);
    expect((await post(geneva())).status).toBe(201);
  }, 60_000);
});
