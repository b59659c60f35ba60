/**
 * A document's sync socket opened at start-up, while the editor's code is
 * still on its way, for the provider to take over once it exists. On a
 * 400 ms link the socket's TCP and WebSocket handshakes (two round trips)
 * then overlap the download instead of following it.
 *
 * What the socket hears before it is taken over is kept and replayed, in
 * order, to the handlers the provider sets. A socket nobody takes within
 * `UNCLAIMED_MS` is closed; an address that differs from the one opened
 * gets a new socket and the early one is closed.
 *
 * On a device with no copy of the document (a first visit), the socket
 * also asks for the whole document as soon as it opens (sync step 1 with
 * an empty state vector), so the text is on its way before the editor's
 * code has arrived. The server's answer is then replayed before the open,
 * so the provider's own sync step 1 already carries the text's state and
 * the server does not send it twice.
 */
const UNCLAIMED_MS = 15_000;
/** y-protocols' sync step 1 with the state vector of an empty document: message sync (0), step 1 (0), a one-byte vector holding 0 entries. */
const EMPTY_SYNC_STEP_1 = new Uint8Array([0, 0, 1, 0]);

interface TEarly {
  readonly url: string;
  readonly socket: WebSocket;
  readonly heard: Event[];
  /** It asked for the whole document when it opened (`EMPTY_SYNC_STEP_1`). */
  askedForAll: boolean;
  readonly stopListening: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

let early: TEarly | undefined;

/**
 * `hasLocalCopy`: whether this device keeps a copy of the document (then
 * the provider asks for what it lacks, once the copy is loaded).
 */
export function openEarlySocket(url: string, hasLocalCopy: Promise<boolean> = Promise.resolve(true)): void {
  if (early || typeof WebSocket === "undefined") return;
  let socket: WebSocket;
  try {
    socket = new WebSocket(url);
  } catch {
    return;
  }
  socket.binaryType = "arraybuffer";
  const heard: Event[] = [];
  const keep = (event: Event) => heard.push(event);
  const kinds = ["open", "message", "error", "close"] as const;
  for (const kind of kinds) socket.addEventListener(kind, keep);
  const stopListening = () => {
    for (const kind of kinds) socket.removeEventListener(kind, keep);
  };
  let localCopy: boolean | undefined;
  hasLocalCopy.then(
    (kept) => (localCopy = kept),
    () => (localCopy = true),
  );
  socket.addEventListener("open", () => {
    const current = early;
    if (current?.socket !== socket || localCopy !== false) return;
    socket.send(EMPTY_SYNC_STEP_1);
    current.askedForAll = true;
  });
  const timer = setTimeout(() => {
    if (early?.socket !== socket) return;
    early = undefined;
    stopListening();
    socket.close(1000);
  }, UNCLAIMED_MS);
  early = { url, socket, heard, askedForAll: false, stopListening, timer };
}

/** The early socket for `url`, its past replayed to the handlers set on it in the same task; undefined when there is none. */
export function takeEarlySocket(url: string): WebSocket | undefined {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  clearTimeout(taken.timer);
  taken.stopListening();
  if (taken.url !== url || taken.socket.readyState >= WebSocket.CLOSING) {
    taken.socket.close(1000);
    return undefined;
  }
  const { socket, heard, askedForAll } = taken;
  // With the whole document asked for, its answer goes first (see above).
  const replay = askedForAll
    ? [
        ...heard.filter((event) => event.type === "message"),
        ...heard.filter((event) => event.type !== "message"),
      ]
    : heard;
  // The caller sets onopen, onmessage… right after it gets the socket.
  queueMicrotask(() => {
    for (const event of replay) {
      if (event.type === "open") socket.onopen?.(event);
      else if (event.type === "message") socket.onmessage?.(event as MessageEvent);
      else if (event.type === "error") socket.onerror?.(event);
      else if (event.type === "close") socket.onclose?.(event as CloseEvent);
    }
  });
  return socket;
}

/**
 * Whether this device keeps a copy of `documentId` (y-indexeddb names its
 * database after the document). True when the browser cannot say.
 */
export async function keepsLocalCopy(documentId: string): Promise<boolean> {
  if (typeof indexedDB === "undefined" || typeof indexedDB.databases !== "function") return true;
  const databases = await indexedDB.databases();
  return databases.some((database) => database.name === documentId);
}

/**
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill`: the early
 * socket when it was opened for this address, a new one otherwise.
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(url: string, protocols?: string | string[]) {
  return takeEarlySocket(url) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
