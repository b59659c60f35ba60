import { randomUUID } from "node:crypto";
import { MAX_NAMED_VERSIONS, MAX_VERSION_NAME, MAX_VERSION_NOTE, type TCreateVersion } from "@caucus/shared";
import { DOCUMENT_FIELD, textParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createTestApp,
  defined,
  editorJson,
  firstWorkspaceOf,
  refusal,
  type TTestApp,
  type TTestPerson,
} from "../testing/app.js";
import { snapshotDocument } from "./snapshotDocument.js";
import { takeAutomaticVersion } from "./takeAutomaticVersion.js";

let t: TTestApp;
let lead: TTestPerson;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp({ autoVersionQuietMs: 100 });
  lead = await t.signUp("Policy lead");
  workspaceId = await firstWorkspaceOf(lead);
}, 60_000);
afterAll(() => t.close());

const document = () => lead.api.documents[":id"];
const version = () => document().versions[":versionId"];
const createVersion = (id: string, json: TCreateVersion) =>
  document().versions.$post({ param: { id }, json });
const listVersions = async (id: string) =>
  (await (await document().versions.$get({ param: { id } })).json()).versions;
const openVersion = (id: string, versionId: string) => version().$get({ param: { id, versionId } });
const restoreVersion = (id: string, versionId: string) =>
  version().restore.$post({ param: { id, versionId } });
const compare = (id: string, from: string, to: string) =>
  document().compare.$get({ param: { id }, query: { from, to } });

async function auditActions(): Promise<string[]> {
  const audit = await lead.api.workspaces[":workspaceId"].audit.$get({ param: { workspaceId }, query: {} });
  return (await audit.json()).events.map((event) => event.action);
}

async function newDocument(title = "Joint statement"): Promise<string> {
  const created = await lead.api.workspaces[":workspaceId"].documents.$post({
    param: { workspaceId },
    json: { title, kind: "statement" },
  });
  expect(created.status).toBe(201);
  return (await created.json()).document.id;
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
  const saved = await createVersion(documentId, { name, note });
  const body = await saved.json();
  expect(saved.status, JSON.stringify(body)).toBe(201);
  return body.version;
}

describe("named versions", () => {
  it("saves the text now under a name and note, lists it and opens it read-only", async () => {
    const id = await newDocument();
    await setText(id, ["We urge the committee to act.", "Signed, the coalition."]);
    const created = await createVersion(id, { name: "  v3 sent to delegations ", note: "As sent." });
    expect(created.status).toBe(201);
    const createdVersion = (await created.json()).version;
    expect(createdVersion).toMatchObject({
      documentId: id,
      kind: "named",
      name: "v3 sent to delegations",
      note: "As sent.",
      createdBy: { name: "Policy lead" },
      words: 9,
    });

    const listed = await document().versions.$get({ param: { id } });
    expect(listed.status).toBe(200);
    expect((await listed.json()).versions.map((v) => v.id)).toEqual([createdVersion.id]);

    const opened = await openVersion(id, createdVersion.id);
    expect(opened.status).toBe(200);
    const text = await opened.json();
    expect(text.paragraphs).toEqual(["We urge the committee to act.", "Signed, the coalition."]);
    expect(textParagraphs(editorJson(text.content))).toEqual(text.paragraphs);
    expect(text.content.type).toBe("doc");

    expect(await auditActions()).toContain("version_created");
  });

  it(`takes a name of 1-${MAX_VERSION_NAME} characters and a note up to ${MAX_VERSION_NOTE}`, async () => {
    const id = await newDocument();
    expect((await createVersion(id, { name: "   " })).status).toBe(400);
    const tooLong = await createVersion(id, { name: "n".repeat(MAX_VERSION_NAME + 1) });
    expect(tooLong.status).toBe(400);
    expect((await refusal(tooLong)).issues[0]?.path).toBe("name");
    expect((await createVersion(id, { name: "n".repeat(MAX_VERSION_NAME) })).status).toBe(201);
    const longNote = await createVersion(id, { name: "x", note: "n".repeat(MAX_VERSION_NOTE + 1) });
    expect(longNote.status).toBe(400);
    expect((await refusal(longNote)).issues[0]?.path).toBe("note");
    expect((await createVersion(id, { name: "x", note: "n".repeat(MAX_VERSION_NOTE) })).status).toBe(201);
  });

  it(`keeps ${MAX_NAMED_VERSIONS} named versions of a document and refuses the next`, async () => {
    const id = await newDocument();
    await setText(id, ["Text."]);
    const snapshot = await snapshotDocument(t.ctx, id);
    const owner = (await (await lead.api.me.$get()).json()).user.id;
    // All but one straight into storage: the edge is what is tested here, not 499 requests.
    for (let i = 0; i < MAX_NAMED_VERSIONS - 1; i++) {
      await t.ctx.versions.createNamedUnlessFull(
        { id: randomUUID(), documentId: id, name: `v${i}`, note: "", createdBy: owner },
        snapshot,
        MAX_NAMED_VERSIONS,
      );
    }
    const last = await saveVersion(id, "the last one");
    const over = await createVersion(id, { name: "one too many" });
    expect(over.status).toBe(409);
    expect((await refusal(over)).code).toBe("too_many_versions");
    // Restoring a changed text must save it first, so it is refused too, and says why.
    await setText(id, ["Changed."]);
    const restore = await restoreVersion(id, last.id);
    expect(restore.status).toBe(409);
    expect((await refusal(restore)).code).toBe("too_many_versions");
    expect(await t.ctx.versions.countNamed(id)).toBe(MAX_NAMED_VERSIONS);
  });

  it("answers 404 for a version of another document and 400 for an id that is not one", async () => {
    const id = await newDocument();
    const other = await newDocument("Other");
    const theirs = await saveVersion(other, "theirs");
    expect((await openVersion(id, theirs.id)).status).toBe(404);
    expect((await restoreVersion(id, theirs.id)).status).toBe(404);
    expect((await compare(id, theirs.id, "current")).status).toBe(404);
    expect((await openVersion(id, "not-a-uuid")).status).toBe(400);
    expect((await compare(id, "yesterday", "current")).status).toBe(400);
  });
});

