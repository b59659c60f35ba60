import { isUpdateFrame } from "@caucus/shared";
import { messageYjsSyncStep2 } from "y-protocols/sync";
import { pruneThrough, type TLedger, type TLedgerEntry } from "./editLedger";

/**
 * The update frames (sync step 2 and update messages) this tab sent on its
 * open socket, numbered as the server counts them, and which of them
 * carried each pending deletion of the ledger: a deletion moves no clock,
 * so only the server's count of stored frames (the `stored` message,
 * docs/PROTOCOL.md) shows it stored.
 *
 * A socket's sync step 2 carries the whole delete set: every deletion made
 * before it, on this page or an earlier one, with a socket or without.
 * After it, a deletion goes out in the very next frame. (One made before
 * it goes out in its own frame too, but counts as carried by the step 2,
 * so that a frame acknowledged means every edit sent before it is stored.)
 * A new socket counts from 1 again, and what the old one carried counts as
 * not sent.
 */
export class UpdateFrames {
  private socket: unknown;
  /** Update frames sent on `socket`. */
  private sent = 0;
  /** Whether `socket` has sent its sync step 2. */
  private synced = false;
  /** Deletion entries of the ledger sent on `socket`, and the frame that carried each. */
  private readonly carried = new Map<TLedgerEntry, number>();

  /**
   * A deletion was recorded (`entry`); `sending`: the socket is open and
   * the transaction's update goes out on it as the next frame.
   */
  recordDeletion(socket: unknown, entry: TLedgerEntry, sending: boolean): void {
    this.use(socket);
    if (sending && this.synced) this.carried.set(entry, this.sent + 1);
  }

  /** The tab sent an update frame on `socket`; a sync step 2 carries every deletion in `ledger` not sent yet. */
  frameSent(socket: unknown, syncStep2: boolean, ledger: TLedger): void {
    this.use(socket);
    this.sent += 1;
    if (!syncStep2) return;
    this.synced = true;
    for (const entries of Object.values(ledger)) {
      for (const entry of entries) {
        if (entry[2] === 1 && !this.carried.has(entry)) this.carried.set(entry, this.sent);
      }
    }
  }

  /**
   * The server says the first `count` frames sent on `socket` are stored:
   * drops from `ledger` every deletion they carried, and every edit of the
   * same client before it. Returns whether the ledger changed.
   */
  stored(socket: unknown, count: number, ledger: TLedger): boolean {
    this.use(socket);
    const changed = pruneThrough(
      ledger,
      (entry) => (this.carried.get(entry) ?? Number.POSITIVE_INFINITY) <= count,
    );
    if (changed) {
      for (const [entry, frame] of this.carried) if (frame <= count) this.carried.delete(entry);
    }
    return changed;
  }

  /** Starts counting again when the socket is not the one counted so far. */
  private use(socket: unknown): void {
    if (socket === this.socket) return;
    this.socket = socket;
    this.sent = 0;
    this.synced = false;
    this.carried.clear();
  }
}

/**
 * The browser's WebSocket, telling `onSent` of each update frame it has
 * sent, for the provider to open its sockets with.
 */
export function countingWebSocket(onSent: (socket: WebSocket, syncStep2: boolean) => void): typeof WebSocket {
  return class extends WebSocket {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data);
      if (data instanceof Uint8Array && isUpdateFrame(data)) onSent(this, data[1] === messageYjsSyncStep2);
    }
  };
}
