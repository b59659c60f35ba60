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
 * A socket the server refused (closed before it was taken) is handed over
 * too: the provider hears the close and its code, as it would have on its
 * own socket, instead of opening a second one.
 */
const UNCLAIMED_MS = 15_000;

interface TEarly {
  readonly url: string;
  readonly socket: WebSocket;
  readonly heard: Event[];
  readonly stopListening: () => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

let early: TEarly | undefined;

export function openEarlySocket(url: string): void {
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
  const timer = setTimeout(() => {
    if (early?.socket !== socket) return;
    early = undefined;
    stopListening();
    socket.close(1000);
  }, UNCLAIMED_MS);
  early = { url, socket, heard, stopListening, timer };
}

/** The early socket for `url`, its past replayed to the handlers set on it in the same task; undefined when there is none. */
export function takeEarlySocket(url: string): WebSocket | undefined {
  const taken = early;
  early = undefined;
  if (!taken) return undefined;
  clearTimeout(taken.timer);
  taken.stopListening();
  // Handed over even when closing or closed (a refusal): the provider hears the close and its code.
  if (taken.url !== url) {
    taken.socket.close(1000);
    return undefined;
  }
  const { socket, heard: replay } = taken;
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
 * A WebSocket constructor for y-websocket's `WebSocketPolyfill`: the early
 * socket when it was opened for this address, a new one otherwise.
 */
export const EarlyOrNewWebSocket = function EarlyOrNewWebSocket(url: string, protocols?: string | string[]) {
  return takeEarlySocket(url) ?? new WebSocket(url, protocols);
} as unknown as typeof WebSocket;
