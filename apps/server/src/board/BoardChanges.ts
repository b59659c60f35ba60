import type { TBoardChange } from "@caucus/shared";
import type { Logger } from "../logger.js";
import { WorkspaceListeners } from "../WorkspaceListeners.js";

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
  private readonly listeners: WorkspaceListeners<TBoardChange>;

  constructor(logger?: Logger) {
    this.listeners = new WorkspaceListeners("board", logger);
  }

  publish(workspaceId: string, change: TBoardChange): void {
    this.listeners.tell(workspaceId, change);
  }

  subscribe(workspaceId: string, listener: TBoardListener): () => void {
    return this.listeners.add(workspaceId, listener);
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
