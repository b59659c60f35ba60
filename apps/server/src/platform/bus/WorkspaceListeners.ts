import type { Logger } from "../../logger.js";

/**
 * This process's listeners of something per workspace (presence, the calls
 * board): added and removed by `add`'s returned function, told in turn by
 * `tell`, where one listener that throws is logged and does not stop the others.
 */
export class WorkspaceListeners<T> {
  private readonly byWorkspace = new Map<string, Set<(change: T) => void>>();

  constructor(
    private readonly what: string,
    private readonly logger?: Logger,
  ) {}

  /** Hears the workspace's changes; returns the unsubscribe. */
  add(workspaceId: string, listener: (change: T) => void): () => void {
    let listeners = this.byWorkspace.get(workspaceId);
    if (!listeners) {
      listeners = new Set();
      this.byWorkspace.set(workspaceId, listeners);
    }
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.byWorkspace.get(workspaceId) === listeners) {
        this.byWorkspace.delete(workspaceId);
      }
    };
  }

  tell(workspaceId: string, change: T): void {
    for (const listener of this.byWorkspace.get(workspaceId) ?? []) {
      try {
        listener(change);
      } catch (error) {
        this.logger?.error({ err: error }, `a ${this.what} listener failed`);
      }
    }
  }

  has(workspaceId: string): boolean {
    return this.byWorkspace.has(workspaceId);
  }

  /** The workspaces that have listeners here. */
  workspaces(): IterableIterator<string> {
    return this.byWorkspace.keys();
  }

  clear(): void {
    this.byWorkspace.clear();
  }
}
