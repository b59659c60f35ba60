/**
 * What instances holding the same document tell each other: edits,
 * awareness (carets, names), and a newly loading instance's request for
 * what it lacks (answered with an update). Transport only: the room
 * decides what to publish and how to apply what arrives.
 */
export type TFanoutMessage =
  | { kind: "update"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "syncRequest"; stateVector: Uint8Array };

export type TFanoutListener = (message: TFanoutMessage) => void;

/**
 * Between the instances holding a document. One process alone has nobody
 * to tell: {@link SoloFanout}. Several share Redis: `RedisDocumentFanout`.
 * Messages are hints delivered at most once; a lost one is repaired by the
 * catch-up request the next loading instance sends and by clients'
 * own sync on reconnect.
 */
export interface DocumentFanout {
  /** Hears a document's messages from the other instances (never our own); resolves once listening. */
  join(documentId: string, listener: TFanoutListener): Promise<() => Promise<void>>;
  /** Tells the other instances holding the document; never throws (an outage is logged). */
  publish(documentId: string, message: TFanoutMessage): Promise<void>;
}

/** One instance: nobody else to tell. */
export class SoloFanout implements DocumentFanout {
  async join(): Promise<() => Promise<void>> {
    return async () => {};
  }

  async publish(): Promise<void> {}
}

const KINDS = ["update", "awareness", "syncRequest"] as const;
/** Bytes of an instance id on the wire (a UUID without dashes, as 16 bytes). */
export const INSTANCE_ID_BYTES = 16;

/**
 * Wire form of a message: kind (1 byte), sender instance (16 bytes), then
 * the Yjs payload as is. Binary, so an update is never re-encoded as text.
 */
export function encodeFanoutFrame(instance: Uint8Array, message: TFanoutMessage): Buffer {
  const payload = message.kind === "syncRequest" ? message.stateVector : message.update;
  const frame = Buffer.allocUnsafe(1 + INSTANCE_ID_BYTES + payload.byteLength);
  frame[0] = KINDS.indexOf(message.kind);
  frame.set(instance, 1);
  frame.set(payload, 1 + INSTANCE_ID_BYTES);
  return frame;
}

/** The sender and message of a frame, or `null` when it is not one of ours. */
export function decodeFanoutFrame(frame: Buffer): { from: Buffer; message: TFanoutMessage } | null {
  if (frame.byteLength < 1 + INSTANCE_ID_BYTES) return null;
  const kind = KINDS[frame[0] as number];
  if (!kind) return null;
  const from = frame.subarray(1, 1 + INSTANCE_ID_BYTES);
  const payload = new Uint8Array(
    frame.buffer,
    frame.byteOffset + 1 + INSTANCE_ID_BYTES,
    frame.byteLength - 1 - INSTANCE_ID_BYTES,
  );
  return {
    from,
    message: kind === "syncRequest" ? { kind, stateVector: payload } : { kind, update: payload },
  };
}
