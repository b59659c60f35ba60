import { CloseCode } from "@caucus/shared";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { TEarlySession } from "./earlySession";

/** A session as the module sees it, recording what was done to it. */
class FakeSession implements TEarlySession {
  discarded = false;
  private readonly closeListeners = new Set<(code: number) => void>();
  constructor(readonly documentId: string) {}
  onServerClose(listener: (code: number) => void) {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }
  serverCloses(code: number) {
    for (const listener of this.closeListeners) listener(code);
  }
  discard() {
    this.discarded = true;
  }
}

/** The module afresh: its state is per page load. */
async function earlySessions() {
  vi.resetModules();
  return import("./earlySession");
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the session opened at start-up", () => {
  it("is taken over by the page of its document and presence id, once", async () => {
    const { openEarlySession, takeEarlySession } = await earlySessions();
    const session = new FakeSession("doc-1");
    openEarlySession("doc-1", "tab-1", () => session);
    expect(takeEarlySession<FakeSession>("doc-1", "tab-1")).toBe(session);
    expect(takeEarlySession("doc-1", "tab-1")).toBeUndefined();
    vi.advanceTimersByTime(60_000);
    expect(session.discarded).toBe(false);
  });

  it("is discarded when another document or tab asks, and nothing is handed over", async () => {
    const { openEarlySession, takeEarlySession } = await earlySessions();
    const session = new FakeSession("doc-1");
    openEarlySession("doc-1", "tab-1", () => session);
    expect(takeEarlySession("doc-2", "tab-1")).toBeUndefined();
    expect(session.discarded).toBe(true);

    const other = await earlySessions();
    const second = new FakeSession("doc-1");
    other.openEarlySession("doc-1", "tab-1", () => second);
    expect(other.takeEarlySession("doc-1", "tab-2")).toBeUndefined();
    expect(second.discarded).toBe(true);
  });

  it("is discarded when nobody takes it within 15 s", async () => {
    const { openEarlySession, takeEarlySession } = await earlySessions();
    const session = new FakeSession("doc-1");
    openEarlySession("doc-1", "tab-1", () => session);
    vi.advanceTimersByTime(14_999);
    expect(session.discarded).toBe(false);
    vi.advanceTimersByTime(1);
    expect(session.discarded).toBe(true);
    expect(takeEarlySession("doc-1", "tab-1")).toBeUndefined();
  });

  it("is discarded when the server refuses it as signed out, and handed over with any other refusal", async () => {
    const signedOut = await earlySessions();
    const refused = new FakeSession("doc-1");
    signedOut.openEarlySession("doc-1", "tab-1", () => refused);
    refused.serverCloses(CloseCode.unauthorized);
    expect(refused.discarded).toBe(true);
    expect(signedOut.takeEarlySession("doc-1", "tab-1")).toBeUndefined();

    const missing = await earlySessions();
    const notFound = new FakeSession("doc-1");
    missing.openEarlySession("doc-1", "tab-1", () => notFound);
    notFound.serverCloses(CloseCode.documentNotFound);
    expect(notFound.discarded).toBe(false);
    expect(missing.takeEarlySession("doc-1", "tab-1")).toBe(notFound);
  });

  it("does not open once the page has asked: a page that mounted first keeps its own session", async () => {
    const { openEarlySession, takeEarlySession } = await earlySessions();
    expect(takeEarlySession("doc-1", "tab-1")).toBeUndefined();
    const open = vi.fn(() => new FakeSession("doc-1"));
    openEarlySession("doc-1", "tab-1", open);
    expect(open).not.toHaveBeenCalled();
  });
});
