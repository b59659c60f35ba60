import { CAPABILITY_STORED } from "@caucus/shared";
import WebSocket from "ws";

const BINARY = { binary: true } as const;

/**
 * One client socket on one document. Sends never throw: a socket that is
 * closing, or so far behind that its buffer passes `maxBufferedBytes`, is
 * closed instead of queueing without bound.
 */
export class Connection {
  /** Awareness client ids this socket has announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  readonly wantsStoredAcks: boolean;

  constructor(
    readonly socket: WebSocket,
    capabilities: ReadonlySet<string>,
    private readonly maxBufferedBytes: number,
    private readonly onSlow: (connection: Connection) => void,
  ) {
    this.wantsStoredAcks = capabilities.has(CAPABILITY_STORED);
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  send(frame: Uint8Array): void {
    if (!this.open) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.onSlow(this);
      return;
    }
    // No per-send callback: on the hot path that is one closure per frame, and
    // ws already reports a failed write as the socket's 'error' and 'close'.
    this.socket.send(frame, BINARY);
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return;
    this.socket.close(code, reason);
  }
}
