import { PRESENCE_PARAM, type TRole } from "@caucus/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TOpenedSocket } from "../sync/RoomHooks.js";
import { LocalPresence } from "./LocalPresence.js";
import { presenceKey } from "./reportPresence.js";
import { LEAVE_AFTER_CLOSE_MS, SocketPresence } from "./SocketPresence.js";

const TTL_MS = 60_000;
const WORKSPACE = "workspace-1";
const TAB = "tab-aaaaaaaa";

let presence: LocalPresence;
let keeper: SocketPresence;
const silent = { warn: () => undefined } as never;

beforeEach(() => {
  vi.useFakeTimers();
  presence = new LocalPresence({ ttlMs: TTL_MS });
  keeper = new SocketPresence(presence, silent);
});
afterEach(async () => {
  keeper.close();
  await presence.close();
  vi.useRealTimers();
});

function socket(userId: string, query: string): TOpenedSocket {
  return {
    documentId: "document-1",
    identity: {
      userId,
      displayName: userId,
      sessionId: "session",
      workspaceId: WORKSPACE,
      role: "editor" as TRole,
      readOnly: false,
      suggestOnly: false,
    },
    query: new URLSearchParams(query),
  };
}

/** The tab's entry as its report (the POST) makes it. */
function reported(userId: string, connectionId = TAB) {
  return presence.heartbeat({
    userId,
    connectionId: presenceKey(userId, connectionId),
    name: userId,
    color: "#1f77b4",
    documentId: "document-1",
    status: "remote",
    timeZone: "UTC",
    workspaceId: WORKSPACE,
    at: Date.now(),
  });
}

const keys = async () => (await presence.list(WORKSPACE)).map((entry) => entry.connectionId);

describe("presence kept by a document's socket", () => {
  it("keeps a tab's entry past the TTL while its socket is open, with no report from the tab", async () => {
    await reported("amina");
    keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    await vi.advanceTimersByTimeAsync(3 * TTL_MS);
    expect(await keys()).toEqual([presenceKey("amina", TAB)]);
  });

  it("removes the entry soon after the socket closes, long before the TTL", async () => {
    await reported("amina");
    const release = keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    release?.();
    await vi.advanceTimersByTimeAsync(LEAVE_AFTER_CLOSE_MS - 1);
    expect(await keys()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await keys()).toEqual([]);
  });

  it("keeps the entry when the tab reported after its socket closed (it moved to another page)", async () => {
    await reported("amina");
    const release = keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    release?.();
    await vi.advanceTimersByTimeAsync(100);
    await reported("amina");
    await vi.advanceTimersByTimeAsync(LEAVE_AFTER_CLOSE_MS);
    expect(await keys()).toEqual([presenceKey("amina", TAB)]);
  });

  it("keeps the entry while another socket of the same tab is open", async () => {
    await reported("amina");
    const first = keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    first?.();
    await vi.advanceTimersByTimeAsync(2 * TTL_MS);
    expect(await keys()).toEqual([presenceKey("amina", TAB)]);
  });

  it("never makes an entry, and a socket naming another person's tab neither keeps nor removes it", async () => {
    keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    await vi.advanceTimersByTimeAsync(TTL_MS);
    expect(await keys()).toEqual([]);

    await reported("diego");
    const squatter = keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    squatter?.();
    await vi.advanceTimersByTimeAsync(LEAVE_AFTER_CLOSE_MS);
    // Diego's own tab still reports: his entry is untouched by Amina's socket closing.
    expect(await keys()).toEqual([presenceKey("diego", TAB)]);
    // Nor does her open socket keep it alive: without his reports it expires.
    keeper.opened(socket("amina", `${PRESENCE_PARAM}=${TAB}`));
    await vi.advanceTimersByTimeAsync(TTL_MS + 1);
    expect(await keys()).toEqual([]);
  });

  it("costs nothing for a socket without a valid presence id", () => {
    expect(keeper.opened(socket("amina", ""))).toBeUndefined();
    expect(keeper.opened(socket("amina", `${PRESENCE_PARAM}=x`))).toBeUndefined();
    expect(keeper.opened(socket("amina", `${PRESENCE_PARAM}=${"a".repeat(65)}`))).toBeUndefined();
    expect(keeper.size).toBe(0);
  });
});
