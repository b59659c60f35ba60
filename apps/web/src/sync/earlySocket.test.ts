import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
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

  it("hands over a socket the server refused, so the provider hears its close code instead of opening another", async () => {
    openEarlySocket(URL_A);
    const [early] = FakeSocket.made as [FakeSocket];
    early.fire(new Event("open"));
    early.readyState = 3;
    const refusal = new Event("close");
    early.fire(refusal);
    const taken = new EarlyOrNewWebSocket(URL_A);
    expect(taken).toBe(early);
    const heard: Event[] = [];
    taken.onclose = (event) => heard.push(event);
    await Promise.resolve();
    expect(heard).toEqual([refusal]);
    expect(FakeSocket.made).toHaveLength(1);
  });

  it("hands over a socket still closing: its close, when it comes, goes to the provider", () => {
    openEarlySocket(URL_A);
    const [early] = FakeSocket.made as [FakeSocket];
    early.readyState = 2;
    const taken = new EarlyOrNewWebSocket(URL_A);
    expect(taken).toBe(early);
    const heard: string[] = [];
    taken.onclose = () => heard.push("close");
    early.fire(new Event("close"));
    expect(heard).toEqual(["close"]);
    expect(FakeSocket.made).toHaveLength(1);
  });
});
