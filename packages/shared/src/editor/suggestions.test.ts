import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { DELIVERY_SETTINGS_FIELD, DOCUMENT_FIELD, SUGGESTIONS_FIELD } from "../docFields.js";
import { decodePosition, encodePosition } from "./anchors.js";
import {
  checkSuggestionUpdate,
  listSuggestions,
  SUGGESTION_LIMITS,
  type TSuggestion,
} from "./suggestions.js";

const ALICE = "user-alice";
const BOB = "user-bob";

/** The server's copy: one paragraph of text. */
function serverDoc(): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement("paragraph");
  doc.getXmlFragment(DOCUMENT_FIELD).insert(0, [paragraph]);
  paragraph.insert(0, [new Y.XmlText("The States shall protect defenders.")]);
  return doc;
}

/** A client synced with `server`; `change` runs on it and the update it makes is returned. */
function updateFrom(server: Y.Doc, change: (client: Y.Doc) => void): Uint8Array {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const updates: Uint8Array[] = [];
  client.on("update", (update: Uint8Array) => updates.push(update));
  change(client);
  return Y.mergeUpdates(updates);
}

function suggestion(doc: Y.Doc, overrides: Partial<TSuggestion> = {}): TSuggestion {
  const text = (doc.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
  return {
    id: `s-${Math.random().toString(36).slice(2, 12)}`,
    authorId: ALICE,
    authorName: "Alice",
    createdAt: "2026-12-04T10:00:00.000Z",
    from: encodePosition(Y.createRelativePositionFromTypeIndex(text, 4)),
    to: encodePosition(Y.createRelativePositionFromTypeIndex(text, 10)),
    insert: "Member States",
    ...overrides,
  };
}

function add(client: Y.Doc, entry: TSuggestion | Record<string, unknown>): void {
  client.getMap(SUGGESTIONS_FIELD).set(String(entry.id), entry);
}

function applyChecked(server: Y.Doc, update: Uint8Array, author: string): string | null {
  const problem = checkSuggestionUpdate(server, update, author);
  if (problem === null) Y.applyUpdate(server, update);
  return problem;
}

describe("checkSuggestionUpdate: what a commenter's socket may send", () => {
  it("lets a commenter add a suggestion of their own, which then reads back whole", () => {
    const server = serverDoc();
    const entry = suggestion(server);
    expect(
      applyChecked(
        server,
        updateFrom(server, (client) => add(client, entry)),
        ALICE,
      ),
    ).toBeNull();
    expect(listSuggestions(server)).toEqual([entry]);
    const from = decodePosition(entry.from);
    expect(from && Y.createAbsolutePositionFromRelativePosition(from, server)?.index).toBe(4);
  });

  it("refuses a change to the text itself: typing, deleting, formatting, a new paragraph", () => {
    const server = serverDoc();
    const text = (client: Y.Doc) =>
      (client.getXmlFragment(DOCUMENT_FIELD).get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const attempts: [string, (client: Y.Doc) => void][] = [
      ["type", (client) => text(client).insert(0, "All ")],
      ["delete", (client) => text(client).delete(0, 4)],
      ["format", (client) => text(client).format(0, 3, { bold: {} })],
      [
        "paragraph",
        (client) => client.getXmlFragment(DOCUMENT_FIELD).insert(1, [new Y.XmlElement("paragraph")]),
      ],
      ["another map", (client) => client.getMap(DELIVERY_SETTINGS_FIELD).set("language", "fr")],
    ];
    for (const [what, change] of attempts) {
      expect(checkSuggestionUpdate(server, updateFrom(server, change), ALICE), what).toMatch(
        /text itself|suggestions/,
      );
    }
    // A suggestion and a plain edit in one update: refused whole.
    const mixed = updateFrom(server, (client) =>
      client.transact(() => {
        add(client, suggestion(server));
        text(client).insert(0, "All ");
      }),
    );
    expect(checkSuggestionUpdate(server, mixed, ALICE)).not.toBeNull();
  });

  it("refuses a suggestion in someone else's name, a malformed one, and a nested type", () => {
    const server = serverDoc();
    const cases: [string, (client: Y.Doc) => void, RegExp][] = [
      ["other author", (client) => add(client, suggestion(server, { authorId: BOB })), /your own/],
      ["extra field", (client) => add(client, { ...suggestion(server), accepted: true }), /well formed/],
      ["missing field", (client) => add(client, { ...suggestion(server), insert: undefined }), /well formed/],
      [
        "insert too long",
        (client) => add(client, suggestion(server, { insert: "x".repeat(SUGGESTION_LIMITS.maxInsert + 1) })),
        /well formed/,
      ],
      [
        "key is not its id",
        (client) => client.getMap(SUGGESTIONS_FIELD).set("s-other-key", suggestion(server)),
        /well formed/,
      ],
      [
        "nested map",
        (client) => client.getMap(SUGGESTIONS_FIELD).set("s-nested-map", new Y.Map()),
        /plain value/,
      ],
    ];
    for (const [what, change, reason] of cases) {
      expect(checkSuggestionUpdate(server, updateFrom(server, change), ALICE), what).toMatch(reason);
    }
    // At the insert limit exactly, it is fine.
    const longest = suggestion(server, { insert: "x".repeat(SUGGESTION_LIMITS.maxInsert) });
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (client) => add(client, longest)),
        ALICE,
      ),
    ).toBeNull();
  });

  it("lets a commenter withdraw their own suggestion, never someone else's or overwrite one", () => {
    const server = serverDoc();
    const alices = suggestion(server);
    const bobs = suggestion(server, { authorId: BOB, authorName: "Bob" });
    expect(
      applyChecked(
        server,
        updateFrom(server, (client) => add(client, alices)),
        ALICE,
      ),
    ).toBeNull();
    expect(
      applyChecked(
        server,
        updateFrom(server, (client) => add(client, bobs)),
        BOB,
      ),
    ).toBeNull();

    const withdrawBobs = updateFrom(server, (client) => client.getMap(SUGGESTIONS_FIELD).delete(bobs.id));
    expect(checkSuggestionUpdate(server, withdrawBobs, ALICE)).toMatch(/your own/);
    const overwriteBobs = updateFrom(server, (client) =>
      add(client, { ...bobs, authorId: ALICE, insert: "x" }),
    );
    // Overwriting names the old entry as its origin, so it is not a new entry at all.
    expect(checkSuggestionUpdate(server, overwriteBobs, ALICE)).toMatch(
      /only suggestions may be added|cannot be replaced/,
    );

    const withdraw = updateFrom(server, (client) => client.getMap(SUGGESTIONS_FIELD).delete(alices.id));
    expect(applyChecked(server, withdraw, ALICE)).toBeNull();
    expect(listSuggestions(server).map((s) => s.id)).toEqual([bobs.id]);
  });

  it("refuses garbage, and a suggestion past the open limit", () => {
    const server = serverDoc();
    expect(checkSuggestionUpdate(server, new Uint8Array([1, 2, 3]), ALICE)).toMatch(/decode/);
    const map = server.getMap(SUGGESTIONS_FIELD);
    server.transact(() => {
      for (let i = 0; i < SUGGESTION_LIMITS.maxOpen - 1; i++) {
        // Many authors: one person may have only so many open.
        const entry = suggestion(server, {
          id: `s-filler-${String(i).padStart(4, "0")}`,
          authorId: `user-${i % 20}`,
        });
        map.set(entry.id, entry);
      }
    });
    const last = updateFrom(server, (client) => add(client, suggestion(server)));
    expect(applyChecked(server, last, ALICE)).toBeNull();
    const over = updateFrom(server, (client) => add(client, suggestion(server)));
    expect(checkSuggestionUpdate(server, over, ALICE)).toMatch(/at most 1000/);
  });

  it("refuses an entry under a key the map holds or held, however high its client id (it would take the key's place)", () => {
    const server = serverDoc();
    const bobs = suggestion(server, { authorId: BOB, authorName: "Bob" });
    expect(
      applyChecked(
        server,
        updateFrom(server, (client) => add(client, bobs)),
        BOB,
      ),
    ).toBeNull();

    // A client that never saw Bob's entry writes the same key: no origin, highest client id.
    const blind = new Y.Doc();
    blind.clientID = 0xffffffff;
    add(blind, { ...bobs, authorId: ALICE, authorName: "Alice", insert: "taken over" });
    const takeover = Y.encodeStateAsUpdate(blind);
    expect(checkSuggestionUpdate(server, takeover, ALICE)).toMatch(/cannot be replaced/);
    expect(listSuggestions(server)).toEqual([bobs]);

    // A withdrawn key stays taken.
    const withdraw = updateFrom(server, (client) => client.getMap(SUGGESTIONS_FIELD).delete(bobs.id));
    expect(applyChecked(server, withdraw, BOB)).toBeNull();
    expect(checkSuggestionUpdate(server, takeover, ALICE)).toMatch(/cannot be replaced/);

    // Two entries under one new key in one update.
    const first = new Y.Doc();
    const second = new Y.Doc();
    const twice = suggestion(server);
    add(first, twice);
    add(second, { ...twice, insert: "other words" });
    const both = Y.mergeUpdates([Y.encodeStateAsUpdate(first), Y.encodeStateAsUpdate(second)]);
    expect(checkSuggestionUpdate(server, both, ALICE)).toMatch(/cannot be replaced/);
  });

  it("keeps each person's open suggestions within their own budget, and all together within the document's", () => {
    const server = serverDoc();
    const limits = SUGGESTION_LIMITS;
    const fill = (count: number, authorId: string, insert = "x") =>
      server.transact(() => {
        for (let i = 0; i < count; i++) add(server, suggestion(server, { authorId, insert }));
      });

    // Count: the last one a person may have opens, the next does not; someone else's still does.
    fill(limits.maxOpenPerAuthor - 1, ALICE);
    expect(
      applyChecked(
        server,
        updateFrom(server, (c) => add(c, suggestion(server))),
        ALICE,
      ),
    ).toBeNull();
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (c) => add(c, suggestion(server))),
        ALICE,
      ),
    ).toMatch(/at most 100 open suggestions/);
    const bobs = suggestion(server, { authorId: BOB });
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (c) => add(c, bobs)),
        BOB,
      ),
    ).toBeNull();

    // Extending one (withdraw and add in one update) is not one more.
    const own = listSuggestions(server).find((s) => s.authorId === ALICE) as TSuggestion;
    const extend = updateFrom(server, (c) => {
      c.getMap(SUGGESTIONS_FIELD).delete(own.id);
      add(c, suggestion(server, { insert: `${own.insert}y` }));
    });
    expect(checkSuggestionUpdate(server, extend, ALICE)).toBeNull();

    // Characters: one person's open suggestions together.
    const carol = "user-carol";
    fill(1, carol, "x".repeat(limits.maxInsert));
    fill(1, carol, "x".repeat(limits.maxInsertPerAuthor - limits.maxInsert - 5));
    const atBudget = suggestion(server, { authorId: carol, insert: "12345" });
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (c) => add(c, atBudget)),
        carol,
      ),
    ).toBeNull();
    const pastBudget = suggestion(server, { authorId: carol, insert: "123456" });
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (c) => add(c, pastBudget)),
        carol,
      ),
    ).toMatch(/at most 20000 characters/);
  });

  it("keeps all open suggestions of a document within one budget of characters", () => {
    const server = serverDoc();
    const limits = SUGGESTION_LIMITS;
    const authors = Math.ceil(limits.maxInsertTotal / limits.maxInsertPerAuthor);
    server.transact(() => {
      for (let a = 0; a < authors; a++) {
        for (let i = 0; i < limits.maxInsertPerAuthor / limits.maxInsert; i++) {
          add(server, suggestion(server, { authorId: `user-${a}`, insert: "x".repeat(limits.maxInsert) }));
        }
      }
    });
    expect(
      checkSuggestionUpdate(
        server,
        updateFrom(server, (c) => add(c, suggestion(server))),
        ALICE,
      ),
    ).toMatch(/may insert at most 200000 characters on a document/);
  });
});
