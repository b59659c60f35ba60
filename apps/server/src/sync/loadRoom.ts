import { CloseCode } from "@caucus/shared";
import * as Y from "yjs";
import type { DocumentRepository } from "../documents/DocumentRepository.js";
import { ClientClaims } from "./ClientClaims.js";
import type { ClientOwnerRepository } from "./ClientOwnerRepository.js";
import type { TFanoutMessage } from "./DocumentFanout.js";
import { DocumentRoom } from "./DocumentRoom.js";
import { RoomRefusal } from "./messages.js";
import type { TRoomContext } from "./roomContext.js";
import type { UpdateLog } from "./UpdateLog.js";

/** What loading needs beyond what every room shares: where documents and their client ids are kept. */
export interface TLoadContext extends TRoomContext {
  documents: DocumentRepository;
  /** Whose each client id is. */
  clients: Pick<ClientOwnerRepository, "owners" | "claim">;
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
export async function loadRoom(context: TLoadContext, documentId: string): Promise<DocumentRoom> {
  const { documents, log, logger, fanout } = context;
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

  // Named after the document: a random guid costs 32 calls for random bytes, per room loaded.
  const doc = new Y.Doc({ gc: true, guid: documentId });
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
  const { clients } = context;
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
  const room = new DocumentRoom(context, {
    documentId,
    doc,
    bytes,
    rows: stored.updates.length,
    claims,
    leave,
  });
  deliver = (from, message) => room.receiveFromPeer(from, message);
  for (const [from, message] of early) room.receiveFromPeer(from, message);
  room.requestCatchUp();
  return room;
}
