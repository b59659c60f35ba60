import { CloseCode } from "@caucus/shared";
import * as Y from "yjs";
import type { Logger } from "../logger.js";
import type { DocumentRepository } from "../storage/DocumentRepository.js";
import type { UpdateLog } from "../storage/UpdateLog.js";
import { DocumentRoom, RoomRefusal } from "./DocumentRoom.js";
import { RoomStore } from "./RoomStore.js";
import type { StoreScheduler } from "./StoreScheduler.js";

export interface LoadRoomOptions {
  documentId: string;
  documents: DocumentRepository;
  log: UpdateLog;
  logger: Logger;
  maxDocumentBytes: number;
  scheduler: StoreScheduler;
  compactAfter: number;
}

/** Rows applied between yields, so a long log never blocks the event loop. */
const APPLY_CHUNK = 200;

/**
 * Loads a document from storage into a new room. Refuses with a named close
 * code when the document is missing or storage fails: a document that
 * failed to load is never served empty, since an empty copy would later be
 * stored over the real one.
 */
export async function loadRoom(options: LoadRoomOptions): Promise<DocumentRoom> {
  const { documentId, documents, log, logger } = options;
  const started = performance.now();
  let stored: Awaited<ReturnType<UpdateLog["load"]>>;
  try {
    const document = await documents.find(documentId);
    if (!document || document.deletedAt) {
      throw new RoomRefusal(CloseCode.documentNotFound, "document not found");
    }
    stored = await log.load(documentId);
  } catch (error) {
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
    logger.error({ err: error, documentId }, "stored updates of the document do not decode");
    throw new RoomRefusal(CloseCode.documentLoadFailed, "document could not be loaded");
  }

  logger.debug(
    { documentId, rows: stored.updates.length, bytes, ms: Math.round(performance.now() - started) },
    "document loaded",
  );
  const room = new DocumentRoom(documentId, doc, options.maxDocumentBytes, bytes);
  room.store = new RoomStore({
    documentId,
    doc,
    log,
    logger,
    scheduler: options.scheduler,
    compactAfter: options.compactAfter,
    initialRows: stored.updates.length,
    initialSeq: stored.lastSeq,
    onStored: (stateVector) => room.announceStored(stateVector),
  });
  return room;
}
