import type { TPresenceStatus } from "@caucus/shared";
import { ApiError } from "../api/client";
import { leavePresence, leavePresenceOnExit, reportPresence } from "../api/presence";
import { newConnectionId } from "./connectionId";
import { currentStatus, subscribeStatus } from "./status";
import { startTicker, type TTicker } from "./ticker";

/**
 * Until the server has said how long an entry lives (`PRESENCE_TTL_MS`,
 * one minute by default), this tab reports this often; after, every half of
 * that, leaving room for one lost report. A tab that closes says so at once
 * (`leavePresenceOnExit`); only a crashed one waits out the TTL.
 */
const FIRST_REPORT_EVERY_MS = 4_000;
/** Never more often than this, whatever the server says. */
const MIN_REPORT_EVERY_MS = 1_000;
/**
 * How long after a page stops reporting this tab waits before saying it
 * left: moving from the list to a document unmounts one page before the
 * next (loaded lazily) says where it is, and others should not see a blink.
 */
const LEAVE_AFTER_MS = 5_000;

/** Where this tab is: a workspace's pages (documentId null) or one of its documents. */
export interface TPresenceTarget {
  workspaceId: string;
  documentId: string | null;
}

function timeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch {
    return "UTC";
  }
}

/**
 * Reports this tab's presence while a page claims it. One per tab, so the
 * connection id stays the same as the person moves between pages.
 * Failures are silent: presence is a hint, and the next tick tries again.
 */
class PresenceReporter {
  readonly connectionId = newConnectionId();
  private target: TPresenceTarget | null = null;
  private ticker: TTicker | undefined;
  private leaveTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribeStatus: (() => void) | undefined;
  private lastStatus: TPresenceStatus | null = null;
  private inFlight = false;
  private again = false;
  /** Set when the server refused (no longer a member); cleared by the next claim. */
  private refused = false;
  private readonly listeners = new Set<() => void>();
  private reportEveryMs = FIRST_REPORT_EVERY_MS;
  /**
   * A document's socket is open and names this tab (`PRESENCE_PARAM`): the
   * server keeps the entry alive, so no heartbeats; reports only on a change.
   */
  private keptBySocket = false;
  /** `Date.now()` of the last report the server took, and of the last time the socket went. */
  private reportedAt = 0;
  private socketLostAt = 0;

  /** Starts (or moves) this tab's presence; returns the release, called when the page goes. */
  claim(target: TPresenceTarget): () => void {
    clearTimeout(this.leaveTimer);
    const previous = this.target;
    if (previous && previous.workspaceId !== target.workspaceId) this.leave(previous.workspaceId);
    this.target = target;
    this.refused = false;
    if (!previous) this.start();
    this.report();
    this.notify();
    return () => {
      // A later claim (the next page) owns the tab now.
      if (this.target !== target) return;
      clearTimeout(this.leaveTimer);
      this.leaveTimer = setTimeout(() => {
        if (this.target !== target) return;
        this.stop();
        this.leave(target.workspaceId);
      }, LEAVE_AFTER_MS);
    };
  }

  /** Whether this tab is reporting: the status control shows only then. */
  isActive(): boolean {
    return this.target !== null;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * The document's socket connected (true) or is gone (false). Connected:
   * one report makes sure the entry exists (the server only renews one), then
   * no heartbeats. Gone: heartbeats again, starting now.
   */
  keptBySocketChanged(kept: boolean): void {
    if (kept === this.keptBySocket) return;
    this.keptBySocket = kept;
    if (!kept) this.socketLostAt = Date.now();
    if (!this.target) return;
    // The entry exists if a report got through since the socket last went
    // (the server keeps what was reported after a close): on opening a
    // document that is most often the page's own report, and a phone sends
    // nothing more. (One still under way may fail: then report again.)
    const entryExists = this.reportedAt > this.socketLostAt;
    if (!kept || !entryExists) this.report();
    this.tick();
  }

  /** Heartbeats run while a page claims the tab and no socket keeps it. */
  private tick(): void {
    const beating = this.target !== null && !this.keptBySocket;
    if (beating && !this.ticker) this.ticker = startTicker(this.reportEveryMs, () => this.report());
    if (!beating && this.ticker) {
      this.ticker.stop();
      this.ticker = undefined;
    }
  }

  private start(): void {
    this.tick();
    this.lastStatus = currentStatus();
    this.unsubscribeStatus = subscribeStatus(this.onStatus);
    window.addEventListener("pagehide", this.onPageHide);
    window.addEventListener("pageshow", this.onPageShow);
  }

  private stop(): void {
    this.ticker?.stop();
    this.ticker = undefined;
    this.keptBySocket = false;
    this.unsubscribeStatus?.();
    this.unsubscribeStatus = undefined;
    window.removeEventListener("pagehide", this.onPageHide);
    window.removeEventListener("pageshow", this.onPageShow);
    this.target = null;
    this.notify();
  }

  private readonly onStatus = () => {
    const status = currentStatus();
    if (status === this.lastStatus) return;
    this.lastStatus = status;
    this.report();
  };

  /** The tab is closing, reloading or going into the back-forward cache. */
  private readonly onPageHide = () => {
    if (this.target) leavePresenceOnExit(this.target.workspaceId, this.connectionId);
  };

  /** Back from the back-forward cache: say so at once rather than at the next tick. */
  private readonly onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) this.report();
  };

  /** Sends one report; one at a time, so a slow link never piles requests up. */
  private report(): void {
    const target = this.target;
    if (!target || this.refused) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    this.inFlight = true;
    const status = currentStatus();
    this.lastStatus = status;
    reportPresence(target.workspaceId, {
      connectionId: this.connectionId,
      documentId: target.documentId,
      status,
      timeZone: timeZone(),
    })
      .then(({ ttlMs }) => {
        this.reportedAt = Date.now();
        this.beatEvery(Math.max(MIN_REPORT_EVERY_MS, Math.floor(ttlMs / 2)));
      })
      .catch((error: unknown) => {
        // Not (or no longer) a member, or no such document: stop until a page claims again.
        if (error instanceof ApiError && [400, 403, 404].includes(error.status)) this.refused = true;
      })
      .finally(() => {
        this.inFlight = false;
        if (this.again) {
          this.again = false;
          this.report();
        }
      });
  }

  /** Reports every `everyMs` from now on (the server's TTL decides it). */
  private beatEvery(everyMs: number): void {
    if (everyMs === this.reportEveryMs) return;
    this.reportEveryMs = everyMs;
    if (!this.ticker) return;
    this.ticker.stop();
    this.ticker = undefined;
    this.tick();
  }

  private leave(workspaceId: string): void {
    leavePresence(workspaceId, this.connectionId).catch(() => undefined);
  }
}

/** This tab's reporter. */
export const presenceReporter = new PresenceReporter();
