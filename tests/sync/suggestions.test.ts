import { encodePosition, listSuggestions, SUGGESTIONS_FIELD, type TSuggestion } from "@caucus/shared/editor";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { memberOf } from "../support/accounts.js";
import {
  connectClient,
  createDocumentWithText,
  type TestClient,
  waitFor,
  waitForSynced,
} from "../support/clients.js";
import { useServers } from "../support/fixtures.js";

/**
 * Issue 7, suggested edits: a commenter's socket carries suggestions and
 * nothing else. Through the stock y-websocket client, as the browser would.
 */
const servers = useServers();
const TEXT = "The States shall protect defenders.";

function suggestionOf(
  client: TestClient,
  authorId: string,
  from: number,
  to: number,
  insert: string,
): TSuggestion {
  return {
    id: `s-${Math.random().toString(36).slice(2, 12)}`,
    authorId,
    authorName: "Commenter",
    createdAt: new Date().toISOString(),
    from: encodePosition(Y.createRelativePositionFromTypeIndex(client.ytext, from)),
    to: encodePosition(Y.createRelativePositionFromTypeIndex(client.ytext, to)),
    insert,
  };
}

describe("a commenter's socket", () => {
  it("stores and relays the commenter's suggestions, never a plain edit, and an editor accepts one as an ordinary edit", async () => {
    const server = await servers.start({ env: { STORE_DELAY_MS: "50" } });
    const id = await createDocumentWithText(server, "Statement", TEXT);
    const commenterAccount = await memberOf(server, "Commenter", "commenter");
    const editor = connectClient(server, id, { account: await memberOf(server, "Editor", "editor") });
    const commenter = connectClient(server, id, { account: commenterAccount });
    await Promise.all([waitForSynced(editor.provider), waitForSynced(commenter.provider)]);

    // A suggestion: relayed to the editor.
    const proposal = suggestionOf(commenter, commenterAccount.userId, 4, 10, "Member States");
    commenter.ydoc.getMap(SUGGESTIONS_FIELD).set(proposal.id, proposal);
    await waitFor(() => listSuggestions(editor.ydoc).length === 1, {
      message: "the editor to see the suggestion",
    });
    expect(listSuggestions(editor.ydoc)[0]).toEqual(proposal);
    expect(editor.text()).toBe(TEXT);

    // A client that does what the web app never does for a commenter. (Once
    // one of its updates is refused, its later ones wait forever on the gap
    // in its clock: the web app never makes a commenter's client edit text.)
    const rogue = connectClient(server, id, { account: commenterAccount });
    await waitForSynced(rogue.provider);
    const forged = suggestionOf(rogue, "someone-else", 0, 0, "Forged ");
    rogue.ydoc.getMap(SUGGESTIONS_FIELD).set(forged.id, forged);
    await waitFor(() => rogue.permissionDenied.length > 0, {
      message: "the forged suggestion to be refused",
    });
    expect(rogue.permissionDenied[0]).toMatch(/suggestions only: .*your own/);
    rogue.ytext.insert(0, "PLAIN EDIT ");
    await waitFor(() => rogue.permissionDenied.length > 1, { message: "the plain edit to be refused" });
    expect(rogue.permissionDenied[1]).toMatch(/suggestions only: .*text itself/);
    rogue.destroy();

    // Stored: a fresh reader after a restart sees the suggestion and the text untouched.
    editor.destroy();
    commenter.destroy();
    expect((await server.stop()).code).toBe(0);
    await server.restart();
    const reader = connectClient(server, id, { account: await memberOf(server, "Reader", "editor") });
    await waitForSynced(reader.provider);
    expect(reader.text()).toBe(TEXT);
    expect(listSuggestions(reader.ydoc).map((s) => s.id)).toEqual([proposal.id]);

    // Accepting: the editor applies it as text and removes the entry, in one transaction.
    const watcher = connectClient(server, id, { account: commenterAccount });
    await waitForSynced(watcher.provider);
    reader.ydoc.transact(() => {
      reader.ytext.delete(4, 6);
      reader.ytext.insert(4, proposal.insert);
      reader.ydoc.getMap(SUGGESTIONS_FIELD).delete(proposal.id);
    });
    await waitFor(() => watcher.text() === "The Member States shall protect defenders.", {
      message: "the commenter to see the accepted suggestion as text",
    });
    expect(listSuggestions(watcher.ydoc)).toEqual([]);
  });
});
