import type { IncomingMessage } from "node:http";
import { CloseCode, type TRole } from "@caucus/shared";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accessFromRights, findDocumentAccess, findPersonRights } from "../documents/policy.js";
import type { SqlClient } from "../platform/db/SqlClient.js";
import { createTestApp, firstWorkspaceOf, type TTestApp, type TTestPerson } from "../testing/app.js";
import { AdmissionCache } from "./AdmissionCache.js";
import { createSocketAdmission } from "./admitSocket.js";
import { OpeningsAudit } from "./OpeningsAudit.js";
import type { TSocketAdmission } from "./SocketGate.js";

/**
 * The sync gate with what it remembers, against the real better-auth and
 * database: a socket coming back asks the database nothing, and every
 * change of rights, session or document is seen by the very next socket.
 */

const ORIGIN = "http://localhost:3000";

let t: TTestApp;
let owner: TTestPerson;
let workspaceId: string;
let cache: AdmissionCache;
let openings: OpeningsAudit;
let admit: Awaited<ReturnType<typeof createSocketAdmission>>;
/** Holds the next access query's answer until released (see the overtaken check). */
let holdAccess: Promise<void> | undefined;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Owner");
  workspaceId = await firstWorkspaceOf(owner);
  cache = new AdmissionCache({ accessChanges: t.ctx.accessChanges, ttlMs: 60_000, maxEntries: 1_000 });
  const logger = pino({ level: "silent" });
  openings = new OpeningsAudit({ audit: t.ctx.audit, logger });
  const db = new Proxy(t.db, {
    get(target, property, receiver) {
      if (property !== "query") return Reflect.get(target, property, receiver);
      return async (sql: string, params?: unknown[]) => {
        const rows = await target.query(sql, params);
        if (holdAccess && sql.includes("document_grants")) {
          const held = holdAccess;
          holdAccess = undefined;
          await held;
        }
        return rows;
      };
    },
  }) as SqlClient;
  admit = await createSocketAdmission({
    auth: t.auth,
    db,
    origins: { publicOrigin: undefined, extraOrigins: [] },
    syncTokens: t.ctx.syncTokens,
    openings,
    logger,
    cache,
  });
}, 60_000);
afterAll(() => t.close());

function socketOf(cookie: string | undefined, documentId: string, token?: string): Promise<TSocketAdmission> {
  const headers: Record<string, string> = { host: "localhost:3000" };
  if (cookie !== undefined) {
    headers.origin = ORIGIN;
    headers.cookie = cookie;
  }
  const url = new URL(`${ORIGIN}/sync/${documentId}${token ? `?token=${encodeURIComponent(token)}` : ""}`);
  return Promise.resolve(admit({ headers } as unknown as IncomingMessage, documentId, url));
}

async function newDocument(): Promise<string> {
  const created = await owner.api.workspaces[":workspaceId"].documents.$post({
    param: { workspaceId },
    json: { title: "Draft position", kind: "notes" },
  });
  expect(created.status).toBe(201);
  return (await created.json()).document.id;
}

async function member(role: TRole): Promise<TTestPerson> {
  const invited = await owner.api.workspaces[":workspaceId"].invitations.$post({
    param: { workspaceId },
    json: { role },
  });
  const { token } = await invited.json();
  const person = await t.signUp(`A ${role}`);
  expect((await person.api.invitations.accept.$post({ json: { token } })).status).toBe(200);
  return person;
}

const changeRole = (userId: string, role: TRole) =>
  owner.api.workspaces[":workspaceId"].members[":userId"].$patch({
    param: { workspaceId, userId },
    json: { role },
  });

/** Statements sent to the database while `work` runs, better-auth's included. */
async function statementsDuring(work: () => Promise<unknown>): Promise<number> {
  const query = vi.spyOn(t.db, "query");
  const execute = vi.spyOn(t.db, "execute");
  try {
    await work();
    return query.mock.calls.length + execute.mock.calls.length;
  } finally {
    query.mockRestore();
    execute.mockRestore();
  }
}

function admitted(admission: TSocketAdmission) {
  if (!admission.ok) throw new Error(`refused: ${admission.code} ${admission.reason}`);
  return admission.identity;
}

