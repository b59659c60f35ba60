import { CloseCode } from "@caucus/shared";
import * as Y from "yjs";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import type { Logger } from "../logger.js";
import { ClientClaims } from "./ClientClaims.js";
import type { ClientOwnerRepository } from "./ClientOwnerRepository.js";
import type { DocumentFanout, TFanoutMessage } from "./DocumentFanout.js";
import { DocumentRoom, RoomRefusal, type TRoomLimits } from "./DocumentRoom.js";
import { RoomFanout } from "./RoomFanout.js";
import { RoomStore } from "./RoomStore.js";
import type { StoreScheduler } from "./StoreScheduler.js";
import type { SyncStats } from "./SyncStats.js";
import type { UpdateLog } from "./UpdateLog.js";

export interface LoadRoomOptions {
  documentId: string;
  documents: DocumentRepository;
  log: UpdateLog;
  /** Whose each client id is. */
  clients: Pick<ClientOwnerRepository, "owners" | "claim">;
  logger: Logger;
  limits: TRoomLimits;
  scheduler: StoreScheduler;
  compactAfter: number;
  fanout: DocumentFanout;
  /** Numbers this process's edits across documents. */
  nextSeq: () => number;
  /** How long edits from another instance wait for it to store them before this one does. */
  adoptAfterMs: number;
  stats?: SyncStats;
}

/** Rows applied between yields, so a long log never blocks the event loop. */
const APPLY_CHUNK = 200;
/**
 * Fan-out messages kept while the document loads; past this the rest are
 * dropped, and the catch-up request sent once loaded brings what they held.
 */
const MAX_EARLY_MESSAGES = 1_000;

/**
 * Loads a document from storage into a new room. Refuses with a named close
 * code when the document is missing or storage fails: a document that
 * failed to load is never served empty, since an empty copy would later be
 * stored over the real one.
 */
export async function loadRoom(options: LoadRoomOptions): Promise<DocumentRoom> {
  const { documentId, documents, log, logger, fanout } = options;
  const started = performance.now();
  // Listen before reading storage, so an edit another instance makes
  // between the read and the catch-up request is not missed.
  const early: [Uint8Array, TFanoutMessage][] = [];
  let deliver = (from: Uint8Array, message: TFanoutMessage) => {
    if (early.length < MAX_EARLY_MESSAGES) early.push([from, message]);
  };
  const leave = await fanout.join(documentId, (from, message) => deliver(from, message));
  let stored: Awaited<ReturnType<UpdateLog["load"]>>;
  try {
    const document = await documents.find(documentId);
    if (!document || document.deletedAt) {
      throw new RoomRefusal(CloseCode.documentNotFound, "document not found");
    }
    stored = await log.load(documentId);
  } catch (error) {
    await leave();
    if (error instanceof RoomRefusal) throw error;
    logger.error({ err: error, documentId }, "loading the document failed");
    throw new RoomRefusal(CloseCode.documentLoadFailed, "document could not be loaded");
  }

  const doc = new Y.Doc({ gc: true });
  let bytes = 0;
  try {
    for (let i = 0; i < stored.updates.length; i++) {
      const update = stored.updates[i] as Uint8Array;
      Y.applyUpdate(doc, update);
      bytes += update.byteLength;
      if ((i + 1) % APPLY_CHUNK === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } catch (error) {
    doc.destroy();
    await leave();
    logger.error({ err: error, documentId }, "stored updates of the document do not decode");
    throw new RoomRefusal(CloseCode.documentLoadFailed, "document could not be loaded");
  }
  // Read after the text: every id in it was claimed before it was stored.
  const { clients } = options;
  const claims = new ClientClaims({
    owners: (ids) => clients.owners(documentId, ids),
    claim: (ids, userId) => clients.claim(documentId, ids, userId),
  });
  try {
    await claims.load(doc);
  } catch (error) {
    doc.destroy();
    await leave();
    logger.error({ err: error, documentId }, "reading whose the document's client ids are failed");
    throw new RoomRefusal(CloseCode.documentLoadFailed, "document could not be loaded");
  }

  logger.debug(
    { documentId, rows: stored.updates.length, bytes, ms: Math.round(performance.now() - started) },
    "document loaded",
  );
  const room = new DocumentRoom(documentId, doc, options.limits, bytes);
  room.claims = claims;
  const peers = new RoomFanout({
    room,
    fanout,
    logger,
    nextSeq: options.nextSeq,
    adoptAfterMs: options.adoptAfterMs,
    stats: options.stats,
  });
  peers.leave = leave;
  room.peers = peers;
  room.store = new RoomStore({
    documentId,
    doc,
    log,
    logger,
    scheduler: options.scheduler,
    compactAfter: options.compactAfter,
    initialRows: stored.updates.length,
    onStored: (stateVector) => room.announceStored(stateVector),
    onWritten: (covered) => peers.onWritten(covered),
    unconfirmed: () => peers.unconfirmed(),
  });
  deliver = (from, message) => peers.receive(from, message);
  for (const [from, message] of early) peers.receive(from, message);
  peers.requestCatchUp();
  return room;
}
