import { randomUUID } from "node:crypto";
import { MAX_NAMED_VERSIONS, MAX_VERSION_NAME, MAX_VERSION_NOTE } from "@caucus/shared";
import { DOCUMENT_FIELD, textParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp } from "../testing/app.js";
import { snapshotDocument } from "./snapshotDocument.js";
import { takeAutomaticVersion } from "./takeAutomaticVersion.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp({ autoVersionQuietMs: 100 });
  cookie = (await t.signUp("Policy lead")).cookie;
  workspaceId = (await t.call("GET", "/api/me", { cookie })).body.workspaces[0].id;
}, 60_000);
afterAll(() => t.close());

const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });
const versions = (documentId: string) => `/api/documents/${documentId}/versions`;
const compare = (documentId: string, from: string, to: string) =>
  `/api/documents/${documentId}/compare?from=${from}&to=${to}`;

async function newDocument(title = "Joint statement"): Promise<string> {
  const created = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
    title,
    kind: "statement",
  });
  expect(created.status).toBe(201);
  return created.body.document.id;
}

/** Replaces the stored text with these paragraphs, as one edit appended to the update log. */
async function setText(documentId: string, paragraphs: string[]): Promise<void> {
  const doc = new Y.Doc();
  for (const update of (await t.ctx.updates.load(documentId)).updates) Y.applyUpdate(doc, update);
  const before = Y.encodeStateVector(doc);
  const fragment = doc.getXmlFragment(DOCUMENT_FIELD);
  doc.transact(() => {
    fragment.delete(0, fragment.length);
    fragment.insert(
      0,
      paragraphs.map((text) => {
        const paragraph = new Y.XmlElement("paragraph");
        paragraph.insert(0, [new Y.XmlText(text)]);
        return paragraph;
      }),
    );
  });
  await t.ctx.updates.append(documentId, Y.encodeStateAsUpdate(doc, before));
  doc.destroy();
}

async function saveVersion(documentId: string, name: string, note?: string) {
  const saved = await call("POST", versions(documentId), { name, note });
  expect(saved.status, JSON.stringify(saved.body)).toBe(201);
  return saved.body.version as { id: string; name: string };
}

