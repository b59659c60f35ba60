import * as decoding from "lib0/decoding";
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { defaultAccount, workspaceOf } from "../support/accounts.js";
import { editorText, openDocument, typeAtEnd, useBrowser } from "../support/browser.js";
import { api, createDocument } from "../support/clients.js";
import { useServers } from "../support/fixtures.js";
import { startSlowLink } from "../support/slowLink.js";

const servers = useServers();
const { person } = useBrowser();

const KEYSTROKES = 200;
/** A brisk typist: about 100 words a minute. */
const KEY_DELAY_MS = 100;
/** Issue 14's budget, per keystroke, counting every sync and caret byte. */
const BUDGET_BYTES_PER_KEYSTROKE = 60;
/** Issue 14's budget for an open document nobody touches: every byte both ways, headers included. */
const BUDGET_IDLE_BYTES_PER_MINUTE = 2_048;
/**
 * How long the idle tab is watched: more than two caret renewals (15 s),
 * a sync ping (30 s) and an event stream's keep-alive (25 s) apart.
 */
const IDLE_WATCH_MS = 40_000;
/** Shorter than the watch, so only the socket can keep the idle tab listed. */
const PRESENCE_TTL_MS = 20_000;

interface TFrame {
  direction: "sent" | "received";
  bytes: Uint8Array;
}

/** Records every WebSocket frame a page sends and receives, through Chromium's DevTools protocol. */
async function recordFrames(page: Page): Promise<{ frames: TFrame[]; session: CDPSession }> {
  const session = await page.context().newCDPSession(page);
  const frames: TFrame[] = [];
  const record =
    (direction: TFrame["direction"]) =>
    ({ response }: { response: { opcode: number; payloadData: string } }) => {
      const bytes =
        response.opcode === 2
          ? new Uint8Array(Buffer.from(response.payloadData, "base64"))
          : new TextEncoder().encode(response.payloadData);
      frames.push({ direction, bytes });
    };
  session.on("Network.webSocketFrameSent", record("sent"));
  session.on("Network.webSocketFrameReceived", record("received"));
  await session.send("Network.enable");
  return { frames, session };
}

const total = (frames: TFrame[], direction: TFrame["direction"]) =>
  frames.filter((frame) => frame.direction === direction).reduce((sum, frame) => sum + frame.bytes.length, 0);

/** The client ids an awareness frame (type 1) carries; null for any other message. */
function awarenessClients(frame: Uint8Array): number[] | null {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== 1) return null;
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
  const clients: number[] = [];
  for (let count = decoding.readVarUint(update); count > 0; count--) {
    clients.push(decoding.readVarUint(update));
    decoding.readVarUint(update);
    decoding.readVarString(update);
  }
  return clients;
}

