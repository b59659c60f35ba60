import type { TBoardChange } from "@caucus/shared";
import type { Logger } from "../logger.js";

export type TBoardListener = (change: TBoardChange) => void;

/**
 * What changed on each workspace's calls board, for the board streams: in
 * this process alone (`LocalBoardChanges`), or shared with the other
 * instances through Redis (`RedisBoardChanges`).
 */
export interface BoardChanges {
  /** Tells the workspace's listeners, here and on every instance. */
  publish(workspaceId: string, change: TBoardChange): void;
  /** Hears the workspace's changes; returns the unsubscribe. */
  subscribe(workspaceId: string, listener: TBoardListener): () => void;
  /** Whether anyone, here or on another instance, may follow the workspace's board now. */
  mayBeFollowed(workspaceId: string): boolean;
  close(): Promise<void>;
}

/** Board changes within this process: one set of listeners per workspace. */
export class LocalBoardChanges implements BoardChanges {
  private readonly listeners = new Map<string, Set<TBoardListener>>();

  constructor(private readonly logger?: Logger) {}

  publish(workspaceId: string, change: TBoardChange): void {
    for (const listener of this.listeners.get(workspaceId) ?? []) {
      try {
        listener(change);
      } catch (error) {
        this.logger?.error({ err: error }, "a board listener failed");
      }
    }
  }

  subscribe(workspaceId: string, listener: TBoardListener): () => void {
    let listeners = this.listeners.get(workspaceId);
    if (!listeners) {
      listeners = new Set();
      this.listeners.set(workspaceId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.listeners.get(workspaceId) === listeners)
        this.listeners.delete(workspaceId);
    };
  }

  mayBeFollowed(workspaceId: string): boolean {
    return this.hasListeners(workspaceId);
  }

  /** Whether this process's listeners follow the workspace. */
  hasListeners(workspaceId: string): boolean {
    return this.listeners.has(workspaceId);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
