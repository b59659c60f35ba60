import { randomUUID } from "node:crypto";
import {
  deliverySettingsOf,
  MAX_CALLS_PER_WORKSPACE,
  type TCreateCall,
  type TCreateDocument,
  type TUpdateCall,
} from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createTestApp,
  defined,
  firstWorkspaceOf,
  refusal,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";

let t: TTestApp;
let coordinator: TTestPerson;
let cookie: string;
let userId: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  coordinator = await t.signUp("Coordinator");
  cookie = coordinator.cookie;
  userId = coordinator.userId;
  workspaceId = await firstWorkspaceOf(coordinator);
}, 60_000);
afterAll(() => t.close());

const calls = (workspace = workspaceId) => `/api/workspaces/${workspace}/calls`;
/** A raw request as the coordinator, for bodies no route type allows. */
const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });

/** The calls board of `workspace` as `person` (the coordinator's own by default). */
const board = (person = coordinator) => person.api.workspaces[":workspaceId"].calls;
const createCall = (json: TCreateCall, person = coordinator, workspace = workspaceId) =>
  board(person).$post({ param: { workspaceId: workspace }, json });
const listCalls = async (person = coordinator, workspace = workspaceId) =>
  (await (await board(person).$get({ param: { workspaceId: workspace } })).json()).calls;
const updateCall = (callId: string, json: TUpdateCall, person = coordinator, workspace = workspaceId) =>
  board(person)[":callId"].$patch({ param: { workspaceId: workspace, callId }, json });
const deleteCall = (callId: string, person = coordinator, workspace = workspaceId) =>
  board(person)[":callId"].$delete({ param: { workspaceId: workspace, callId } });
const createDocument = (json: TCreateDocument, person = coordinator, workspace = workspaceId) =>
  person.api.workspaces[":workspaceId"].documents.$post({ param: { workspaceId: workspace }, json });
const document = () => coordinator.api.documents[":id"];

/** A workspace of its own for someone who signed up after the first account. */
async function ownWorkspace(person: TTestPerson, name: string): Promise<string> {
  const created = await person.api.workspaces.$post({ json: { name } });
  return (await created.json()).workspace.id;
}

/** A call for interventions as the form sends it: Geneva, 3 p.m. local time (14:00 UTC in March). */
const geneva = (fields: Partial<TCreateCall> = {}): TCreateCall => ({
  forum: "Human Rights Council, 58th session",
  agendaItem: "Item 3: general debate",
  deadline: "2025-03-04T15:00:00+01:00",
  venueTimeZone: "Europe/Zurich",
  ...fields,
});

async function auditActions(): Promise<string[]> {
  const audit = coordinator.api.workspaces[":workspaceId"].audit;
  return (await (await audit.$get({ param: { workspaceId }, query: {} })).json()).events.map(
    (event) => event.action,
  );
}

