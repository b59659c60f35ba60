import {
  CAPABILITIES_PARAM,
  CAPABILITY_STORED,
  CloseCode,
  FINAL_CLOSE_CODES,
  MessageType,
  NO_ACCESS_REASON,
  PRESENCE_PARAM,
} from "@caucus/shared";
import * as decoding from "lib0/decoding";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import {
  dropUnknown,
  pendingEdits,
  pruneCovered,
  recordEdit,
  type TLedger,
  type TStateVector,
} from "./editLedger";
import { loadLedger, saveLedger } from "./ledgerStore";
import { forgetDocumentCopy, onCopyForgotten } from "./localCopies";
import { trackLocalEdits } from "./localEdits";
import { sendOwnCaretsOnly } from "./ownCarets";
import { computeSaveStatus, type TConnection, type TSaveStatus } from "./saveStatus";
import { countingWebSocket, UpdateFrames } from "./UpdateFrames";

/** What the UI renders from a session; a new object only when something changed. */
export interface TSessionSnapshot {
  /** The local copy (IndexedDB) is loaded, or could not be opened: the editor may show. */
  ready: boolean;
  /** False when IndexedDB is unavailable: edits then live only as long as this tab. */
  localCopy: boolean;
  status: TSaveStatus;
}

/** Throttle for writing the pending-edit ledger while someone types. */
const PERSIST_DELAY_MS = 300;
/** Longest wait for IndexedDB before the editor opens anyway. */
const LOCAL_COPY_TIMEOUT_MS = 5000;

function syncServerUrl(): string {
  return `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/sync`;
}

/**
 * One open document: the Y.Doc, its IndexedDB copy, the sync socket, and
 * the truth about what the server has stored. Lives as long as the page.
 */
export class CollaborationSession {
  readonly ydoc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly persistence: IndexeddbPersistence;
  private ledger: TLedger;
  private stored: TStateVector | null = null;
  /** Which update frame on the open socket carried each pending deletion. */
  private readonly frames = new UpdateFrames();
  private connection: TConnection = "connecting";
  private lastCloseCode: number | null = null;
  /** The copy on this device was deleted (no more access): nothing is written to it again. */
  private forgotten = false;
  private ready = false;
  private localCopy = true;
  private snapshot: TSessionSnapshot;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly accessListeners = new Set<() => void>();
  private readonly closeListeners = new Set<(code: number) => void>();
  private readonly cleanups: Array<() => void> = [];

