import {
  deliverySettingsOf,
  MAX_TEMPLATE_BYTES,
  type TCreateDocument,
  type TTemplateContent,
  type TTemplateKind,
} from "@caucus/shared";
import { documentContent, readAloudParagraphs } from "@caucus/shared/editor";
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

let t: TTestApp;
let owner: TTestPerson;
let cookie: string;
let workspaceId: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await t.signUp("Coordinator");
  cookie = owner.cookie;
  workspaceId = await firstWorkspaceOf(owner);
}, 60_000);
afterAll(() => t.close());

const templates = (workspace = workspaceId) => `/api/workspaces/${workspace}/templates`;
/** A raw request as the coordinator, for bodies no route type allows. */
const call = (method: string, path: string, body?: unknown) => t.call(method, path, { cookie, body });

/** The templates routes as `person` (the coordinator by default). */
const templatesOf = (person = owner) => person.api.workspaces[":workspaceId"].templates;
const listTemplates = (person = owner, workspace = workspaceId) =>
  templatesOf(person).$get({ param: { workspaceId: workspace } });
const getTemplate = async (kind: TTemplateKind) =>
  (await (await templatesOf()[":kind"].$get({ param: { workspaceId, kind } })).json()).template;
const saveTemplate = (kind: TTemplateKind, content: TTemplateContent, person = owner) =>
  templatesOf(person)[":kind"].$put({ param: { workspaceId, kind }, json: { content } });
const resetTemplate = (kind: TTemplateKind) =>
  templatesOf()[":kind"].$delete({ param: { workspaceId, kind } });
const createDocument = async (json: TCreateDocument) =>
  (
    await (
      await owner.api.workspaces[":workspaceId"].documents.$post({ param: { workspaceId }, json })
    ).json()
  ).document;

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
  const audit = await owner.api.workspaces[":workspaceId"].audit.$get({ param: { workspaceId }, query: {} });
  return (await audit.json()).events.map((event) => event.action);
}

