/**
 * The rooms of one sync server: one per open document, loaded on first
 * join, unloaded once its last socket has left and its edits are stored,
 * and all stored on a graceful stop. The features' hooks are registered
 * here, since every room calls them.
 */
import type * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { DocumentRoom } from "./DocumentRoom.js";
import { loadRoom, type TLoadContext } from "./loadRoom.js";
import {
  RoomHooks,
  type TOpenedSocket,
  type TRoomHookRegistry,
  type TRoomHooks,
  type TSocketRelease,
} from "./RoomHooks.js";
import { StoreScheduler } from "./StoreScheduler.js";

export interface RoomRegistryOptions
  extends Omit<TLoadContext, "scheduler" | "nextSeq" | "hooks" | "stats">,
    Required<Pick<TLoadContext, "stats">> {
  /** How long an edit waits for the next write of every dirty document. */
  storeDelayMs: number;
  /** Documents held in memory at once. */
  maxLoadedDocuments: number;
}

/** How soon an idle room whose store failed tries to unload again. */
const UNLOAD_RETRY_MS = 2_000;

export class RoomRegistry implements TRoomHookRegistry {
  private readonly rooms = new Map<string, Promise<DocumentRoom>>();
  private readonly scheduler: StoreScheduler;
  private readonly hooks: RoomHooks;
  /** What every room shares, built once. */
  private readonly context: TLoadContext;
  private readonly logger: Logger;
  private readonly maxLoadedDocuments: number;
  /** The last seq given to an edit of this process. */
  private seq = 0;
  private closing = false;

  constructor(options: RoomRegistryOptions) {
    const { storeDelayMs, maxLoadedDocuments, ...shared } = options;
    this.logger = options.logger;
    this.maxLoadedDocuments = maxLoadedDocuments;
    this.scheduler = new StoreScheduler(options.log, storeDelayMs, options.logger, options.stats);
    this.hooks = new RoomHooks(options.logger);
    this.context = {
      ...shared,
      scheduler: this.scheduler,
      hooks: this.hooks,
      nextSeq: () => ++this.seq,
    };
  }

  register(hooks: TRoomHooks): () => void {
    return this.hooks.register(hooks);
  }

  /** Tells the features a socket was admitted; returns what to call when it closes. */
  socketOpened(socket: TOpenedSocket): TSocketRelease | undefined {
    return this.hooks.opened(socket);
  }

  /** Rooms in memory now (loading ones included). */
  get size(): number {
    return this.rooms.size;
  }

  /** Whether a socket for `documentId` fits under MAX_LOADED_DOCUMENTS. */
  mayOpen(documentId: string): boolean {
    return this.rooms.has(documentId) || this.rooms.size < this.maxLoadedDocuments;
  }

  /** The document's room, loading it if it is not in memory. */
  open(documentId: string): Promise<DocumentRoom> {
    const existing = this.rooms.get(documentId);
    if (existing) return existing;
    const loading = loadRoom(this.context, documentId);
    this.rooms.set(documentId, loading);
    loading.catch(() => {
      if (this.rooms.get(documentId) === loading) this.rooms.delete(documentId);
    });
    return loading;
  }

  /** Waits for a room being opened; if it was unloaded meanwhile, loads it again. */
  async whenLoaded(pending: Promise<DocumentRoom>, documentId: string): Promise<DocumentRoom> {
    let room = await pending;
    while (room.destroyed) room = await this.open(documentId);
    return room;
  }

  /** A socket left `room` (or closed before joining it): the room unloads once nobody has it open. */
  release(room: DocumentRoom): void {
    if (room.connections.size === 0 && !this.closing) void this.unloadWhenIdle(room);
  }

  /** True when no loaded room is failing to store. */
  async storageHealthy(): Promise<boolean> {
    for (const pending of this.rooms.values()) {
      const room = await pending.catch(() => undefined);
      if (room?.storeFailing) return false;
    }
    return true;
  }

  /** The live Y.Doc of a document loaded here (read it, never change it), or undefined. */
  async loadedDocument(documentId: string): Promise<Y.Doc | undefined> {
    const room = await this.loaded(documentId);
    return room && !room.destroyed ? room.doc : undefined;
  }

  /** Closes every socket of a document (deleted) with `code`, on every instance. */
  async closeDocument(documentId: string, code: number, reason: string): Promise<void> {
    await this.context.fanout.publish(documentId, { kind: "close", code, reason });
    const room = await this.loaded(documentId);
    room?.closeAll(code, reason);
  }

  /** Asks the other instances, for every loaded document, for what this one lacks. */
  async catchUpAll(): Promise<void> {
    for (const pending of [...this.rooms.values()]) {
      const room = await pending.catch(() => undefined);
      if (room && !room.destroyed) room.requestCatchUp();
    }
  }

  /**
   * Graceful stop, first half: no room unloads any more, and every socket
   * is closed with `code` (clients reconnect to the next process).
   */
  async closeAll(code: number, reason: string): Promise<void> {
    this.closing = true;
    for (const room of await this.settledRooms()) {
      room?.closeAll(code, reason);
      // Edits held for other instances are stored here too: better twice than lost.
      room?.adoptPeerEdits(0);
    }
  }

  /** Graceful stop, second half: every room stored (retried until the caller's timeout) and dropped. */
  async storeAll(): Promise<void> {
    await Promise.all(
      (await this.settledRooms()).map(async (room) => {
        if (!room) return;
        await this.storeUntilDone(room);
        room.destroy();
      }),
    );
    this.rooms.clear();
    this.scheduler.dispose();
  }

  private async loaded(documentId: string): Promise<DocumentRoom | undefined> {
    return this.rooms.get(documentId)?.catch(() => undefined);
  }

  private settledRooms(): Promise<(DocumentRoom | undefined)[]> {
    return Promise.all([...this.rooms.values()].map((pending) => pending.catch(() => undefined)));
  }

  /** Keeps trying to store a room; the caller's shutdown timeout bounds it. */
  private async storeUntilDone(room: DocumentRoom): Promise<void> {
    await room.settled();
    for (let attempt = 1; ; attempt++) {
      try {
        await room.flush();
        return;
      } catch {
        this.logger.warn({ documentId: room.documentId, attempt }, "storing on shutdown failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 100 * attempt)));
      }
    }
  }

  /** Stores and drops a room nobody has open; keeps it while storing fails. */
  private async unloadWhenIdle(room: DocumentRoom): Promise<void> {
    // Relayed edits whose instance has been silent about them for too long
    // are stored here; younger ones are its to store, as it was alive a
    // moment ago.
    room.adoptPeerEdits();
    try {
      // Frames still waiting on the database (a new client id) apply first.
      await room.settled();
      await room.flush();
    } catch {
      // Storage is failing: keep the room (and its unstored edits) in memory
      // and try again; the store itself retries with backoff meanwhile.
      setTimeout(() => void this.unloadWhenIdle(room), UNLOAD_RETRY_MS).unref();
      return;
    }
    if (room.connections.size > 0 || room.destroyed || this.closing) return;
    if (room.unstored) {
      // Something started storing after the flush (a compaction): try again
      // rather than leave a room nobody has open in memory for good.
      setTimeout(() => void this.unloadWhenIdle(room), UNLOAD_RETRY_MS).unref();
      return;
    }
    if ((await this.loaded(room.documentId)) !== room) return;
    this.rooms.delete(room.documentId);
    room.destroy();
    this.logger.debug({ documentId: room.documentId }, "document unloaded");
  }
}
