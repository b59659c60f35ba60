import * as broadcastChannel from "lib0/broadcastchannel";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import type * as Y from "yjs";

/** y-websocket's message type for an awareness update. */
const MESSAGE_AWARENESS = 1;

/** A caret change waits while the person types, until they pause this long… */
export const TYPING_PAUSE_MS = 500;
/** …but never longer than this, so others see the caret move while someone writes on. */
export const MAX_CARET_DELAY_MS = 2_500;

/**
 * When this tab's caret change goes out: at once, or once typing pauses
 * (at most MAX_CARET_DELAY_MS after the first change held). Pure: the
 * caller gives the time.
 */
export class CaretSchedule {
  private lastEditAt = Number.NEGATIVE_INFINITY;
  private firstHeldAt: number | null = null;

  /** This tab changed the text at `now`. */
  edited(now: number): void {
    this.lastEditAt = now;
  }

  /** Milliseconds to hold a caret change made (or still held) at `now`; 0 sends it. */
  delayFor(now: number): number {
    if (now - this.lastEditAt >= TYPING_PAUSE_MS) return 0;
    this.firstHeldAt ??= now;
    const due = Math.min(this.lastEditAt + TYPING_PAUSE_MS, this.firstHeldAt + MAX_CARET_DELAY_MS);
    return Math.max(0, due - now);
  }

  /** The held change went out. */
  sent(): void {
    this.firstHeldAt = null;
  }
}

/** What of y-websocket's WebsocketProvider this needs. */
export interface TCaretProvider {
  awareness: awarenessProtocol.Awareness;
  doc: Y.Doc;
  ws: { readyState: number; send(frame: Uint8Array): void } | null;
  wsconnected: boolean;
  bcconnected: boolean;
  bcChannel: string;
  _awarenessUpdateHandler: (change: TAwarenessChange, origin: unknown) => void;
}

interface TAwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Makes a provider send only this tab's own caret, and not per keystroke.
 * The stock client sends on every caret it hears, and the editor
 * re-announces this tab's caret after every remote edit: a silent reader's
 * phone then uploads a message for each key someone else types. Here
 * another's caret is never sent, a re-announcement caused by someone
 * else's edit waits for this tab's next own change, and this tab's caret
 * moves while typing go out once typing pauses. The text itself goes at
 * once, as before. Returns the undo.
 */
export function sendOwnCaretsOnly(provider: TCaretProvider, now = () => performance.now()): () => void {
  const { awareness, doc } = provider;
  const schedule = new CaretSchedule();
  let timer: ReturnType<typeof setTimeout> | undefined;

  const send = () => {
    clearTimeout(timer);
    timer = undefined;
    schedule.sent();
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]));
    const frame = encoding.toUint8Array(encoder);
    const ws = provider.ws;
    if (provider.wsconnected && ws && ws.readyState === 1) ws.send(frame);
    if (provider.bcconnected) broadcastChannel.publish(provider.bcChannel, frame, provider);
  };

  const sendWhenDue = () => {
    const delay = schedule.delayFor(now());
    if (delay === 0) send();
    else timer = setTimeout(sendWhenDue, delay);
  };

  /** True while the observers of someone else's edit run. */
  let inRemoteEdit = false;

  const onAwareness = (change: TAwarenessChange, origin: unknown) => {
    // Carets heard from the server (or another tab) are applied with the provider as origin.
    if (origin === provider) return;
    const own = doc.clientID;
    if (!change.added.includes(own) && !change.updated.includes(own) && !change.removed.includes(own)) return;
    // Leaving (the page closes, the state is cleared) goes at once.
    if (origin !== "local" || awareness.getLocalState() === null) {
      send();
      return;
    }
    // The editor re-announces this caret after each edit someone else makes
    // (y-tiptap forces it): the others can place it from what they hold. It
    // goes with this tab's next move, or its renewal.
    if (inRemoteEdit) return;
    if (timer === undefined) sendWhenDue();
  };

  const onDocument = (_update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) schedule.edited(now());
  };
  const beforeObservers = (transaction: Y.Transaction) => {
    inRemoteEdit = !transaction.local;
  };
  const afterTransaction = () => {
    inRemoteEdit = false;
  };

  awareness.off("update", provider._awarenessUpdateHandler);
  awareness.on("update", onAwareness);
  doc.on("update", onDocument);
  doc.on("beforeObserverCalls", beforeObservers);
  doc.on("afterTransaction", afterTransaction);
  return () => {
    clearTimeout(timer);
    awareness.off("update", onAwareness);
    doc.off("update", onDocument);
    doc.off("beforeObserverCalls", beforeObservers);
    doc.off("afterTransaction", afterTransaction);
    awareness.on("update", provider._awarenessUpdateHandler);
  };
}
