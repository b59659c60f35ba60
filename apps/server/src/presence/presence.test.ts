import { colorForName, type TPresenceReport } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, firstWorkspaceOf, refusal, type TTestApp, type TTestPerson } from "../testing/app.js";

let t: TTestApp;
let owner: TTestPerson;
let member: TTestPerson;
let outsider: TTestPerson;
let workspaceId: string;

const report = (connectionId: string, extra: Partial<TPresenceReport> = {}): TPresenceReport => ({
  connectionId,
  documentId: null,
  status: "remote",
  timeZone: "Africa/Nairobi",
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Amina Diallo");
  workspaceId = await firstWorkspaceOf(owner);
  member = await t.signUp("Diego Ruiz");
  const invited = await owner.api.workspaces[":workspaceId"].invitations.$post({
    param: { workspaceId },
    json: { role: "viewer" },
  });
  const { token } = await invited.json();
  await member.api.invitations.accept.$post({ json: { token } });
  outsider = await t.signUp("Someone else");
}, 60_000);
afterAll(() => t.close());

const path = () => `/api/workspaces/${workspaceId}/presence`;
/** The presence routes of a workspace (this file's by default) as `person`. */
const presence = (person: TTestPerson) => person.api.workspaces[":workspaceId"].presence;
const send = (person: TTestPerson, json: TPresenceReport, workspace = workspaceId) =>
  presence(person).$post({ param: { workspaceId: workspace }, json });
const list = (person: TTestPerson, workspace = workspaceId) =>
  presence(person).$get({ param: { workspaceId: workspace } });
const entries = async (person: TTestPerson, workspace = workspaceId) =>
  (await (await list(person, workspace)).json()).entries;
const leave = (person: TTestPerson, connectionId: string) =>
  presence(person).leave.$post({ param: { workspaceId }, json: { connectionId } });

describe("presence API", () => {
  it("takes a member's report, with name and colour from the account, and lists it", async () => {
    const reported = await send(owner, report("tab-aaaaaaaa", { status: "room", timeZone: "Europe/Zurich" }));
    expect(reported.status).toBe(200);
    const body = await reported.json();
    // The tab learns how long its entry lives, and so how often to report.
    expect(body.ttlMs).toBe(10_000); // PRESENCE_TTL_MS of the test app
    expect(body.entry).toMatchObject({
      userId: owner.userId,
      name: "Amina Diallo",
      color: colorForName("Amina Diallo"),
      status: "room",
      timeZone: "Europe/Zurich",
      documentId: null,
    });
    const listed = await list(member);
    expect(listed.status).toBe(200);
    expect((await listed.json()).entries.map((entry) => entry.name)).toContain("Amina Diallo");
  });

  it("refuses outsiders (403) and the signed-out (401)", async () => {
    expect((await list(outsider)).status).toBe(403);
    expect((await send(outsider, report("tab-outsider"))).status).toBe(403);
    expect((await t.api().workspaces[":workspaceId"].presence.$get({ param: { workspaceId } })).status).toBe(
      401,
    );
  });

  it.each([
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ status: "busy" }, "status"],
    [{ documentId: "not-a-uuid" }, "documentId"],
    [{ documentId: "00000000-0000-4000-8000-000000000000" }, "documentId"],
  ])("refuses a report with %j", async (extra, field) => {
    // Raw: a status that is none of the three is a body no route type allows.
    const response = await t.call("POST", path(), {
      cookie: owner.cookie,
      body: { ...report("tab-bbbbbbbb"), ...extra },
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("refuses a connection id that is too short or has other characters", async () => {
    for (const connectionId of ["short", "has spaces in it", "x".repeat(65)]) {
      expect((await send(owner, report(connectionId))).status).toBe(400);
    }
  });

  it("lets nobody remove someone else's entry with their tab's id", async () => {
    await send(owner, report("tab-shared-id"));
    const tries = await leave(member, "tab-shared-id");
    expect(tries.status).toBe(200);
    const owners = (await entries(owner)).filter((entry) => entry.userId === owner.userId);
    expect(owners.some((entry) => entry.connectionId.endsWith("tab-shared-id"))).toBe(true);
    // Its owner can.
    await leave(owner, "tab-shared-id");
    const after = await entries(owner);
    expect(after.some((entry) => entry.connectionId.endsWith("tab-shared-id"))).toBe(false);
  });

  it("streams a snapshot, then changes as they happen", async () => {
    const stream = await t.openStream(`${path()}/stream`, member.cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    await send(owner, report("tab-streamed", { status: "away" }));
    await stream.until("event: change");
    const received = stream.received();
    const change = received.slice(received.indexOf("event: change"));
    expect(change).toContain('"type":"joined"');
    expect(change).toContain("tab-streamed");
    await stream.close();
  });

  it("limits one person's reports per minute, at the edge", async () => {
    const strict = await createTestApp({ presenceReportsPerMinute: 3 });
    try {
      const person = await strict.signUp("Many tabs");
      const workspace = await firstWorkspaceOf(person);
      const sendTab = (tab: string) => send(person, report(tab), workspace);
      for (const tab of ["tab-one-aaaa", "tab-two-aaaa", "tab-three-aa"])
        expect((await sendTab(tab)).status).toBe(200);
      const fourth = await sendTab("tab-four-aaa");
      expect(fourth.status).toBe(429);
      expect((await refusal(fourth)).code).toBe("rate_limited");
      const listed = await entries(person, workspace);
      expect(listed.some((entry) => entry.connectionId.endsWith("tab-four-aaa"))).toBe(false);
    } finally {
      await strict.close();
    }
  });

  it("sends a reader that fell over 1,000 changes behind a fresh snapshot instead of the queue", async () => {
    const stream = await t.openStream(`${path()}/stream`, member.cookie);
    const count = (text: string) => stream.received().split(text).length - 1;
    await stream.until(() => count("event: snapshot") === 1);
    // 1,100 people arrive while nobody reads the stream.
    for (let i = 0; i < 1_100; i++) {
      await t.ctx.presence.heartbeat({
        workspaceId,
        userId: `crowd-${i}`,
        connectionId: `crowd-${i}.tab`,
        name: `Person ${i}`,
        color: "#026aa2",
        documentId: null,
        status: "remote",
        timeZone: "UTC",
        at: Date.now(),
      });
    }
    await stream.until(() => count("event: snapshot") === 2);
    // Fewer changes came through one by one than happened: the rest are in the snapshot.
    expect(count("event: change")).toBeLessThan(1_100);
    const received = stream.received();
    const last = received.slice(received.lastIndexOf("event: snapshot"));
    expect(last).toContain("crowd-1099.tab");
    await stream.close();
  });
});
