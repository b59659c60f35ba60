/**
 * What instances holding the same document tell each other. `from` on the
 * wire (not in the message) says who sent it. `seq` numbers the sender's
 * edits across the whole process, so a `stored` message can say "that
 * instance's edits up to here are in the database" and the others can stop
 * keeping them for it. Transport only: `RoomFanout` decides what to publish
 * and how to apply what arrives.
 */
export type TFanoutMessage =
  /** An edit a socket of the sender made. */
  | { kind: "update"; seq: number; update: Uint8Array }
  /** Carets and names of the sender's sockets (a y-protocols awareness update). */
  | { kind: "awareness"; update: Uint8Array }
  /**
   * "Send me what I lack": a loading instance, or one whose Redis came back.
   * `to` is one instance, or everyone when undefined. `answerBack` asks the
   * receiver to request in return, so deletions (which a state vector does
   * not show) flow both ways.
   */
  | { kind: "syncRequest"; to: Uint8Array | undefined; answerBack: boolean; stateVector: Uint8Array }
  /** The answer to one instance's request, as of the sender's edit `seq`. */
  | { kind: "syncReply"; to: Uint8Array; seq: number; update: Uint8Array }
  /** `owner`'s edits up to `seq` are stored (by the owner, or by the sender on its behalf). */
  | { kind: "stored"; owner: Uint8Array; seq: number }
  /** The document is gone (deleted): close its sockets with `code`. */
  | { kind: "close"; code: number; reason: string };

export type TFanoutListener = (from: Uint8Array, message: TFanoutMessage) => void;

/**
 * Between the instances holding a document. One process alone has nobody
 * to tell: {@link SoloFanout}. Several share Redis: `RedisDocumentFanout`.
 * Messages are delivered at most once; what a lost one carried is repaired
 * by catch-up requests (on load and when Redis returns) and by clients'
 * own sync when they reconnect.
 */
export interface DocumentFanout {
  /** This process's id on the wire ({@link INSTANCE_ID_BYTES} bytes). */
  readonly instance: Uint8Array;
  /** Hears a document's messages from the other instances (never our own); resolves once listening. */
  join(documentId: string, listener: TFanoutListener): Promise<() => Promise<void>>;
  /** Tells the other instances holding the document; false when it could not (Redis away). Never throws. */
  publish(documentId: string, message: TFanoutMessage): Promise<boolean>;
}

/** Bytes of an instance id on the wire. */
export const INSTANCE_ID_BYTES = 16;

/** One instance: nobody else to tell. */
export class SoloFanout implements DocumentFanout {
  readonly instance = new Uint8Array(INSTANCE_ID_BYTES);

  async join(): Promise<() => Promise<void>> {
    return async () => {};
  }

  async publish(): Promise<boolean> {
    return true;
  }
}

const KINDS = ["update", "awareness", "syncRequest", "syncReply", "stored", "close"] as const;
const SEQ_BYTES = 6;
const HEADER = 1 + INSTANCE_ID_BYTES;
const NOBODY = new Uint8Array(INSTANCE_ID_BYTES);

/**
 * Wire form of a message: kind (1 byte), sender (16 bytes), the kind's
 * fixed fields (instance ids 16 bytes, seq 6 bytes big-endian, flags and
 * close code as bytes), then the Yjs payload as is. Binary, so an update is
 * never re-encoded as text.
 */
export function encodeFanoutFrame(instance: Uint8Array, message: TFanoutMessage): Buffer {
  let fixed: number;
  let payload: Uint8Array;
  switch (message.kind) {
    case "update":
      fixed = SEQ_BYTES;
      payload = message.update;
      break;
    case "awareness":
      fixed = 0;
      payload = message.update;
      break;
    case "syncRequest":
      fixed = 1 + INSTANCE_ID_BYTES;
      payload = message.stateVector;
      break;
    case "syncReply":
      fixed = INSTANCE_ID_BYTES + SEQ_BYTES;
      payload = message.update;
      break;
    case "stored":
      fixed = INSTANCE_ID_BYTES + SEQ_BYTES;
      payload = NOBODY.subarray(0, 0);
      break;
    case "close":
      fixed = 2;
      payload = Buffer.from(message.reason, "utf8");
      break;
  }
  const frame = Buffer.allocUnsafe(HEADER + fixed + payload.byteLength);
  frame[0] = KINDS.indexOf(message.kind);
  frame.set(instance, 1);
  let at = HEADER;
  switch (message.kind) {
    case "update":
      frame.writeUIntBE(message.seq, at, SEQ_BYTES);
      break;
    case "syncRequest":
      frame[at] = message.answerBack ? 1 : 0;
      frame.set(message.to ?? NOBODY, at + 1);
      break;
    case "syncReply":
      frame.set(message.to, at);
      frame.writeUIntBE(message.seq, at + INSTANCE_ID_BYTES, SEQ_BYTES);
      break;
    case "stored":
      frame.set(message.owner, at);
      frame.writeUIntBE(message.seq, at + INSTANCE_ID_BYTES, SEQ_BYTES);
      break;
    case "close":
      frame.writeUInt16BE(message.code, at);
      break;
    case "awareness":
      break;
  }
  at += fixed;
  frame.set(payload, at);
  return frame;
}

/** The sender and message of a frame, or `null` when it is not one of ours. */
export function decodeFanoutFrame(frame: Buffer): { from: Buffer; message: TFanoutMessage } | null {
  if (frame.byteLength < HEADER) return null;
  const kind = KINDS[frame[0] as number];
  if (!kind) return null;
  const from = frame.subarray(1, HEADER);
  const body = frame.subarray(HEADER);
  const rest = (skip: number) => new Uint8Array(body.buffer, body.byteOffset + skip, body.byteLength - skip);
  switch (kind) {
    case "update":
      if (body.byteLength < SEQ_BYTES) return null;
      return { from, message: { kind, seq: body.readUIntBE(0, SEQ_BYTES), update: rest(SEQ_BYTES) } };
    case "awareness":
      return { from, message: { kind, update: rest(0) } };
    case "syncRequest": {
      if (body.byteLength < 1 + INSTANCE_ID_BYTES) return null;
      const to = body.subarray(1, 1 + INSTANCE_ID_BYTES);
      return {
        from,
        message: {
          kind,
          answerBack: body[0] === 1,
          to: to.equals(NOBODY) ? undefined : to,
          stateVector: rest(1 + INSTANCE_ID_BYTES),
        },
      };
    }
    case "syncReply":
      if (body.byteLength < INSTANCE_ID_BYTES + SEQ_BYTES) return null;
      return {
        from,
        message: {
          kind,
          to: body.subarray(0, INSTANCE_ID_BYTES),
          seq: body.readUIntBE(INSTANCE_ID_BYTES, SEQ_BYTES),
          update: rest(INSTANCE_ID_BYTES + SEQ_BYTES),
        },
      };
    case "stored":
      if (body.byteLength !== INSTANCE_ID_BYTES + SEQ_BYTES) return null;
      return {
        from,
        message: {
          kind,
          owner: body.subarray(0, INSTANCE_ID_BYTES),
          seq: body.readUIntBE(INSTANCE_ID_BYTES, SEQ_BYTES),
        },
      };
    case "close":
      if (body.byteLength < 2) return null;
      return {
        from,
        message: { kind, code: body.readUInt16BE(0), reason: body.subarray(2).toString("utf8") },
      };
  }
}