describe("the sync gate's memory", () => {
  it("lets a session's second socket on a document in without a statement, as the person and role of the first", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    const first = admitted(await socketOf(editor.cookie, documentId));
    expect(first).toMatchObject({ userId: editor.userId, role: "editor", readOnly: false });
    let again: TSocketAdmission | undefined;
    expect(await statementsDuring(async () => (again = await socketOf(editor.cookie, documentId)))).toBe(0);
    expect(again).toEqual({ ok: true, identity: first });
    // Decided at once, without a promise.
    const headers = { host: "localhost:3000", origin: ORIGIN, cookie: editor.cookie };
    const url = new URL(`${ORIGIN}/sync/${documentId}`);
    expect(admit({ headers } as unknown as IncomingMessage, documentId, url)).toEqual({
      ok: true,
      identity: first,
    });
    // The opening is audited once, with the document's title.
    await openings.flush();
    const rows = await t.db.query<{ target_label: string }>(
      "SELECT target_label FROM audit_events WHERE action = 'document_opened' AND target_id = $1 AND actor_id = $2",
      [documentId, editor.userId],
    );
    expect(rows.map((row) => row.target_label)).toEqual(["Draft position"]);
  });

  it("lets in a new role, or nobody, on the next socket after a role change or a removal", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    admitted(await socketOf(editor.cookie, documentId));
    expect((await changeRole(editor.userId, "viewer")).status).toBe(200);
    expect(admitted(await socketOf(editor.cookie, documentId))).toMatchObject({
      role: "viewer",
      readOnly: true,
    });
    const removed = await owner.api.workspaces[":workspaceId"].members[":userId"].$delete({
      param: { workspaceId, userId: editor.userId },
    });
    expect(removed.status).toBe(200);
    expect(await socketOf(editor.cookie, documentId)).toMatchObject({ ok: false, code: CloseCode.forbidden });
  });

  it("refuses a signed-out cookie and a deleted document on the next socket", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    admitted(await socketOf(editor.cookie, documentId));
    admitted(await socketOf(owner.cookie, documentId));
    const deleted = await owner.api.documents[":id"].$delete({ param: { id: documentId } });
    expect(deleted.status).toBe(200);
    expect(await socketOf(owner.cookie, documentId)).toMatchObject({
      ok: false,
      code: CloseCode.documentNotFound,
    });

    const other = await newDocument();
    admitted(await socketOf(editor.cookie, other));
    expect((await t.call("POST", "/api/auth/sign-out", { cookie: editor.cookie })).status).toBe(200);
    expect(await socketOf(editor.cookie, other)).toMatchObject({ ok: false, code: CloseCode.unauthorized });
  });

  it("reads a sync token's session from memory, and refuses it once the session ends", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    const { token } = await (
      await editor.api.documents[":id"]["sync-token"].$post({ param: { id: documentId } })
    ).json();
    const first = admitted(await socketOf(undefined, documentId, token));
    expect(first).toMatchObject({ userId: editor.userId, displayName: "A editor" });
    expect(await statementsDuring(() => socketOf(undefined, documentId, token))).toBe(0);
    expect((await t.call("POST", "/api/auth/sign-out", { cookie: editor.cookie })).status).toBe(200);
    expect(await socketOf(undefined, documentId, token)).toMatchObject({
      ok: false,
      code: CloseCode.unauthorized,
    });
  });

  it("checks again, from the database, a socket whose role was read just before a change it then heard", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    let release = () => {};
    holdAccess = new Promise<void>((resolve) => (release = resolve));
    // The role is read (editor) and held back while the owner demotes them.
    const checking = socketOf(editor.cookie, documentId);
    expect((await changeRole(editor.userId, "viewer")).status).toBe(200);
    release();
    expect(admitted(await checking)).toMatchObject({ role: "viewer", readOnly: true });
    // Nothing read before the change was kept either.
    expect(cache.access(editor.userId, documentId)?.role).toBe("viewer");
  });

  it("never looks up a cookie whose signature is not ours, nor one sent twice", async () => {
    const editor = await member("editor");
    const documentId = await newDocument();
    admitted(await socketOf(editor.cookie, documentId));
    const [name, value] = editor.cookie.split("=") as [string, string];
    const decoded = decodeURIComponent(value);
    // Another token with this one's signature.
    const tampered = `${name}=${encodeURIComponent(`${decoded[0] === "a" ? "b" : "a"}${decoded.slice(1)}`)}`;
    expect(await socketOf(tampered, documentId)).toMatchObject({ ok: false, code: CloseCode.unauthorized });
    const tokenOnly = `${name}=${decoded.slice(0, decoded.lastIndexOf("."))}`;
    expect(await socketOf(tokenOnly, documentId)).toMatchObject({ ok: false, code: CloseCode.unauthorized });
    // Twice: better-auth decides (here: the first, the owner's), every time, and from the database.
    const twice = `${owner.cookie}; ${editor.cookie}`;
    expect(admitted(await socketOf(twice, documentId)).userId).toBe(owner.userId);
    expect(await statementsDuring(() => socketOf(twice, documentId))).toBeGreaterThan(0);
  });
});

describe("a person's rights read in one statement", () => {
  it("give every role the REST policy gives, on every document, and refuse what it refuses", async () => {
    const [editor, viewer] = [await member("editor"), await member("viewer")];
    const outsider = await t.signUp("Ally");
    const [plain, granted, trashed] = [await newDocument(), await newDocument(), await newDocument()];
    for (const [userId, role] of [
      [viewer.userId, "editor"],
      [outsider.userId, "commenter"],
      [owner.userId, "viewer"],
    ] as const) {
      await t.db.query("INSERT INTO document_grants (document_id, user_id, role) VALUES ($1, $2, $3)", [
        granted,
        userId,
        role,
      ]);
    }
    expect((await owner.api.documents[":id"].$delete({ param: { id: trashed } })).status).toBe(200);
    for (const person of [owner, editor, viewer, outsider]) {
      for (const documentId of [plain, granted, trashed, crypto.randomUUID()]) {
        const expected = await findDocumentAccess(t.db, person.userId, documentId);
        const { place, rights, complete } = await findPersonRights(t.db, person.userId, documentId);
        expect(complete).toBe(true);
        const exists = Boolean(expected?.document.workspaceId && !expected.document.deletedAt);
        expect(place !== null, `${person.userId} on ${documentId}`).toBe(exists);
        if (!place || !expected) continue;
        expect(accessFromRights(rights, documentId, place)).toEqual({
          role: expected.role,
          isMember: expected.isMember,
        });
      }
    }
  });
});
