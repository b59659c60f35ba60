import type { TBoardChange } from "@caucus/shared";
import { defaultDeliverySettings } from "@caucus/shared";
import { DOCUMENT_FIELD, initialDocumentState } from "@caucus/shared/editor";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { LocalBoardChanges } from "./BoardChanges.js";
import { DraftEstimates, ESTIMATE_THROTTLE_MS } from "./DraftEstimates.js";

const WORKSPACE = "0b7c6f2e-1d4a-4f5e-9a8b-3c2d1e0f9a8b";
const DRAFT = "5d1a9c7e-2b3f-4e6d-8a9b-0c1d2e3f4a5b";

function draftDoc(words: number): Y.Doc {
  const doc = new Y.Doc();
  const text = Array.from({ length: words }, () => "word").join(" ");
  const content = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] };
  Y.applyUpdate(
    doc,
    initialDocumentState(content, { ...defaultDeliverySettings("en"), limit: { mode: "time", seconds: 60 } }),
  );
  return doc;
}

/** Appends words at the end of the draft's first paragraph, as a co-drafter typing. */
function type(doc: Y.Doc, text: string): void {
  const paragraph = doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement;
  const run = paragraph.get(0) as Y.XmlText;
  run.insert(run.length, text);
}

describe("DraftEstimates", () => {
  let board: LocalBoardChanges;
  let heard: TBoardChange[];
  let live: Y.Doc;
  let estimates: DraftEstimates;
  let linked: string[];

  beforeEach(() => {
    vi.useFakeTimers();
    board = new LocalBoardChanges();
    heard = [];
    board.subscribe(WORKSPACE, (change) => heard.push(change));
    live = draftDoc(110);
    linked = [WORKSPACE];
    estimates = new DraftEstimates({
      calls: { workspacesLinking: async () => linked },
      updates: { load: async () => ({ updates: [], lastSeq: 0 }), lastSeq: async () => 0 },
      board,
      loadedDocument: async () => live,
      logger: pino({ level: "silent" }),
    });
    live.on("update", () => estimates.edited(DRAFT));
  });
  afterEach(() => {
    estimates.close();
    vi.useRealTimers();
  });

  it("announces a burst of edits once, after the throttle window, with the estimate at its end", async () => {
    for (let i = 0; i < 20; i++) type(live, " more");
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS - 1);
    expect(heard).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(heard).toEqual([
      {
        type: "estimate",
        documentId: DRAFT,
        estimate: { mode: "time", words: 130, seconds: 71, limitSeconds: 60, limitWords: null, over: true },
      },
    ]);
  });

  it("announces again for edits after the window, and not for an estimate that did not change", async () => {
    type(live, " one");
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS);
    type(live, " two");
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS);
    expect(heard.map((change) => change.type === "estimate" && change.estimate.words)).toEqual([111, 112]);
    // Bold on a word: the text changed, its speaking time did not.
    const run = (live.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    run.format(0, 4, { bold: {} });
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS);
    expect(heard).toHaveLength(2);
  });

  it("says nothing about a document no call links, or when nobody follows the board", async () => {
    linked = [];
    type(live, " one");
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS);
    expect(heard).toEqual([]);
    linked = ["7e0c1d2f-0000-4000-8000-000000000000"];
    type(live, " two");
    await vi.advanceTimersByTimeAsync(ESTIMATE_THROTTLE_MS);
    expect(heard).toEqual([]);
  });

  it("reads a draft that is not open here from storage, again only once something new is stored", async () => {
    const rows = [Y.encodeStateAsUpdate(draftDoc(55))];
    let loads = 0;
    const fromStorage = new DraftEstimates({
      calls: { workspacesLinking: async () => [WORKSPACE] },
      updates: {
        load: async () => {
          loads++;
          return { updates: rows, lastSeq: rows.length };
        },
        lastSeq: async () => rows.length,
      },
      board,
      loadedDocument: async () => undefined,
      logger: pino({ level: "silent" }),
    });
    expect(await fromStorage.of(DRAFT)).toMatchObject({ words: 55, seconds: 30, over: false });
    expect(await fromStorage.of(DRAFT)).toMatchObject({ words: 55 });
    expect(loads).toBe(1);
    rows.push(Y.encodeStateAsUpdate(draftDoc(300)));
    expect((await fromStorage.of(DRAFT))?.words).toBeGreaterThan(55);
    expect(loads).toBe(2);
  });
});