describe("what a keystroke costs on the wire", () => {
  it(`stays within ${BUDGET_BYTES_PER_KEYSTROKE} bytes per keystroke for the typist and each reader, and a silent reader sends no one else's caret`, async () => {
    const server = await servers.shared();
    const { id } = await createDocument(server, "Draft read on a phone", "statement");
    const typist = await person(server, "Amina");
    const reader = await person(server, "Kofi");
    const typistFrames = await recordFrames(typist);
    const readerFrames = await recordFrames(reader);
    await openDocument(typist, id);
    await openDocument(reader, id);
    await typeAtEnd(typist, "Start.");
    await expect.poll(() => editorText(reader), { timeout: 15_000 }).toContain("Start.");
    // The reader's own caret ids: the ones it announced before anyone typed.
    const readerIds = new Set(
      readerFrames.frames
        .filter((frame) => frame.direction === "sent")
        .flatMap((frame) => awarenessClients(frame.bytes) ?? []),
    );
    expect(readerIds.size).toBeGreaterThan(0);

    typistFrames.frames.length = 0;
    readerFrames.frames.length = 0;
    const words = "We urge all States to protect defenders from reprisals. ";
    const text = words.repeat(Math.ceil(KEYSTROKES / words.length)).slice(0, KEYSTROKES);
    await typist.keyboard.type(text, { delay: KEY_DELAY_MS });
    await expect.poll(() => editorText(reader), { timeout: 15_000 }).toContain(text.trimEnd());
    // What a pause sends: the caret catching up, the store's acknowledgement.
    await typist.waitForTimeout(1_500);

    const typistSent = total(typistFrames.frames, "sent");
    const typistReceived = total(typistFrames.frames, "received");
    const readerReceived = total(readerFrames.frames, "received");
    const readerSent = readerFrames.frames.filter((frame) => frame.direction === "sent");
    console.log(
      `traffic over ${KEYSTROKES} keystrokes (${KEY_DELAY_MS} ms apart): typist sent ${typistSent} B ` +
        `(${(typistSent / KEYSTROKES).toFixed(1)} B/key), received ${typistReceived} B; reader received ` +
        `${readerReceived} B (${(readerReceived / KEYSTROKES).toFixed(1)} B/key), sent ${readerSent.length} frames ` +
        `of ${total(readerFrames.frames, "sent")} B`,
    );
    // A reader who does not type sends nothing but its own caret's renewal (every 15 s), never another's.
    for (const frame of readerSent) {
      const clients = awarenessClients(frame.bytes);
      expect(clients, "the reader sent something other than a caret").not.toBeNull();
      for (const client of clients ?? [])
        expect(readerIds.has(client), "the reader re-sent another's caret").toBe(true);
    }
    expect(readerSent.length).toBeLessThanOrEqual(2);
    expect(typistSent / KEYSTROKES).toBeLessThanOrEqual(BUDGET_BYTES_PER_KEYSTROKE);
    expect(readerReceived / KEYSTROKES).toBeLessThanOrEqual(BUDGET_BYTES_PER_KEYSTROKE);
    await Promise.all([typistFrames.session.detach(), readerFrames.session.detach()]);
    // Typing at a person's pace takes 20 s by itself; on a busy machine, twice that.
  }, 120_000);

  it("an open document nobody touches costs at most 2 KB a minute, presence and carets included", async () => {
    // Entries live 20 s here, less than the watch: the tab is still listed at
    // the end only because its socket kept it, and a tab that still sent
    // reports (every 10 s here) would blow the budget.
    const server = await servers.start({ env: { PRESENCE_TTL_MS: String(PRESENCE_TTL_MS) } });
    const { id } = await createDocument(server, "Left open on a phone", "statement");
    // A link fast enough to change nothing, that counts every byte each way.
    const link = await startSlowLink(server.port, { bitsPerSecond: 1e9, roundTripMs: 0 });
    try {
      const idle = await person(server, "Chidi", { via: link });
      await openDocument(idle, id);
      await typeAtEnd(idle, "Left open.");
      // What opening costs (the page, the first report, the sync) is not idling: let it settle.
      await idle.waitForTimeout(5_000);
      link.reset();
      await idle.waitForTimeout(IDLE_WATCH_MS);
      const bytes = link.sent + link.received;
      const perMinute = (bytes * 60_000) / IDLE_WATCH_MS;
      console.log(
        `idle open document over ${IDLE_WATCH_MS / 1000} s: sent ${link.sent} B, received ${link.received} B, ` +
          `${link.connections} new connections: ${Math.round(perMinute)} B a minute`,
      );
      expect(perMinute).toBeLessThanOrEqual(BUDGET_IDLE_BYTES_PER_MINUTE);
      // Still there for the others, two TTLs after its last report: kept by its socket.
      const workspaceId = await workspaceOf(server, await defaultAccount(server));
      const { body } = await api<{ entries: { name: string }[] }>(
        server,
        "GET",
        `/api/workspaces/${workspaceId}/presence`,
      );
      expect(body.entries.map((entry) => entry.name)).toContain("Chidi");
    } finally {
      await link.close();
    }
  }, 90_000);
});
