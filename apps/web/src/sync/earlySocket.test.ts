import * as encoding from "lib0/encoding";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { writeSyncStep1 } from "y-protocols/sync";
import * as Y from "yjs";
import { EarlyOrNewWebSocket, openEarlySocket, takeEarlySocket } from "./earlySocket";

/** What the early socket uses of a browser's WebSocket: events, handlers, close. */
class FakeSocket extends EventTarget {
  static readonly CLOSING = 2;
  static made: FakeSocket[] = [];
  readyState = 0;
  binaryType = "blob";
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  closedWith: number | undefined;
  constructor(readonly url: string) {
    super();
    FakeSocket.made.push(this);
  }
  /** What the browser does: dispatch to listeners, then to the handler property. */
  fire(event: Event) {
    if (event.type === "open") this.readyState = 1;
    this.dispatchEvent(event);
    const handler = this[`on${event.type}` as "onopen"];
    handler?.call(this, event as MessageEvent);
  }
  close(code: number) {
    this.closedWith = code;
    this.readyState = 3;
  }
}

const URL_A = "ws://caucus.test/sync/doc-a?cap=stored";

describe("the sync socket opened at start-up", () => {
  beforeEach(() => {
    FakeSocket.made = [];
    vi.stubGlobal("WebSocket", FakeSocket);
    vi.useFakeTimers();
  });
  afterEach(() => {
    takeEarlySocket("none");
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("is taken over with what it heard so far, replayed in order to the handlers set after", async () => {
    openEarlySocket(URL_A);
    const [socket] = FakeSocket.made as [FakeSocket];
    expect(socket.binaryType).toBe("arraybuffer");
    socket.fire(new Event("open"));
    socket.fire(new MessageEvent("message", { data: "sync step 1" }));
    socket.fire(new MessageEvent("message", { data: "awareness" }));

    const heard: string[] = [];
    const taken = new EarlyOrNewWebSocket(URL_A);
    expect(taken).toBe(socket);
    taken.onopen = () => heard.push("open");
    taken.onmessage = (event) => heard.push(String(event.data));
    expect(heard).toEqual([]);
    await Promise.resolve();
    expect(heard).toEqual(["open", "sync step 1", "awareness"]);

    // What comes after goes straight to the handlers, once.
    socket.fire(new MessageEvent("message", { data: "update" }));
    expect(heard).toEqual(["open", "sync step 1", "awareness", "update"]);
    expect(FakeSocket.made).toHaveLength(1);
  });

  it("on a device without the document, asks for all of it on open and replays the answer before the open", async () => {
    openEarlySocket(URL_A, Promise.resolve(false));
    await Promise.resolve();
    const [socket] = FakeSocket.made as [FakeSocket];
    const sent: Uint8Array[] = [];
    (socket as unknown as { send: (data: Uint8Array) => void }).send = (data) => sent.push(data);
    socket.fire(new Event("open"));
    // Byte for byte what y-websocket sends for an empty document.
    const expected = encoding.createEncoder();
    encoding.writeVarUint(expected, 0);
    writeSyncStep1(expected, new Y.Doc());
    expect(sent).toEqual([encoding.toUint8Array(expected)]);
    socket.fire(new MessageEvent("message", { data: "sync step 1" }));
    socket.fire(new MessageEvent("message", { data: "sync step 2: the whole text" }));

    const heard: string[] = [];
    const taken = new EarlyOrNewWebSocket(URL_A);
    taken.onopen = () => heard.push("open");
    taken.onmessage = (event) => heard.push(String(event.data));
    await Promise.resolve();
    expect(heard).toEqual(["sync step 1", "sync step 2: the whole text", "open"]);
  });

  it("on a device with a copy, asks for nothing itself", async () => {
    openEarlySocket(URL_A, Promise.resolve(true));
    await Promise.resolve();
    const [socket] = FakeSocket.made as [FakeSocket];
    const sent: Uint8Array[] = [];
    (socket as unknown as { send: (data: Uint8Array) => void }).send = (data) => sent.push(data);
    socket.fire(new Event("open"));
    expect(sent).toEqual([]);
  });

  it("is closed, and a new socket made, when the address differs", () => {
    openEarlySocket(URL_A);
    const taken = new EarlyOrNewWebSocket("ws://caucus.test/sync/doc-b?cap=stored");
    const [early, fresh] = FakeSocket.made as [FakeSocket, FakeSocket];
    expect(taken).toBe(fresh);
    expect(fresh.url).toBe("ws://caucus.test/sync/doc-b?cap=stored");
    expect(early.closedWith).toBe(1000);
  });

  it("is closed when nobody takes it in time, and is not handed out after", () => {
    openEarlySocket(URL_A);
    const [early] = FakeSocket.made as [FakeSocket];
    vi.advanceTimersByTime(15_000);
    expect(early.closedWith).toBe(1000);
    expect(takeEarlySocket(URL_A)).toBeUndefined();
  });

  it("is not handed over once closed (a refusal): the provider opens its own and hears the reason itself", () => {
    openEarlySocket(URL_A);
    const [early] = FakeSocket.made as [FakeSocket];
    early.readyState = 3;
    early.fire(new Event("close"));
    const taken = new EarlyOrNewWebSocket(URL_A);
    expect(taken).not.toBe(early);
    expect(FakeSocket.made).toHaveLength(2);
  });
});
