import type { TAuditEvent } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp } from "../testing/app.js";

/** The audit log: what is recorded, paging, and the CSV export. */

let t: Awaited<ReturnType<typeof createTestApp>>;
let owner: { cookie: string; userId: string; email: string };
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = (await t.call("GET", "/api/me", { cookie: owner.cookie })).body.workspaces[0].id;
}, 60_000);
afterAll(() => t.close());

const ws = () => `/api/workspaces/${workspaceId}`;

async function allEvents(): Promise<TAuditEvent[]> {
  const { status, body } = await t.call("GET", `${ws()}/audit?limit=500`, { cookie: owner.cookie });
  expect(status).toBe(200);
  return body.events;
}

/** A new member with `name`, who joined through an invitation. */
async function join(name: string) {
  const created = await t.call("POST", `${ws()}/invitations`, {
    cookie: owner.cookie,
    body: { role: "editor" },
  });
  const person = await t.signUp(name);
  await t.call("POST", "/api/invitations/accept", {
    cookie: person.cookie,
    body: { token: created.body.token },
  });
  return { ...person, invitationId: created.body.invitation.id as string };
}

/** RFC 4180 records: quoted fields may hold commas, CRLF and doubled quotes. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field === "") quoted = true;
    else if (char === ",") {
      record.push(field);
      field = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i++;
    } else field += char;
  }
  expect(quoted, "the CSV ends inside a quoted field").toBe(false);
  expect(field === "" && record.length === 0, "the CSV's last line ends with CRLF").toBe(true);
  return records;
}

describe("audit events", () => {
  it("record invitations, role changes and removals with actor and target", async () => {
    const person = await join("Audited member");
    await t.call("PATCH", `${ws()}/members/${person.userId}`, {
      cookie: owner.cookie,
      body: { role: "viewer" },
    });
    await t.call("DELETE", `${ws()}/members/${person.userId}`, { cookie: owner.cookie });

    const events = await allEvents();
    const find = (action: string) => events.find((event) => event.action === action);
    const asOwner = { id: owner.userId, name: "Owner", email: owner.email };
    expect(find("invitation_created")).toMatchObject({
      actor: asOwner,
      target: { type: "invitation", id: person.invitationId },
      detail: { role: "editor", documentId: null },
    });
    expect(find("invitation_accepted")).toMatchObject({
      actor: { id: person.userId, name: "Audited member", email: person.email },
      target: { type: "invitation", id: person.invitationId },
      detail: { role: "editor" },
    });
    expect(find("member_role_changed")).toMatchObject({
      actor: asOwner,
      target: { type: "user", id: person.userId, label: person.email },
      detail: { from: "editor", to: "viewer" },
    });
    expect(find("member_removed")).toMatchObject({
      actor: asOwner,
      target: { type: "user", id: person.userId, label: person.email },
      detail: { role: "viewer", left: false },
    });
    // Newest first: the removal came last.
    const order = ["member_removed", "member_role_changed", "invitation_accepted", "invitation_created"];
    const positions = order.map((action) => events.findIndex((event) => event.action === action));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("page newest first through before/nextBefore, with no gap or overlap", async () => {
    for (let i = 0; i < 4; i++) {
      await t.call("POST", `${ws()}/documents`, { cookie: owner.cookie, body: { title: `Paged ${i}` } });
    }
    const all = await allEvents();
    expect(all.length).toBeGreaterThan(6);
    const paged: TAuditEvent[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const query: string = before ? `?limit=3&before=${before}` : "?limit=3";
      const { body } = await t.call("GET", `${ws()}/audit${query}`, { cookie: owner.cookie });
      expect(body.events.length).toBeLessThanOrEqual(3);
      paged.push(...body.events);
      if (body.nextBefore === null) break;
      expect(body.nextBefore).toBe(body.events.at(-1).id);
      before = body.nextBefore;
    }
    expect(paged.map((event) => event.id)).toEqual(all.map((event) => event.id));
    const ids = all.map((event) => BigInt(event.id));
    expect(ids.every((id, i) => i === 0 || id < (ids[i - 1] as bigint))).toBe(true);
    expect((await t.call("GET", `${ws()}/audit?limit=501`, { cookie: owner.cookie })).status).toBe(400);
  });

  it("are the owner's to read", async () => {
    const editor = await join("Curious editor");
    expect((await t.call("GET", `${ws()}/audit`, { cookie: editor.cookie })).status).toBe(403);
    expect((await t.call("GET", `${ws()}/audit.csv`, { cookie: editor.cookie })).status).toBe(403);
  });
});

describe("audit.csv", () => {
  it("has a header and one RFC 4180 line per event, and neutralises formulas", async () => {
    await t.call("POST", `${ws()}/documents`, { cookie: owner.cookie, body: { title: '=HYPERLINK("x")' } });
    await t.call("POST", `${ws()}/documents`, { cookie: owner.cookie, body: { title: "@SUM(1,2)" } });
    await join('Doe, "Jane"\nSecond line');

    const response = await t.call("GET", `${ws()}/audit.csv`, { cookie: owner.cookie });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const csv: string = response.body;

    const records = parseCsv(csv);
    expect(records[0]).toEqual([
      "time_utc",
      "action",
      "actor_name",
      "actor_email",
      "target_type",
      "target_id",
      "target",
      "detail",
    ]);
    const events = await allEvents();
    expect(records).toHaveLength(events.length + 1);
    for (const record of records) expect(record).toHaveLength(8);
    expect(records.slice(1).map((record) => record[1])).toEqual(events.map((event) => event.action));

    // The title is quoted (it holds quotes) and starts with an apostrophe.
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toContain(`"'@SUM(1,2)"`);
    const targets = records.map((record) => record[6]);
    expect(targets).toContain(`'=HYPERLINK("x")`);
    expect(targets).not.toContain(`=HYPERLINK("x")`);
    // A name with a comma, quotes and a line break stays one field.
    expect(records.map((record) => record[2])).toContain('Doe, "Jane"\nSecond line');
    // No cell a spreadsheet would run as a formula.
    for (const record of records) {
      for (const cell of record) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    }
  });
});
