import { FINAL_CLOSE_CODES } from "@caucus/shared";

/** What the status line says, as a state name browser tests can read. */
export type TSaveState = "saved" | "saving" | "offline" | "reconnecting" | "error";

/** The socket as the provider reports it. */
export type TConnection = "connecting" | "connected" | "disconnected";

export interface TSaveInputs {
  connection: TConnection;
  /**
   * The server's copy has arrived on this socket (y-websocket's sync step 2).
   * Until then a fresh device has no text to show, whatever the socket says.
   */
  synced: boolean;
  /** `navigator.onLine`: false is reliable (no network); true proves nothing. */
  browserOnline: boolean;
  /** Consecutive connection attempts that failed since the last successful sync. */
  failedAttempts: number;
  /** Local transactions not covered by the server's stored state vector (see editLedger.ts). */
  pendingEdits: number;
  /** The code of the last close by the server, if any. */
  lastCloseCode: number | null;
}

export interface TSaveStatus {
  state: TSaveState;
  pendingEdits: number;
  /** For `error`: the final close code; for `reconnecting`: why the last connection closed. */
  closeCode: number | null;
}

/**
 * After this many failed attempts in a row (about 1.5 s with y-websocket's
 * back-off) a blip has become an outage, and the person should know their
 * edits are waiting on this device rather than see "Reconnecting…" forever.
 */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 3;

/**
 * The status line, from real state only:
 * - `error` once the server closed with a final code: reconnecting cannot help.
 * - `saved` when connected, synced, and every local edit is in the server's
 *   stored state vector; `saving` when connected and synced and some are not
 *   yet. Connected but not synced is still connecting: a socket taken over
 *   open (`earlySocket.ts`) is connected a round trip before the text comes.
 * - `offline` when the browser has no network or several attempts failed.
 * - `reconnecting` while the provider is (re)trying after a short while.
 */
export function computeSaveStatus(inputs: TSaveInputs): TSaveStatus {
  const { connection, pendingEdits, lastCloseCode } = inputs;
  if (lastCloseCode !== null && FINAL_CLOSE_CODES.has(lastCloseCode) && connection !== "connected") {
    return { state: "error", pendingEdits, closeCode: lastCloseCode };
  }
  if (connection === "connected" && inputs.synced) {
    return { state: pendingEdits === 0 ? "saved" : "saving", pendingEdits, closeCode: null };
  }
  if (!inputs.browserOnline || inputs.failedAttempts >= OFFLINE_AFTER_FAILED_ATTEMPTS) {
    return { state: "offline", pendingEdits, closeCode: null };
  }
  return { state: "reconnecting", pendingEdits, closeCode: lastCloseCode };
}