describe("templates API", () => {
  it("lists every kind with the built-in template until the workspace sets its own", async () => {
    const listed = await listTemplates();
    expect(listed.status).toBe(200);
    const { templates: all } = await listed.json();
    expect(all.map((template) => template.kind)).toEqual(["intervention", "statement", "letter"]);
    const intervention = defined(all[0]);
    expect(intervention).toMatchObject({ custom: false, updatedAt: null, updatedBy: null });
    const content = editorJson(intervention.content);
    expect(content.content?.[0]?.content?.[0]?.text).toBe("{{forum}} — {{agendaItem}}");
    expect(readAloudParagraphs(content)).toContain("Thank you, Chair.");
  });

  it("saves, reads back, replaces and resets a template, auditing each change", async () => {
    const saved = await saveTemplate("letter", { type: "doc", content: [paragraph("Dear Ministers,")] });
    const savedBody = await saved.json();
    expect(saved.status, JSON.stringify(savedBody)).toBe(200);
    expect(savedBody.template).toMatchObject({
      kind: "letter",
      custom: true,
      updatedBy: { name: "Coordinator" },
    });

    const replaced = await saveTemplate("letter", { type: "doc", content: [paragraph("Excellencies,")] });
    expect(replaced.status).toBe(200);
    const read = await getTemplate("letter");
    expect(read.custom).toBe(true);
    expect(readAloudParagraphs(editorJson(read.content))).toEqual(["Excellencies,"]);

    const reset = await resetTemplate("letter");
    expect(reset.status).toBe(200);
    expect((await reset.json()).template).toMatchObject({ kind: "letter", custom: false });
    expect((await getTemplate("letter")).custom).toBe(false);
    // A second reset changes nothing and leaves no second entry.
    expect((await resetTemplate("letter")).status).toBe(200);

    const actions = await auditActions();
    expect(actions.slice(0, 3)).toEqual(["template_reset", "template_saved", "template_saved"]);
  });

  it("refuses a template over the size cap, one the editor schema cannot parse, and an unknown kind", async () => {
    const oversize = await saveTemplate("statement", {
      type: "doc",
      content: [paragraph("a".repeat(MAX_TEMPLATE_BYTES))],
    });
    expect(oversize.status).toBe(400);
    const tooLong = await refusal(oversize);
    expect(tooLong).toMatchObject({ code: "invalid_input" });
    expect(tooLong.message).toMatch(/too long/);

    // Raw: HTML instead of editor JSON, no content and the kind "analysis" are bodies and
    // addresses no route type allows.
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
    expect((await getTemplate("statement")).custom).toBe(false);
  });

  it("starts a new intervention from the workspace's template, with forum and agenda item filled in", async () => {
    expect((await saveTemplate("intervention", OUR_INTERVENTION)).status).toBe(200);
    const created = await owner.api.workspaces[":workspaceId"].documents.$post({
      param: { workspaceId },
      json: {
        title: "Item 3",
        kind: "intervention",
        intervention: { language: "es", limitSeconds: 120, forum: "HRC 61", agendaItem: "Item 3" },
      },
    });
    expect(created.status).toBe(201);
    const { json, settings } = await storedDocument((await created.json()).document.id);
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
    expect((await saveTemplate("intervention", OUR_INTERVENTION)).status).toBe(200);
    const created = await owner.api.workspaces[":workspaceId"].calls.$post({
      param: { workspaceId },
      json: {
        forum: "Ad Hoc Committee on Cybercrime",
        agendaItem: "Article 17",
        deadline: "2024-08-01T10:00:00-04:00",
        venueTimeZone: "America/New_York",
        draft: { language: "en", limitSeconds: 180 },
      },
    });
    const createdBody = await created.json();
    expect(created.status, JSON.stringify(createdBody)).toBe(201);
    const { json } = await storedDocument(defined(createdBody.call.draft, "the call's draft").id);
    expect(json.content?.[0]?.content?.[0]?.text).toBe(
      "Delivered at Ad Hoc Committee on Cybercrime, on Article 17",
    );
  });

  it("fills {{title}} in other kinds, and goes back to the built-in template (or none) after a reset", async () => {
    const letter = { type: "doc", content: [paragraph("Re: {{title}}"), paragraph("Dear Ministers,")] };
    expect((await saveTemplate("letter", letter)).status).toBe(200);
    const made = await createDocument({ title: "Open letter on Article 17", kind: "letter" });
    expect(readAloudParagraphs((await storedDocument(made.id)).json)).toEqual([
      "Re: Open letter on Article 17",
      "Dear Ministers,",
    ]);

    await resetTemplate("letter");
    const plain = await createDocument({ title: "Another", kind: "letter" });
    expect((await t.ctx.updates.load(plain.id)).updates).toHaveLength(0);

    await resetTemplate("intervention");
    const builtIn = await createDocument({
      title: "Item 4",
      kind: "intervention",
      intervention: { language: "en", limitSeconds: 90, forum: "HRC 61", agendaItem: "Item 4" },
    });
    const { json } = await storedDocument(builtIn.id);
    expect(json.content?.[0]?.content?.[0]?.text).toBe("HRC 61 — Item 4");
    expect(readAloudParagraphs(json)).toContain("Thank you, Chair.");
  });

  it("keeps each workspace's templates to itself", async () => {
    const other = await t.signUp("Other coordinator");
    const theirs = (await (await other.api.workspaces.$post({ json: { name: "Another coalition" } })).json())
      .workspace.id;
    expect((await saveTemplate("statement", { type: "doc", content: [paragraph("Ours")] })).status).toBe(200);
    const listed = await (await listTemplates(other, theirs)).json();
    expect(listed.templates.find((tpl) => tpl.kind === "statement")?.custom).toBe(false);
    expect((await listTemplates(other)).status).toBe(403);
    expect((await saveTemplate("statement", OUR_INTERVENTION, other)).status).toBe(403);
  });
});
