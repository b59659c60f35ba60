import type { TAuditEvent } from "@caucus/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, firstWorkspaceOf, type TTestApp, type TTestPerson } from "../testing/app.js";

/** The audit log: what is recorded, paging, and the CSV export. */

let t: TTestApp;
let owner: TTestPerson;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = await firstWorkspaceOf(owner);
}, 60_000);
afterAll(() => t.close());

const workspace = (person: TTestPerson) => person.api.workspaces[":workspaceId"];
const ws = () => ({ workspaceId });

/** A page of the log as `person` reads it (the owner by default). */
const auditPage = (query: { limit?: string; before?: string }, person = owner) =>
  workspace(person).audit.$get({ param: ws(), query });

async function allEvents(): Promise<TAuditEvent[]> {
  const response = await auditPage({ limit: "500" });
  expect(response.status).toBe(200);
  return (await response.json()).events;
}

const createDocument = (title: string) => workspace(owner).documents.$post({ param: ws(), json: { title } });

/** A new member with `name`, who joined through an invitation. */
async function join(name: string) {
  const created = await (
    await workspace(owner).invitations.$post({ param: ws(), json: { role: "editor" } })
  ).json();
  const person = await t.signUp(name);
  await person.api.invitations.accept.$post({ json: { token: created.token } });
  return { ...person, invitationId: created.invitation.id };
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
    const param = { workspaceId, userId: person.userId };
    await workspace(owner).members[":userId"].$patch({ param, json: { role: "viewer" } });
    await workspace(owner).members[":userId"].$delete({ param });

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
      await createDocument(`Paged ${i}`);
    }
    const all = await allEvents();
    expect(all.length).toBeGreaterThan(6);
    const paged: TAuditEvent[] = [];
    let before: string | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const body = await (await auditPage(before ? { limit: "3", before } : { limit: "3" })).json();
      expect(body.events.length).toBeLessThanOrEqual(3);
      paged.push(...body.events);
      if (body.nextBefore === null) break;
      expect(body.nextBefore).toBe(body.events.at(-1)?.id);
      before = body.nextBefore;
    }
    expect(paged.map((event) => event.id)).toEqual(all.map((event) => event.id));
    const ids = all.map((event) => BigInt(event.id));
    expect(ids.every((id, i) => i === 0 || id < (ids[i - 1] as bigint))).toBe(true);
    expect((await auditPage({ limit: "501" })).status).toBe(400);
  });

  it("are the owner's to read", async () => {
    const editor = await join("Curious editor");
    expect((await auditPage({}, editor)).status).toBe(403);
    expect((await workspace(editor)["audit.csv"].$get({ param: ws() })).status).toBe(403);
  });
});

describe("audit.csv", () => {
  it("has a header and one RFC 4180 line per event, and neutralises formulas", async () => {
    await createDocument('=HYPERLINK("x")');
    await createDocument("@SUM(1,2)");
    await join('Doe, "Jane"\nSecond line');

    const response = await workspace(owner)["audit.csv"].$get({ param: ws() });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const csv = await response.text();

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