describe("named versions", () => {
  it("saves the text now under a name and note, lists it and opens it read-only", async () => {
    const id = await newDocument();
    await setText(id, ["We urge the committee to act.", "Signed, the coalition."]);
    const created = await call("POST", versions(id), { name: "  v3 sent to delegations ", note: "As sent." });
    expect(created.status).toBe(201);
    expect(created.body.version).toMatchObject({
      documentId: id,
      kind: "named",
      name: "v3 sent to delegations",
      note: "As sent.",
      createdBy: { name: "Policy lead" },
      words: 9,
    });

    const listed = await call("GET", versions(id));
    expect(listed.status).toBe(200);
    expect(listed.body.versions.map((v: { id: string }) => v.id)).toEqual([created.body.version.id]);

    const opened = await call("GET", `${versions(id)}/${created.body.version.id}`);
    expect(opened.status).toBe(200);
    expect(opened.body.paragraphs).toEqual(["We urge the committee to act.", "Signed, the coalition."]);
    expect(textParagraphs(opened.body.content)).toEqual(opened.body.paragraphs);
    expect(opened.body.content.type).toBe("doc");

    const actions = (await call("GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
      (event: { action: string }) => event.action,
    );
    expect(actions).toContain("version_created");
  });

  it(`takes a name of 1-${MAX_VERSION_NAME} characters and a note up to ${MAX_VERSION_NOTE}`, async () => {
    const id = await newDocument();
    expect((await call("POST", versions(id), { name: "   " })).status).toBe(400);
    const tooLong = await call("POST", versions(id), { name: "n".repeat(MAX_VERSION_NAME + 1) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details[0].path).toBe("name");
    expect((await call("POST", versions(id), { name: "n".repeat(MAX_VERSION_NAME) })).status).toBe(201);
    const longNote = await call("POST", versions(id), { name: "x", note: "n".repeat(MAX_VERSION_NOTE + 1) });
    expect(longNote.status).toBe(400);
    expect(longNote.body.error.details[0].path).toBe("note");
    expect((await call("POST", versions(id), { name: "x", note: "n".repeat(MAX_VERSION_NOTE) })).status).toBe(
      201,
    );
  });

  it(`keeps ${MAX_NAMED_VERSIONS} named versions of a document and refuses the next`, async () => {
    const id = await newDocument();
    await setText(id, ["Text."]);
    const snapshot = await snapshotDocument(t.ctx, id);
    const owner = (await call("GET", "/api/me")).body.user.id;
    // All but one straight into storage: the edge is what is tested here, not 499 requests.
    for (let i = 0; i < MAX_NAMED_VERSIONS - 1; i++) {
      await t.ctx.versions.createNamedUnlessFull(
        { id: randomUUID(), documentId: id, name: `v${i}`, note: "", createdBy: owner },
        snapshot,
        MAX_NAMED_VERSIONS,
      );
    }
    const last = await saveVersion(id, "the last one");
    const over = await call("POST", versions(id), { name: "one too many" });
    expect(over.status).toBe(409);
    expect(over.body.error.code).toBe("too_many_versions");
    // Restoring a changed text must save it first, so it is refused too, and says why.
    await setText(id, ["Changed."]);
    const restore = await call("POST", `${versions(id)}/${last.id}/restore`);
    expect(restore.status).toBe(409);
    expect(restore.body.error.code).toBe("too_many_versions");
    expect(await t.ctx.versions.countNamed(id)).toBe(MAX_NAMED_VERSIONS);
  });

  it("answers 404 for a version of another document and 400 for an id that is not one", async () => {
    const id = await newDocument();
    const other = await newDocument("Other");
    const version = await saveVersion(other, "theirs");
    expect((await call("GET", `${versions(id)}/${version.id}`)).status).toBe(404);
    expect((await call("POST", `${versions(id)}/${version.id}/restore`)).status).toBe(404);
    expect((await call("GET", compare(id, version.id, "current"))).status).toBe(404);
    expect((await call("GET", `${versions(id)}/not-a-uuid`)).status).toBe(400);
    expect((await call("GET", compare(id, "yesterday", "current"))).status).toBe(400);
  });
});

describe("compare", () => {
  it("marks inserted and deleted words between a version and the current text, paragraph by paragraph", async () => {
    const id = await newDocument();
    await setText(id, ["States must protect journalists.", "Unchanged closing."]);
    const v1 = await saveVersion(id, "v1");
    await setText(id, ["States shall protect journalists and defenders.", "Unchanged closing."]);

    const compared = await call("GET", compare(id, v1.id, "current"));
    expect(compared.status).toBe(200);
    expect(compared.body.from).toMatchObject({ kind: "version", version: { id: v1.id, name: "v1" } });
    expect(compared.body.to.kind).toBe("current");
    expect(compared.body.diff.paragraphs).toEqual([
      {
        change: "changed",
        pieces: [
          { change: "same", text: "States " },
          { change: "deleted", text: "must" },
          { change: "inserted", text: "shall" },
          { change: "same", text: " protect journalists " },
          { change: "inserted", text: "and defenders" },
          { change: "same", text: "." },
        ],
      },
      { change: "same", pieces: [{ change: "same", text: "Unchanged closing." }] },
    ]);
    expect(compared.body.diff).toMatchObject({ insertedWords: 3, deletedWords: 1 });

    // Two versions, the other way round: what was added is now removed.
    const v2 = await saveVersion(id, "v2");
    const back = await call("GET", compare(id, v2.id, v1.id));
    expect(back.body.diff).toMatchObject({ insertedWords: 1, deletedWords: 3 });
    const same = await call("GET", compare(id, v2.id, "current"));
    expect(same.body.diff).toMatchObject({ insertedWords: 0, deletedWords: 0 });
  });

  it("exports the comparison as one standalone HTML file with a legend in words", async () => {
    const id = await newDocument("Statement <draft>");
    await setText(id, ["Old <b>wording</b> here."]);
    const v1 = await saveVersion(id, "v1");
    await setText(id, ["New <b>wording</b> here."]);
    const exported = await call("GET", `/api/documents/${id}/compare/export?from=${v1.id}&to=current`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.html"$/);
    const html: string = exported.body;
    expect(html).toContain("<del>Old</del><ins>New</ins> &lt;b&gt;wording&lt;/b&gt; here.");
    expect(html).toContain("<title>Statement &lt;draft&gt;: changes</title>");
    expect(html).toContain("Underlined words</ins> were added");
    expect(html).toContain("Struck-through words</del> were in the earlier text");
    // Nothing fetched from anywhere: no scripts, links, images or web fonts.
    expect(html).not.toMatch(/<script|<link|<img|src=|href=|@import|url\(/i);
  });
});

describe("restore", () => {
  it("saves the current text as a version first, then returns the old text for the editor to apply", async () => {
    const id = await newDocument();
    await setText(id, ["The circulated text."]);
    const v1 = await saveVersion(id, "v3 sent to delegations");
    await setText(id, ["A later rewrite."]);

    const restored = await call("POST", `${versions(id)}/${v1.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.restored.id).toBe(v1.id);
    expect(textParagraphs(restored.body.content)).toEqual(["The circulated text."]);
    expect(restored.body.saved).toMatchObject({
      kind: "named",
      name: "Before restoring “v3 sent to delegations”",
    });
    const saved = await call("GET", `${versions(id)}/${restored.body.saved.id}`);
    expect(saved.body.paragraphs).toEqual(["A later rewrite."]);

    // Nothing new to keep: the text now is already the latest version.
    const again = await call("POST", `${versions(id)}/${v1.id}/restore`);
    expect(again.body.saved).toBeNull();
    expect((await call("GET", versions(id))).body.versions).toHaveLength(2);
    const actions = (await call("GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
      (event: { action: string }) => event.action,
    );
    expect(actions).toContain("version_restored");
  });
});

describe("automatic versions", () => {
  it("are taken once edits have gone quiet, and only when the text changed", async () => {
    const id = await newDocument();
    await setText(id, ["First draft."]);
    t.ctx.autoVersions.edited(id);
    await expect.poll(async () => (await call("GET", versions(id))).body.versions.length).toBe(1);
    const [auto] = (await call("GET", versions(id))).body.versions;
    expect(auto).toMatchObject({ kind: "auto", name: null, createdBy: null, words: 2 });
    // An edit that leaves the text as it was gives no second version.
    expect(await takeAutomaticVersion(t.ctx, id)).toBeNull();
    await setText(id, ["Second draft."]);
    expect(await takeAutomaticVersion(t.ctx, id)).toMatchObject({ kind: "auto" });
  });

  it("are not taken of a document in the trash", async () => {
    const id = await newDocument();
    await setText(id, ["Going away."]);
    expect((await call("DELETE", `/api/documents/${id}`)).status).toBe(200);
    expect(await takeAutomaticVersion(t.ctx, id)).toBeNull();
  });

  it("are thinned to one per hour for a day and one per day before, never touching named ones", async () => {
    const id = await newDocument();
    const named = await saveVersion(id, "kept");
    const now = new Date("2025-03-04T12:30:00Z");
    const times = [
      "2025-03-04T12:20:00Z", // this hour: the newest of it stays
      "2025-03-04T12:05:00Z",
      "2025-03-04T09:40:00Z", // another hour: stays
      "2025-03-02T18:00:00Z", // two days ago: the newest of that day stays
      "2025-03-02T08:00:00Z",
      "2025-02-20T08:00:00Z", // alone on its day: stays
    ];
    const ids: string[] = [];
    for (const [i, at] of times.entries()) {
      await setText(id, [`Draft ${i}.`]);
      const version = await takeAutomaticVersion(t.ctx, id, new Date("2000-01-01T00:00:00Z"));
      if (!version) throw new Error("expected an automatic version");
      await t.db.query("UPDATE document_versions SET created_at = $2 WHERE id = $1", [version.id, at]);
      ids.push(version.id);
    }
    await t.ctx.versions.pruneAutomatic(id, new Date(now.getTime() - 24 * 60 * 60 * 1000), 365);
    const left = (await call("GET", versions(id))).body.versions.map((v: { id: string }) => v.id);
    expect(left.sort()).toEqual([ids[0], ids[2], ids[3], ids[5], named.id].sort());
    // Past the number of daily ones kept, the oldest day goes.
    await t.ctx.versions.pruneAutomatic(id, new Date(now.getTime() - 24 * 60 * 60 * 1000), 1);
    const fewer = (await call("GET", versions(id))).body.versions.map((v: { id: string }) => v.id);
    expect(fewer.sort()).toEqual([ids[0], ids[2], ids[3], named.id].sort());
  });
});
