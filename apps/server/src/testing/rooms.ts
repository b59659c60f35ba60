import pino from "pino";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import { ClientClaims, MemoryClaimStore } from "../sync/ClientClaims.js";
import { type DocumentFanout, SoloFanout } from "../sync/DocumentFanout.js";
import { DocumentRoom } from "../sync/DocumentRoom.js";
import { RoomHooks } from "../sync/RoomHooks.js";
import { DEFAULT_ROOM_LIMITS, type TRoomLimits } from "../sync/roomContext.js";
import { StoreScheduler } from "../sync/StoreScheduler.js";
import type { UpdateLog } from "../sync/UpdateLog.js";

/** A log that accepts every write and keeps none (storage is tested in RoomStore.test). */
const NOWHERE = {
  append: async () => 1,
  appendMany: async (entries: { documentId: string }[]) => new Map(entries.map((e) => [e.documentId, 1])),
  compact: async () => 1,
} as unknown as UpdateLog;

/**
 * A whole room, as `loadRoom` builds one, around an empty document, for
 * unit tests: the default limits, alone in the service, claims in memory
 * and a log that keeps nothing, unless a test says otherwise. The scheduler's window is a
 * minute, so only `room.flush()` writes.
 */
export function testRoom(
  options: {
    documentId?: string;
    limits?: Partial<TRoomLimits>;
    claims?: ClientClaims;
    log?: UpdateLog;
    fanout?: DocumentFanout;
    logger?: Logger;
    adoptAfterMs?: number;
    compactAfter?: number;
    hooks?: RoomHooks;
  } = {},
): DocumentRoom {
  const log = options.log ?? NOWHERE;
  const logger = options.logger ?? pino({ level: "silent" });
  let seq = 0;
  return new DocumentRoom(
    {
      limits: { ...DEFAULT_ROOM_LIMITS, ...options.limits },
      log,
      logger,
      scheduler: new StoreScheduler(log, 60_000, logger),
      compactAfter: options.compactAfter ?? 100,
      fanout: options.fanout ?? new SoloFanout(),
      nextSeq: () => ++seq,
      adoptAfterMs: options.adoptAfterMs ?? 5_000,
      hooks: options.hooks ?? new RoomHooks(logger),
    },
    {
      documentId: options.documentId ?? "doc",
      doc: new Y.Doc(),
      bytes: 0,
      rows: 0,
      claims: options.claims ?? new ClientClaims(new MemoryClaimStore()),
      leave: async () => {},
    },
  );
}
