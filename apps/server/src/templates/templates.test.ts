import { deliverySettingsOf, MAX_TEMPLATE_BYTES } from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createTestApp } from "../testing/app.js";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  const owner = await t.signUp("Coordinator");
  cookie = owner.cookie;
  workspaceId = (await t.call("GET", "/api/me", { cookie })).body.workspaces[0].id;
}, 60_000);
afterAll(() => t.close());

const templates = (workspace = workspaceId) => `/api/workspaces/${workspace}/templates`;
const call = (method: string, path: string, body?: unknown, as = cookie) =>
  t.call(method, path, { cookie: as, body });

const paragraph = (text: string, stageNote = false) => ({
  type: "paragraph",
  content: [{ type: "text", text, ...(stageNote ? { marks: [{ type: "stageNote" }] } : {}) }],
});

/** A coalition's own intervention frame, with both placeholders in one stage note. */
const OUR_INTERVENTION = {
  type: "doc",
  content: [
    paragraph("Delivered at {{forum}}, on {{agendaItem}}", true),
    paragraph("Thank you, Chair. I speak for the Coalition for Digital Rights."),
    paragraph("We thank you for your attention."),
  ],
};

/** A document's stored text (editor JSON) and delivery settings, read back from its first updates. */
async function storedDocument(documentId: string) {
  const ydoc = new Y.Doc();
  for (const update of (await t.ctx.updates.load(documentId)).updates) Y.applyUpdate(ydoc, update);
  return { json: documentContent(ydoc), settings: deliverySettingsOf(ydoc) };
}

async function auditActions(): Promise<string[]> {
  return (await call("GET", `/api/workspaces/${workspaceId}/audit`)).body.events.map(
    (event: { action: string }) => event.action,
  );
}

