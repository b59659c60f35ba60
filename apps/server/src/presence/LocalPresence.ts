import type { TPresenceChange, TPresenceEntry } from "@caucus/shared";
import type { Logger } from "../logger.js";
import { WorkspaceListeners } from "../platform/bus/WorkspaceListeners.js";
import {
  byConnectionId,
  entryOf,
  type PresenceService,
  sameApartFromLastSeen,
  type TPresenceHeartbeat,
  type TPresenceListener,
} from "./PresenceService.js";

interface HeldEntry {
  entry: TPresenceEntry;
  /** Fires when the entry expires; reset by each heartbeat. */
  expiry: NodeJS.Timeout;
}

export interface LocalPresenceOptions {
  ttlMs: number;
  logger?: Logger;
  /**
   * Hears every change in every workspace, and whether a "left" came from
   * expiry; RedisPresence uses it to fan its own changes out.
   */
  onChange?: (change: TPresenceChange, expired: boolean) => void;
}

/** Presence held in this process, expired by one timer per entry. */
export class LocalPresence implements PresenceService {
  private readonly workspaces = new Map<string, Map<string, HeldEntry>>();
  private readonly listeners: WorkspaceListeners<TPresenceChange>;

  constructor(private readonly options: LocalPresenceOptions) {
    this.listeners = new WorkspaceListeners("presence", options.logger);
  }

  get ttlMs(): number {
    return this.options.ttlMs;
  }

  async heartbeat(heartbeat: TPresenceHeartbeat): Promise<void> {
    const { workspaceId, connectionId } = heartbeat;
    let entries = this.workspaces.get(workspaceId);
    if (!entries) {
      entries = new Map();
      this.workspaces.set(workspaceId, entries);
    }
    const held = entries.get(connectionId);
    const entry = entryOf(heartbeat);
    // A late heartbeat must not move lastSeen backwards.
    if (held) entry.lastSeen = Math.max(entry.lastSeen, held.entry.lastSeen);
    const delay = Math.max(0, entry.lastSeen + this.options.ttlMs - Date.now());
    if (held) {
      const changed = !sameApartFromLastSeen(held.entry, entry);
      held.entry = entry;
      clearTimeout(held.expiry);
      held.expiry = this.expireAfter(workspaceId, connectionId, delay);
      if (changed) this.announce({ type: "updated", workspaceId, entry });
    } else {
      entries.set(connectionId, { entry, expiry: this.expireAfter(workspaceId, connectionId, delay) });
      this.announce({ type: "joined", workspaceId, entry });
    }
  }

  async leave(workspaceId: string, connectionId: string): Promise<void> {
    this.remove(workspaceId, connectionId, false);
  }

  async list(workspaceId: string): Promise<TPresenceEntry[]> {
    const entries = this.workspaces.get(workspaceId);
    if (!entries) return [];
    // A timer may run a little late; the list never shows an entry past its expiry.
    const cutoff = Date.now() - this.options.ttlMs;
    return [...entries.values()]
      .map((held) => held.entry)
      .filter((entry) => entry.lastSeen > cutoff)
      .sort(byConnectionId);
  }

  subscribe(workspaceId: string, listener: TPresenceListener): () => void {
    return this.listeners.add(workspaceId, listener);
  }

  /** Delivers a change to this process's listeners of its workspace, without `onChange`. */
  deliver(change: TPresenceChange): void {
    this.listeners.tell(change.workspaceId, change);
  }

  /** Whether this process's listeners follow the workspace. */
  hasListeners(workspaceId: string): boolean {
    return this.listeners.has(workspaceId);
  }

  /** The workspaces that have listeners here. */
  followedWorkspaces(): IterableIterator<string> {
    return this.listeners.workspaces();
  }

  async close(): Promise<void> {
    for (const entries of this.workspaces.values()) {
      for (const held of entries.values()) clearTimeout(held.expiry);
    }
    this.workspaces.clear();
    this.listeners.clear();
  }

  private expireAfter(workspaceId: string, connectionId: string, delay: number): NodeJS.Timeout {
    const timer = setTimeout(() => this.remove(workspaceId, connectionId, true), delay);
    timer.unref();
    return timer;
  }

  private remove(workspaceId: string, connectionId: string, expired: boolean): void {
    const entries = this.workspaces.get(workspaceId);
    const held = entries?.get(connectionId);
    if (!entries || !held) return;
    clearTimeout(held.expiry);
    entries.delete(connectionId);
    if (entries.size === 0) this.workspaces.delete(workspaceId);
    this.announce({ type: "left", workspaceId, connectionId }, expired);
  }

  private announce(change: TPresenceChange, expired = false): void {
    this.options.onChange?.(change, expired);
    this.deliver(change);
  }
}