describe("compare", () => {
  it("marks inserted and deleted words between a version and the current text, paragraph by paragraph", async () => {
    const id = await newDocument();
    await setText(id, ["States must protect journalists.", "Unchanged closing."]);
    const v1 = await saveVersion(id, "v1");
    await setText(id, ["States shall protect journalists and defenders.", "Unchanged closing."]);

    const answer = await compare(id, v1.id, "current");
    expect(answer.status).toBe(200);
    const compared = await answer.json();
    expect(compared.from).toMatchObject({ kind: "version", version: { id: v1.id, name: "v1" } });
    expect(compared.to.kind).toBe("current");
    expect(compared.diff.paragraphs).toEqual([
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
    expect(compared.diff).toMatchObject({ insertedWords: 3, deletedWords: 1 });

    // Two versions, the other way round: what was added is now removed.
    const v2 = await saveVersion(id, "v2");
    const back = await (await compare(id, v2.id, v1.id)).json();
    expect(back.diff).toMatchObject({ insertedWords: 1, deletedWords: 3 });
    const same = await (await compare(id, v2.id, "current")).json();
    expect(same.diff).toMatchObject({ insertedWords: 0, deletedWords: 0 });
  });

  it("exports the comparison as one standalone HTML file with a legend in words", async () => {
    const id = await newDocument("Statement <draft>");
    await setText(id, ["Old <b>wording</b> here."]);
    const v1 = await saveVersion(id, "v1");
    await setText(id, ["New <b>wording</b> here."]);
    const exported = await document().compare.export.$get({
      param: { id },
      query: { from: v1.id, to: "current" },
    });
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.html"$/);
    const html = await exported.text();
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

    const answer = await restoreVersion(id, v1.id);
    expect(answer.status).toBe(200);
    const restored = await answer.json();
    expect(restored.restored.id).toBe(v1.id);
    expect(textParagraphs(editorJson(restored.content))).toEqual(["The circulated text."]);
    expect(restored.saved).toMatchObject({
      kind: "named",
      name: "Before restoring “v3 sent to delegations”",
    });
    const saved = await openVersion(id, defined(restored.saved, "the version saved first").id);
    expect((await saved.json()).paragraphs).toEqual(["A later rewrite."]);

    // Nothing new to keep: the text now is already the latest version.
    const again = await restoreVersion(id, v1.id);
    expect((await again.json()).saved).toBeNull();
    expect(await listVersions(id)).toHaveLength(2);
    expect(await auditActions()).toContain("version_restored");
  });
});

describe("automatic versions", () => {
  it("are taken once edits have gone quiet, and only when the text changed", async () => {
    const id = await newDocument();
    await setText(id, ["First draft."]);
    t.ctx.autoVersions.edited(id);
    await expect.poll(async () => (await listVersions(id)).length).toBe(1);
    const [auto] = await listVersions(id);
    expect(auto).toMatchObject({ kind: "auto", name: null, createdBy: null, words: 2 });
    // An edit that leaves the text as it was gives no second version.
    expect(await takeAutomaticVersion(t.ctx, id)).toBeNull();
    await setText(id, ["Second draft."]);
    expect(await takeAutomaticVersion(t.ctx, id)).toMatchObject({ kind: "auto" });
  });

  it("are not taken of a document in the trash", async () => {
    const id = await newDocument();
    await setText(id, ["Going away."]);
    expect((await document().$delete({ param: { id } })).status).toBe(200);
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
    const left = (await listVersions(id)).map((v) => v.id);
    expect(left.sort()).toEqual([ids[0], ids[2], ids[3], ids[5], named.id].sort());
    // Past the number of daily ones kept, the oldest day goes.
    await t.ctx.versions.pruneAutomatic(id, new Date(now.getTime() - 24 * 60 * 60 * 1000), 1);
    const fewer = (await listVersions(id)).map((v) => v.id);
    expect(fewer.sort()).toEqual([ids[0], ids[2], ids[3], named.id].sort());
  });
});
