import { CAPABILITY_STORED, type TRole } from "@caucus/shared";
import WebSocket from "ws";
import { FrameAcks } from "./FrameAcks.js";
import { endOfTurn, type TTurnBatched } from "./SendBatch.js";
import type { SyncStats } from "./SyncStats.js";
import { type TAnswerBudget, UNLIMITED_ANSWERS } from "./TokenBucket.js";

/** Who is behind a socket, decided before it was upgraded. */
export interface TSocketIdentity {
  userId: string;
  /** The account's name as co-drafters see it, put on every caret the socket sends. */
  displayName: string;
  /** The session that opened it; `null` for a socket opened with a sync token. */
  sessionId: string | null;
  workspaceId: string;
  role: TRole;
  /** Viewers: their document updates are dropped. */
  readOnly: boolean;
  /**
   * Commenters: an update may only add their own suggested edits (or
   * withdraw them); any other is dropped whole.
   */
  suggestOnly: boolean;
}

const BINARY = { binary: true } as const;

/** What a socket that has shown no caret holds: one array for all of them. */
const NO_CARETS: readonly number[] = Object.freeze([]);

/** The upgraded socket under a WebSocket (a `net.Socket`), corked to batch a turn's frames. */
export interface TTransport {
  cork(): void;
  uncork(): void;
}

/**
 * One client socket on one document. Sends never throw: a socket that is
 * closing, or so far behind that its buffer passes `maxBufferedBytes`, is
 * closed instead of queueing without bound. What is sent in one turn of the
 * event loop leaves in one write (see SendBatch).
 */
export class Connection implements TTurnBatched {
  /**
   * Awareness client ids this socket has announced, removed when it leaves:
   * a tab's one, a few at most (`maxAwarenessClients`), so an array, which
   * costs an idle socket far less than a Set; none until the first.
   */
  private carets: number[] | undefined;
  /** Its update frames, counted for the `stored` acknowledgement; only when the client asked for it. */
  readonly frameAcks: FrameAcks | undefined;
  /** Set once the client has been told its updates are dropped. */
  toldReadOnly = false;
  /** Set once the server closed the socket: frames it sent before are dropped, not applied late. */
  closedByServer = false;
  /** Client ids this socket wrote under that nobody had claimed before (see Limits.maxNewClientIdsPerSocket). */
  newClientIds = 0;
  /**
   * Set once this socket has been sent the answer to its sync step 1: only
   * then is it sent others' edits (see DocumentRoom's `broadcastEdit`).
   */
  answered = false;
  /** `performance.now()` of the last frame sent to this socket (0: none yet). */
  lastSentAt = 0;
  /** True while the transport holds this turn's frames. */
  private corked = false;

  constructor(
    readonly socket: WebSocket,
    /** Shared by the sockets of one person's session on one document; replaced, never changed. */
    public identity: Readonly<TSocketIdentity>,
    readonly documentId: string,
    private readonly stats: SyncStats,
    capabilities: ReadonlySet<string>,
    private readonly maxBufferedBytes: number,
    private readonly onSlow: (connection: Connection) => void,
    /**
     * Bytes of answers to sync step 1 this socket may still be sent. Its
     * own bucket, not the inbound byte budget: a new client rightly
     * receives the whole document once, which would leave it no budget to
     * type with; after that it only ever asks for what it lacks.
     */
    readonly syncAnswers: TAnswerBudget = UNLIMITED_ANSWERS,
    /** Without one (unit tests' fake sockets), each frame is written at once. */
    private readonly transport?: TTransport,
  ) {
    this.frameAcks = capabilities.has(CAPABILITY_STORED) ? new FrameAcks() : undefined;
  }

  /** The caret ids this socket shows. */
  get awarenessClients(): readonly number[] {
    return this.carets ?? NO_CARETS;
  }

  showsCaret(clientId: number): boolean {
    return this.carets?.includes(clientId) ?? false;
  }

  addCaret(clientId: number): void {
    this.carets ??= [];
    if (!this.carets.includes(clientId)) this.carets.push(clientId);
  }

  dropCaret(clientId: number): void {
    const at = this.carets?.indexOf(clientId) ?? -1;
    if (at >= 0) this.carets?.splice(at, 1);
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
    if (this.transport && !this.corked) {
      this.corked = true;
      this.transport.cork();
      endOfTurn(this);
    }
    // No per-send callback: on the hot path that is one closure per frame, and
    // ws already reports a failed write as the socket's 'error' and 'close'.
    this.socket.send(frame, BINARY);
    this.lastSentAt = performance.now();
    this.stats.framesOut++;
    this.stats.bytesOut += frame.byteLength;
  }

  endTurn(): void {
    this.corked = false;
    this.transport?.uncork();
  }

  close(code: number, reason: string): void {
    this.closedByServer = true;
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return;
    this.socket.close(code, reason);
  }
}
