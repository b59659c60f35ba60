import { colorForName } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/app.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: { cookie: string; userId: string };
let member: { cookie: string; userId: string };
let outsider: { cookie: string; userId: string };
let workspaceId: string;

const report = (connectionId: string, extra: Record<string, unknown> = {}) => ({
  connectionId,
  documentId: null,
  status: "remote",
  timeZone: "Africa/Nairobi",
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Amina Diallo");
  workspaceId = (await t.call("GET", "/api/me", { cookie: owner.cookie })).body.workspaces[0].id;
  member = await t.signUp("Diego Ruiz");
  const { token } = (
    await t.call("POST", `/api/workspaces/${workspaceId}/invitations`, {
      cookie: owner.cookie,
      body: { role: "viewer" },
    })
  ).body;
  await t.call("POST", "/api/invitations/accept", { cookie: member.cookie, body: { token } });
  outsider = await t.signUp("Someone else");
}, 60_000);
afterAll(() => t.close());

const path = () => `/api/workspaces/${workspaceId}/presence`;

describe("presence API", () => {
  it("takes a member's report, with name and colour from the account, and lists it", async () => {
    const reported = await t.call("POST", path(), {
      cookie: owner.cookie,
      body: report("tab-aaaaaaaa", { status: "room", timeZone: "Europe/Zurich" }),
    });
    expect(reported.status).toBe(200);
    expect(reported.body.entry).toMatchObject({
      userId: owner.userId,
      name: "Amina Diallo",
      color: colorForName("Amina Diallo"),
      status: "room",
      timeZone: "Europe/Zurich",
      documentId: null,
    });
    const listed = await t.call("GET", path(), { cookie: member.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.entries.map((entry: { name: string }) => entry.name)).toContain("Amina Diallo");
  });

  it("refuses outsiders (403) and the signed-out (401)", async () => {
    expect((await t.call("GET", path(), { cookie: outsider.cookie })).status).toBe(403);
    expect(
      (await t.call("POST", path(), { cookie: outsider.cookie, body: report("tab-outsider") })).status,
    ).toBe(403);
    expect((await t.call("GET", path())).status).toBe(401);
  });

  it.each([
    [{ timeZone: "Mars/Olympus_Mons" }, "timeZone"],
    [{ status: "busy" }, "status"],
    [{ documentId: "not-a-uuid" }, "documentId"],
    [{ documentId: "00000000-0000-4000-8000-000000000000" }, "documentId"],
  ])("refuses a report with %j", async (extra, field) => {
    const response = await t.call("POST", path(), {
      cookie: owner.cookie,
      body: report("tab-bbbbbbbb", extra),
    });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toContain(field);
  });

  it("refuses a connection id that is too short or has other characters", async () => {
    for (const connectionId of ["short", "has spaces in it", "x".repeat(65)]) {
      expect(
        (await t.call("POST", path(), { cookie: owner.cookie, body: report(connectionId) })).status,
      ).toBe(400);
    }
  });

  it("lets nobody remove someone else's entry with their tab's id", async () => {
    await t.call("POST", path(), { cookie: owner.cookie, body: report("tab-shared-id") });
    const tries = await t.call("POST", `${path()}/leave`, {
      cookie: member.cookie,
      body: { connectionId: "tab-shared-id" },
    });
    expect(tries.status).toBe(200);
    const owners = (await t.call("GET", path(), { cookie: owner.cookie })).body.entries.filter(
      (entry: { userId: string }) => entry.userId === owner.userId,
    );
    expect(
      owners.some((entry: { connectionId: string }) => entry.connectionId.endsWith("tab-shared-id")),
    ).toBe(true);
    // Its owner can.
    await t.call("POST", `${path()}/leave`, {
      cookie: owner.cookie,
      body: { connectionId: "tab-shared-id" },
    });
    const after = (await t.call("GET", path(), { cookie: owner.cookie })).body.entries;
    expect(
      after.some((entry: { connectionId: string }) => entry.connectionId.endsWith("tab-shared-id")),
    ).toBe(false);
  });

  it("streams a snapshot, then changes as they happen", async () => {
    const stream = await t.openStream(`${path()}/stream`, member.cookie);
    expect(stream.status).toBe(200);
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    await stream.until("event: snapshot");
    await t.call("POST", path(), { cookie: owner.cookie, body: report("tab-streamed", { status: "away" }) });
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
      const workspace = (await strict.call("GET", "/api/me", { cookie: person.cookie })).body.workspaces[0]
        .id;
      const send = (tab: string) =>
        strict.call("POST", `/api/workspaces/${workspace}/presence`, {
          cookie: person.cookie,
          body: report(tab),
        });
      for (const tab of ["tab-one-aaaa", "tab-two-aaaa", "tab-three-aa"])
        expect((await send(tab)).status).toBe(200);
      const fourth = await send("tab-four-aaa");
      expect(fourth.status).toBe(429);
      expect(fourth.body.error.code).toBe("rate_limited");
      const listed = (
        await strict.call("GET", `/api/workspaces/${workspace}/presence`, { cookie: person.cookie })
      ).body.entries;
      expect(
        listed.some((entry: { connectionId: string }) => entry.connectionId.endsWith("tab-four-aaa")),
      ).toBe(false);
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
