import { MessageType } from "@caucus/shared";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * The sync socket's frames, on y-protocols: encoders for what the server
 * sends (each returns one frame, and a frame for many sockets is encoded
 * once and shared) and `decodeClientMessage` for what a client sends, with
 * `ProtocolError` for a frame that is not a message (closed with 1002).
 * `docs/PROTOCOL.md` describes the bytes.
 */

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

export function encodeUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.sync);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.awareness);
  encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
  return encoding.toUint8Array(encoder);
}

/** y-protocols auth message: permission denied, with a reason the client logs. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.auth);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness message with no carets in it: three bytes that change
 * nothing, which a client counts as hearing from the server.
 */
export const EMPTY_AWARENESS = Uint8Array.of(MessageType.awareness, 1, 0);

/**
 * Caucus extension: the state vector of what storage holds, then how many
 * of the update frames the socket sent are stored (which covers deletions,
 * which no state vector shows). A client that reads only the vector still
 * reads a whole message.
 */
export function encodeStored(stateVector: Uint8Array, storedFrames: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MessageType.stored);
  encoding.writeVarUint8Array(encoder, stateVector);
  encoding.writeVarUint(encoder, storedFrames);
  return encoding.toUint8Array(encoder);
}

/** A frame the server cannot decode; its socket closes with 1002. */
export class ProtocolError extends Error {
  override name = "ProtocolError";
}

/** Whatever applying a frame's content throws is the frame's fault. */
export function asProtocolError(error: unknown): ProtocolError {
  return error instanceof ProtocolError ? error : new ProtocolError(String(error));
}

/** The room refuses a socket's message for a named reason (not a decode error); its socket closes with `code`. */
export class RoomRefusal extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    /** What failed underneath (storage), for the log. */
    cause?: unknown,
  ) {
    super(reason, cause === undefined ? undefined : { cause });
    this.name = "RoomRefusal";
  }
}

/** A client frame, fully decoded before anything acts on it. */
export type TClientMessage =
  | { type: "syncStep1"; stateVector: Uint8Array }
  | { type: "update"; update: Uint8Array }
  | { type: "awareness"; update: Uint8Array }
  | { type: "queryAwareness" }
  | { type: "auth" };

/**
 * Decodes one client frame whole, so that a frame with trailing garbage is
 * refused before its update reaches the document. Throws
 * {@link ProtocolError} for anything that is not exactly one message.
 */
export function decodeClientMessage(frame: Uint8Array): TClientMessage {
  const decoder = decoding.createDecoder(frame);
  let message: TClientMessage;
  try {
    message = readClientMessage(decoder);
  } catch (error) {
    throw error instanceof ProtocolError ? error : new ProtocolError(String(error));
  }
  if (decoding.hasContent(decoder)) throw new ProtocolError("trailing bytes after message");
  return message;
}

function readClientMessage(decoder: decoding.Decoder): TClientMessage {
  const type = decoding.readVarUint(decoder);
  switch (type) {
    case MessageType.sync: {
      const syncType = decoding.readVarUint(decoder);
      if (syncType === syncProtocol.messageYjsSyncStep1) {
        const stateVector = decoding.readVarUint8Array(decoder);
        // Decoded here, not only when answering: a malformed one would
        // otherwise throw while the answer is encoded, outside any handler.
        Y.decodeStateVector(stateVector);
        return { type: "syncStep1", stateVector };
      }
      if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
        return { type: "update", update: decoding.readVarUint8Array(decoder) };
      }
      throw new ProtocolError(`unknown sync message type ${syncType}`);
    }
    case MessageType.awareness:
      return { type: "awareness", update: decoding.readVarUint8Array(decoder) };
    case MessageType.queryAwareness:
      return { type: "queryAwareness" };
    case MessageType.auth:
      // y-protocols' layout: permission type, then a reason string.
      decoding.readVarUint(decoder);
      decoding.readVarString(decoder);
      return { type: "auth" };
    default:
      throw new ProtocolError(`unknown message type ${type}`);
  }
}