  /**
   * `presenceId`: this tab's presence connection id; while the socket is
   * open the server keeps the tab's presence itself (`PRESENCE_PARAM`).
   */
  constructor(
    readonly documentId: string,
    presenceId?: string,
  ) {
    this.ledger = loadLedger(documentId);
    this.snapshot = this.computeSnapshot();
    // Connect only after the local copy is loaded, so the first sync step
    // asks the server for just what this device lacks (metered data).
    this.provider = new WebsocketProvider(syncServerUrl(), documentId, this.ydoc, {
      connect: false,
      params: {
        [CAPABILITIES_PARAM]: CAPABILITY_STORED,
        ...(presenceId ? { [PRESENCE_PARAM]: presenceId } : {}),
      },
      shouldReconnect: (event) => !FINAL_CLOSE_CODES.has(event.code),
      WebSocketPolyfill: countingWebSocket((socket, syncStep2) => {
        if (socket === this.provider.ws) this.frames.frameSent(socket, syncStep2, this.ledger);
      }),
    });
    // The stored state vector, then how many of this socket's update frames are stored.
    this.provider.messageHandlers[MessageType.stored] = (_encoder, decoder) => {
      const stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
      this.onStored(stored, decoding.hasContent(decoder) ? decoding.readVarUint(decoder) : 0);
    };
    this.cleanups.push(sendOwnCaretsOnly(this.provider));
    this.listenToProvider();
    this.listenToBrowser();
    this.cleanups.push(
      trackLocalEdits(this.ydoc, (client, clock, deletion) => {
        const entry = recordEdit(this.ledger, client, clock, deletion);
        if (deletion) this.frames.recordDeletion(this.provider.ws, entry, this.sendsNow());
        this.schedulePersist();
        this.update();
      }),
    );

    this.persistence = new IndexeddbPersistence(documentId, this.ydoc);
    this.cleanups.push(onCopyForgotten(documentId, () => this.letGoOfCopy()));
    const loaded = () => this.onLocalCopyLoaded();
    this.persistence.whenSynced.then(loaded);
    // Private modes may refuse IndexedDB; the document must still open.
    this.persistence._db.catch(() => {
      this.localCopy = false;
      loaded();
    });
    // Some browsers leave an IndexedDB open hanging; do not hold the editor
    // hostage. A late load still merges into the Y.Doc.
    const fallback = setTimeout(loaded, LOCAL_COPY_TIMEOUT_MS);
    this.cleanups.push(() => clearTimeout(fallback));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TSessionSnapshot => this.snapshot;

  /**
   * Called when the server closed the socket because this person's rights
   * changed (4205 accessChanged: role changed, grant given or taken). The provider
   * reconnects under the new role by itself; the page refetches the
   * document to learn it. Returns the unsubscribe function.
   */
  onAccessChanged(listener: () => void): () => void {
    this.accessListeners.add(listener);
    return () => this.accessListeners.delete(listener);
  }

  /** Hears the code of every close by the server. Returns the unsubscribe function. */
  onServerClose(listener: (code: number) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  /**
   * Closes a session nobody used (see `earlySession.ts`): when neither this
   * device nor the server put anything in it, its empty local copy is
   * deleted rather than left behind under the document's id.
   */
  discard(): void {
    this.close(this.ydoc.store.clients.size === 0);
  }

  destroy(): void {
    this.close(false);
  }

  /** This device's copy of the document is being deleted: let go of it, and write nothing to it again. */
  private letGoOfCopy(): void {
    if (this.forgotten) return;
    this.forgotten = true;
    clearTimeout(this.persistTimer);
    this.ledger = {};
    void this.persistence.destroy();
  }

  /** Ends everything the session started; `forget`: delete the local copy instead of keeping it. */
  private close(forget: boolean): void {
    clearTimeout(this.persistTimer);
    // An empty document has no edits to keep a ledger of; a forgotten one keeps nothing.
    if (!forget && !this.forgotten) this.persist();
    for (const cleanup of this.cleanups) cleanup();
    this.provider.destroy();
    if (!this.forgotten) void (forget ? this.persistence.clearData() : this.persistence.destroy());
    this.ydoc.destroy();
    this.listeners.clear();
    this.accessListeners.clear();
    this.closeListeners.clear();
  }

  private onLocalCopyLoaded(): void {
    if (this.ready || this.ydoc.isDestroyed) return;
    this.ready = true;
    this.forgetLostEdits();
    this.provider.connect();
    this.update();
  }

  private forgetLostEdits(): void {
    if (dropUnknown(this.ledger, (client) => Y.getState(this.ydoc.store, client))) this.schedulePersist();
  }

  /** Whether the provider sends a local transaction's update on its socket at once (as y-websocket decides). */
  private sendsNow(): boolean {
    const ws = this.provider.ws;
    return this.provider.wsconnected && ws !== null && ws.readyState === WebSocket.OPEN;
  }

  private onStored(stored: TStateVector, storedFrames: number): void {
    this.stored = stored;
    // Frames first: a deletion they settle may be all that kept later edits the vector covers.
    const settled = this.frames.stored(this.provider.ws, storedFrames, this.ledger);
    if (pruneCovered(this.ledger, stored) || settled) this.schedulePersist();
    this.update();
  }

  private listenToProvider(): void {
    const provider = this.provider;
    const onStatus = ({ status }: { status: TConnection }) => {
      this.connection = status;
      this.update();
    };
    const onClose = (event: CloseEvent | null) => {
      if (event) this.lastCloseCode = event.code;
      // The person may no longer read this document (removed, demoted to none, or it was
      // deleted): the copy on this device goes, so a seized phone does not keep what they lost.
      const lost =
        event?.code === CloseCode.documentNotFound ||
        (event?.code === CloseCode.forbidden && event.reason === NO_ACCESS_REASON);
      if (lost) void forgetDocumentCopy(this.documentId);
      this.update();
      if (event?.code === CloseCode.accessChanged) for (const listener of this.accessListeners) listener();
      if (event) for (const listener of this.closeListeners) listener(event.code);
    };
    const onSync = (synced: boolean) => {
      if (synced) {
        this.lastCloseCode = null;
        // Now the Y.Doc holds this device's copy and the server's: anything beyond is gone.
        this.forgetLostEdits();
      }
      this.update();
    };
    provider.on("status", onStatus);
    provider.on("connection-close", onClose);
    provider.on("sync", onSync);
    this.cleanups.push(() => {
      provider.off("status", onStatus);
      provider.off("connection-close", onClose);
      provider.off("sync", onSync);
    });
  }

  private listenToBrowser(): void {
    // A socket can take 30 s to notice a dead network; the browser knows sooner.
    const onOffline = () => {
      this.provider.ws?.close();
      this.update();
    };
    const onOnline = () => this.update();
    // Write the ledger before the page goes away (tab closed, phone locked).
    const onHide = () => this.persist();
    window.addEventListener("offline", onOffline);
    window.addEventListener("online", onOnline);
    window.addEventListener("pagehide", onHide);
    document.addEventListener("visibilitychange", onHide);
    this.cleanups.push(() => {
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("pagehide", onHide);
      document.removeEventListener("visibilitychange", onHide);
    });
  }

  private schedulePersist(): void {
    if (this.persistTimer !== undefined) return;
    this.persistTimer = setTimeout(() => this.persist(), PERSIST_DELAY_MS);
  }

  private persist(): void {
    this.persistTimer = undefined;
    if (this.forgotten) return;
    saveLedger(this.documentId, this.ledger, this.stored);
  }

  private computeSnapshot(): TSessionSnapshot {
    const status = computeSaveStatus({
      connection: this.connection,
      synced: this.provider?.synced ?? false,
      browserOnline: navigator.onLine,
      failedAttempts: this.provider?.wsUnsuccessfulReconnects ?? 0,
      pendingEdits: pendingEdits(this.ledger, this.stored),
      lastCloseCode: this.lastCloseCode,
    });
    return { ready: this.ready, localCopy: this.localCopy, status };
  }

  private update(): void {
    const next = this.computeSnapshot();
    const prev = this.snapshot;
    const same =
      prev.ready === next.ready &&
      prev.localCopy === next.localCopy &&
      prev.status.state === next.status.state &&
      prev.status.pendingEdits === next.status.pendingEdits &&
      prev.status.closeCode === next.status.closeCode;
    if (same) return;
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