describe("templates API", () => {
  it("lists every kind with the built-in template until the workspace sets its own", async () => {
    const listed = await call("GET", templates());
    expect(listed.status).toBe(200);
    expect(listed.body.templates.map((template: { kind: string }) => template.kind)).toEqual([
      "intervention",
      "statement",
      "letter",
    ]);
    const intervention = listed.body.templates[0];
    expect(intervention).toMatchObject({ custom: false, updatedAt: null, updatedBy: null });
    expect(intervention.content.content[0].content[0].text).toBe("{{forum}} — {{agendaItem}}");
    expect(readAloudParagraphs(intervention.content)).toContain("Thank you, Chair.");
  });

  it("saves, reads back, replaces and resets a template, auditing each change", async () => {
    const saved = await call("PUT", `${templates()}/letter`, {
      content: { type: "doc", content: [paragraph("Dear Ministers,")] },
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.template).toMatchObject({
      kind: "letter",
      custom: true,
      updatedBy: { name: "Coordinator" },
    });

    const replaced = await call("PUT", `${templates()}/letter`, {
      content: { type: "doc", content: [paragraph("Excellencies,")] },
    });
    expect(replaced.status).toBe(200);
    const read = await call("GET", `${templates()}/letter`);
    expect(read.body.template.custom).toBe(true);
    expect(readAloudParagraphs(read.body.template.content)).toEqual(["Excellencies,"]);

    const reset = await call("DELETE", `${templates()}/letter`);
    expect(reset.status).toBe(200);
    expect(reset.body.template).toMatchObject({ kind: "letter", custom: false });
    expect((await call("GET", `${templates()}/letter`)).body.template.custom).toBe(false);
    // A second reset changes nothing and leaves no second entry.
    expect((await call("DELETE", `${templates()}/letter`)).status).toBe(200);

    const actions = await auditActions();
    expect(actions.slice(0, 3)).toEqual(["template_reset", "template_saved", "template_saved"]);
  });

  it("refuses a template over the size cap, one the editor schema cannot parse, and an unknown kind", async () => {
    const oversize = await call("PUT", `${templates()}/statement`, {
      content: { type: "doc", content: [paragraph("a".repeat(MAX_TEMPLATE_BYTES))] },
    });
    expect(oversize.status).toBe(400);
    expect(oversize.body.error).toMatchObject({ code: "invalid_input" });
    expect(oversize.body.error.message).toMatch(/too long/);

    for (const content of [
      { type: "doc", content: [{ type: "image", attrs: { src: "https://tracker.example/p.gif" } }] },
      { type: "doc", content: [{ type: "text", text: "text straight in the document" }] },
      { type: "doc", content: [paragraph("")] },
      { type: "paragraph", content: [] },
      "<p>Dear Ministers</p>",
    ]) {
      const refused = await call("PUT", `${templates()}/statement`, { content });
      expect(refused.status, JSON.stringify(content)).toBe(400);
      expect(refused.body.error.details[0].path).toBe("content");
    }
    expect((await call("PUT", `${templates()}/statement`, {})).status).toBe(400);
    expect((await call("PUT", `${templates()}/analysis`, { content: OUR_INTERVENTION })).status).toBe(400);
    expect((await call("GET", `${templates()}/statement`)).body.template.custom).toBe(false);
  });

  it("starts a new intervention from the workspace's template, with forum and agenda item filled in", async () => {
    expect((await call("PUT", `${templates()}/intervention`, { content: OUR_INTERVENTION })).status).toBe(
      200,
    );
    const created = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Item 3",
      kind: "intervention",
      intervention: { language: "es", limitSeconds: 120, forum: "HRC 61", agendaItem: "Item 3" },
    });
    expect(created.status).toBe(201);
    const { json, settings } = await storedDocument(created.body.document.id);
    expect(json.content?.[0]?.content?.[0]).toMatchObject({
      text: "Delivered at HRC 61, on Item 3",
      marks: [{ type: "stageNote" }],
    });
    expect(readAloudParagraphs(json)).toEqual([
      "",
      "Thank you, Chair. I speak for the Coalition for Digital Rights.",
      "We thank you for your attention.",
    ]);
    // The delivery settings still come from the intervention's details.
    expect(settings).toMatchObject({ language: "es", forum: "HRC 61", agendaItem: "Item 3" });
    expect(settings.limit).toEqual({ mode: "time", seconds: 120 });
  });

  it("starts a call's draft, created in the same step, from the workspace's template", async () => {
    expect((await call("PUT", `${templates()}/intervention`, { content: OUR_INTERVENTION })).status).toBe(
      200,
    );
    const created = await call("POST", `/api/workspaces/${workspaceId}/calls`, {
      forum: "Ad Hoc Committee on Cybercrime",
      agendaItem: "Article 17",
      deadline: "2024-08-01T10:00:00-04:00",
      venueTimeZone: "America/New_York",
      draft: { language: "en", limitSeconds: 180 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { json } = await storedDocument(created.body.call.draft.id);
    expect(json.content?.[0]?.content?.[0]?.text).toBe(
      "Delivered at Ad Hoc Committee on Cybercrime, on Article 17",
    );
  });

  it("fills {{title}} in other kinds, and goes back to the built-in template (or none) after a reset", async () => {
    const letter = { type: "doc", content: [paragraph("Re: {{title}}"), paragraph("Dear Ministers,")] };
    expect((await call("PUT", `${templates()}/letter`, { content: letter })).status).toBe(200);
    const made = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Open letter on Article 17",
      kind: "letter",
    });
    expect(readAloudParagraphs((await storedDocument(made.body.document.id)).json)).toEqual([
      "Re: Open letter on Article 17",
      "Dear Ministers,",
    ]);

    await call("DELETE", `${templates()}/letter`);
    const plain = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Another",
      kind: "letter",
    });
    expect((await t.ctx.updates.load(plain.body.document.id)).updates).toHaveLength(0);

    await call("DELETE", `${templates()}/intervention`);
    const builtIn = await call("POST", `/api/workspaces/${workspaceId}/documents`, {
      title: "Item 4",
      kind: "intervention",
      intervention: { language: "en", limitSeconds: 90, forum: "HRC 61", agendaItem: "Item 4" },
    });
    const { json } = await storedDocument(builtIn.body.document.id);
    expect(json.content?.[0]?.content?.[0]?.text).toBe("HRC 61 — Item 4");
    expect(readAloudParagraphs(json)).toContain("Thank you, Chair.");
  });

  it("keeps each workspace's templates to itself", async () => {
    const other = await t.signUp("Other coordinator");
    const theirs = (
      await t.call("POST", "/api/workspaces", { cookie: other.cookie, body: { name: "Another coalition" } })
    ).body.workspace.id;
    expect(
      (
        await call("PUT", `${templates()}/statement`, {
          content: { type: "doc", content: [paragraph("Ours")] },
        })
      ).status,
    ).toBe(200);
    const listed = await call("GET", templates(theirs), undefined, other.cookie);
    expect(listed.body.templates.find((tpl: { kind: string }) => tpl.kind === "statement").custom).toBe(
      false,
    );
    expect((await call("GET", templates(), undefined, other.cookie)).status).toBe(403);
    expect(
      (await call("PUT", `${templates()}/statement`, { content: OUR_INTERVENTION }, other.cookie)).status,
    ).toBe(403);
  });
});
