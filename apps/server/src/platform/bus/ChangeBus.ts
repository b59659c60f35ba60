import type { Logger } from "../../logger.js";
import { WorkspaceListeners } from "./WorkspaceListeners.js";

/**
 * Changes to something followed per key (a workspace's calls board, a
 * document's comments), for the streams that show it live: in this process
 * alone (`LocalChangeBus`), or shared with the other instances through Redis
 * (`RedisChangeBus`).
 */
export interface ChangeBus<Change> {
  /** Tells the key's listeners, here and on every instance. */
  publish(key: string, change: Change): void;
  /** Hears the key's changes; returns the unsubscribe. */
  subscribe(key: string, listener: (change: Change) => void): () => void;
  /** Whether anyone, here or on another instance, may follow the key now. */
  mayBeFollowed(key: string): boolean;
  close(): Promise<void>;
}

/** Changes within this process: one set of listeners per key. */
export class LocalChangeBus<Change> implements ChangeBus<Change> {
  private readonly listeners: WorkspaceListeners<Change>;

  constructor(what: string, logger?: Logger) {
    this.listeners = new WorkspaceListeners(what, logger);
  }

  publish(key: string, change: Change): void {
    this.listeners.tell(key, change);
  }

  subscribe(key: string, listener: (change: Change) => void): () => void {
    return this.listeners.add(key, listener);
  }

  mayBeFollowed(key: string): boolean {
    return this.hasListeners(key);
  }

  /** Whether this process's listeners follow the key. */
  hasListeners(key: string): boolean {
    return this.listeners.has(key);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}