describe("calls API", () => {
  it("creates, lists, updates and deletes a call, and audits each", async () => {
    const created = await createCall(geneva({ speakerId: userId }));
    expect(created.status).toBe(201);
    const createdCall = (await created.json()).call;
    const { id } = createdCall;
    expect(createdCall).toMatchObject({
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

    const listed = await board().$get({ param: { workspaceId } });
    expect(listed.status).toBe(200);
    expect((await listed.json()).calls.map((c) => c.id)).toContain(id);

    const updated = await updateCall(id, { status: "ready", speakerId: null });
    expect(updated.status).toBe(200);
    expect((await updated.json()).call).toMatchObject({
      status: "ready",
      speaker: null,
      forum: createdCall.forum,
    });

    const deleted = await deleteCall(id);
    expect(deleted.status).toBe(200);
    expect((await listCalls()).map((c) => c.id)).not.toContain(id);
    expect((await updateCall(id, { status: "ready" })).status).toBe(404);
    expect((await deleteCall(id)).status).toBe(404);

    const actions = await auditActions();
    for (const action of ["call_created", "call_updated", "call_deleted"]) expect(actions).toContain(action);
  });

  it("creates the call's draft from the intervention template in the same step", async () => {
    const created = await createCall(
      geneva({ draft: { language: "es", limitSeconds: 120, title: "Intervención ítem 3" } }),
    );
    expect(created.status).toBe(201);
    const { draft: linked, estimate } = (await created.json()).call;
    expect(linked).toMatchObject({ title: "Intervención ítem 3" });
    const draft = defined(linked, "the call's draft");
    // The template's address and closing, "Gracias, Presidencia." and "Gracias.": three words.
    expect(estimate).toMatchObject({ mode: "time", words: 3, limitSeconds: 120, over: false });

    const opened = await document().$get({ param: { id: draft.id } });
    expect((await opened.json()).document).toMatchObject({ kind: "intervention", workspaceId });
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
    const created = await createCall(geneva({ draft: { language: "en", limitSeconds: 90 } }));
    expect((await created.json()).call.draft?.title).toBe(
      "Item 3: general debate (Human Rights Council, 58th session)",
    );
  });

  it("links an existing draft and shows none once it is in the trash", async () => {
    const draftDocument = await createDocument({
      title: "Article 17",
      kind: "intervention",
      intervention: { language: "en", limitSeconds: 90, forum: "", agendaItem: "" },
    });
    const draftId = (await draftDocument.json()).document.id;
    const created = (await (await createCall(geneva({ draftId }))).json()).call;
    expect(created.draft).toEqual({ id: draftId, title: "Article 17" });
    expect(created.estimate).toMatchObject({ words: 5, limitSeconds: 90 });
    await document().$delete({ param: { id: draftId } });
    const listed = (await listCalls()).find((c) => c.id === created.id);
    expect(listed).toMatchObject({ draft: null, estimate: null });
  });

  it("tells open boards when a linked draft is renamed, trashed or restored", async () => {
    const draftDocument = await createDocument({ title: "Article 19", kind: "notes" });
    const draftId = (await draftDocument.json()).document.id;
    const created = (await (await createCall(geneva({ draftId }))).json()).call;
    const heard: unknown[] = [];
    const stop = t.ctx.board.subscribe(workspaceId, (change) => heard.push(change));
    try {
      await document().$patch({ param: { id: draftId }, json: { title: "Article 19 (final)" } });
      await document().$delete({ param: { id: draftId } });
      await document().restore.$post({ param: { id: draftId } });
    } finally {
      stop();
    }
    const drafts = heard.map((change) => {
      const { type, call: board } = change as { type: string; call: { id: string; draft: unknown } };
      expect(type).toBe("updated");
      expect(board.id).toBe(created.id);
      return board.draft;
    });
    expect(drafts).toEqual([
      { id: draftId, title: "Article 19 (final)" },
      null,
      { id: draftId, title: "Article 19 (final)" },
    ]);
  });

  it("refuses invalid fields, naming the field", async () => {
    // Raw: a status that is none of the three is a body no route type allows.
    const invalid = (fields: Record<string, unknown>) => ({ ...geneva(), ...fields });
    const cases: [Record<string, unknown>, string][] = [
      [invalid({ venueTimeZone: "Geneva" }), "venueTimeZone"],
      [invalid({ venueTimeZone: "+01:00" }), "venueTimeZone"],
      [invalid({ deadline: "2025-02-30T10:00:00Z" }), "deadline"],
      [invalid({ deadline: "next Tuesday" }), "deadline"],
      [invalid({ forum: "   " }), "forum"],
      [invalid({ agendaItem: "x".repeat(301) }), "agendaItem"],
      [invalid({ status: "sent" }), "status"],
      [invalid({ draftId: "not-a-uuid" }), "draftId"],
      [invalid({ draft: { language: "en", limitSeconds: 0 } }), "draft.limitSeconds"],
      [invalid({ draft: { language: "en", limitSeconds: 90 }, draftId: randomUUID() }), "draft"],
    ];
    for (const [body, path] of cases) {
      const response = await call("POST", calls(), body);
      expect(response.status, path).toBe(400);
      expect(response.body.error.code).toBe("invalid_input");
      expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
    expect((await updateCall(randomUUID(), {})).status).toBe(400);
  });

  it("refuses a speaker who is not a member and a draft of another workspace", async () => {
    const stranger = await t.signUp("Stranger");
    const notMember = await createCall(geneva({ speakerId: stranger.userId }));
    expect(notMember.status).toBe(400);
    expect((await refusal(notMember)).issues[0]?.path).toBe("speakerId");

    const theirWorkspace = await ownWorkspace(stranger, "Other coalition");
    const theirs = await createDocument({ title: "Their letter" }, stranger, theirWorkspace);
    const foreign = await createCall(geneva({ draftId: (await theirs.json()).document.id }));
    expect(foreign.status).toBe(400);
    expect((await refusal(foreign)).issues[0]?.path).toBe("draftId");
    // Nor can a call of one workspace be changed through another's address.
    const mine = (await (await createCall(geneva())).json()).call.id;
    const elsewhere = await updateCall(mine, { status: "delivered" }, stranger, theirWorkspace);
    expect(elsewhere.status).toBe(404);
  });

  it("streams the board, then each change as it happens", async () => {
    const stream = await t.openStream(`${calls()}/stream`, cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    const created = (await (await createCall(geneva({ agendaItem: "Streamed item" }))).json()).call;
    await stream.until('"type":"created"');
    expect(stream.received()).toContain("Streamed item");
    await updateCall(created.id, { status: "delivered" });
    await stream.until('"type":"updated"');
    await deleteCall(created.id);
    await stream.until(`{"type":"deleted","callId":"${created.id}"}`);
    await stream.close();
  });
});

describe("the cap on calls per workspace", () => {
  it(`accepts the ${MAX_CALLS_PER_WORKSPACE}th call and refuses the next, without leaving a draft behind`, async () => {
    const owner = await t.signUp("Busy coalition");
    const workspace = await ownWorkspace(owner, "Busy coalition");
    const post = (body: TCreateCall) => createCall(body, owner, workspace);
    const documentCount = async () =>
      (
        await (
          await owner.api.workspaces[":workspaceId"].documents.$get({
            param: { workspaceId: workspace },
            query: {},
          })
        ).json()
      ).documents.length;
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
    const documentsBefore = await documentCount();
    const over = await post(geneva({ draft: { language: "en", limitSeconds: 90 } }));
    expect(over.status).toBe(409);
    const refused = await refusal(over);
    expect(refused.code).toBe("too_many_calls");
    expect(refused.message).toContain("Delete calls that were delivered");
    const documentsAfter = await documentCount();
    expect(documentsAfter).toBe(documentsBefore);

    const listed = await listCalls(owner, workspace);
    expect(listed).toHaveLength(MAX_CALLS_PER_WORKSPACE);
    expect((await deleteCall((await last.json()).call.id, owner, workspace)).status).toBe(200);
    expect((await post(geneva())).status).toBe(201);
  }, 60_000);
});
