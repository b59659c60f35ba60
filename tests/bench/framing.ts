import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";

/**
 * How a server wants y-websocket messages framed on its socket. Ours and
 * `@y/websocket-server` take them as they are; Hocuspocus wraps each one.
 */
export interface Framing {
  /** What a fresh client with an empty document sends on open to join `room`. */
  greeting(room: string): Uint8Array[];
  /** The frame that carries y-websocket `message` on `room`'s socket. */
  wrap(room: string, message: Uint8Array): Uint8Array;
  /**
   * The y-websocket message inside a frame the server sent, or undefined for
   * a frame a y-websocket client has no use for.
   */
  unwrap(frame: Uint8Array): Uint8Array | undefined;
  /** The WebSocket class a stock WebsocketProvider needs for this server; unset, plain `ws`. */
  providerSocket?: typeof globalThis.WebSocket;
}

/** y-websocket sync step 1 with an empty state vector: [messageSync, syncStep1, length 1, 0 clients]. */
export const SYNC_STEP_1_EMPTY = Uint8Array.of(0, 0, 1, 0);

/** y-websocket as is: one message per frame, the room in the URL. */
export const plainFraming: Framing = {
  greeting: () => [SYNC_STEP_1_EMPTY],
  wrap: (_room, message) => message,
  unwrap: (frame) => frame,
};

// Hocuspocus's message types (`@hocuspocus/server` types.ts) that differ from y-websocket's.
const HOCUSPOCUS_AUTH = 2;
const HOCUSPOCUS_AUTH_TOKEN = 0;
const HOCUSPOCUS_CLOSE = 7;
const HOCUSPOCUS_SYNC_STATUS = 8;

function withName(room: string, message: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeUint8Array(encoder, message);
  return encoding.toUint8Array(encoder);
}

function unwrapHocuspocus(frame: Uint8Array): Uint8Array | undefined {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarString(decoder);
  const message = frame.subarray(decoder.pos);
  return message[0] === HOCUSPOCUS_SYNC_STATUS || message[0] === HOCUSPOCUS_CLOSE ? undefined : message;
}

function authFrame(room: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarString(encoder, room);
  encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH);
  encoding.writeVarUint(encoder, HOCUSPOCUS_AUTH_TOKEN);
  encoding.writeVarString(encoder, "bench");
  return encoding.toUint8Array(encoder);
}

type Handler<T> = ((event: T) => void) | null;

/**
 * The WebSocket a stock WebsocketProvider is given to talk to Hocuspocus:
 * it sends the Auth frame on open, puts the document's name (the URL's last
 * path segment, where the provider puts the room) before every frame it sends,
 * and takes it off every frame it passes on. The provider and its Y.Doc do
 * exactly what they do against the other servers, so the client-side work
 * in the bench process is the same for every server.
 */
class HocuspocusSocket {
  readonly CONNECTING = WebSocket.CONNECTING;
  readonly OPEN = WebSocket.OPEN;
  readonly CLOSING = WebSocket.CLOSING;
  readonly CLOSED = WebSocket.CLOSED;
  onopen: Handler<object> = null;
  onmessage: Handler<{ data: Uint8Array }> = null;
  onclose: Handler<{ code: number; reason: string }> = null;
  onerror: Handler<Error> = null;
  /** The provider sets "arraybuffer"; frames are passed on as Uint8Array, which it reads alike. */
  binaryType = "arraybuffer";
  readonly #socket: WebSocket;
  readonly #room: string;

  constructor(url: string, protocols?: string | string[]) {
    const path = new URL(url).pathname;
    this.#room = decodeURIComponent(path.slice(path.lastIndexOf("/") + 1));
    this.#socket = new WebSocket(url, protocols);
    this.#socket.on("open", () => {
      this.#socket.send(authFrame(this.#room));
      this.onopen?.({});
    });
    this.#socket.on("message", (data: Buffer) => {
      const message = unwrapHocuspocus(data);
      if (message) this.onmessage?.({ data: message });
    });
    this.#socket.on("close", (code, reason) => this.onclose?.({ code, reason: reason.toString() }));
    this.#socket.on("error", (error) => this.onerror?.(error));
  }

  get readyState(): number {
    return this.#socket.readyState;
  }

  send(message: Uint8Array): void {
    this.#socket.send(withName(this.#room, message));
  }

  close(code?: number, reason?: string): void {
    this.#socket.close(code, reason);
  }
}
/**
 * Hocuspocus 4 carries several documents on one socket: every frame starts
 * with its document's name (a lib0 varString), the URL's path is ignored, and
 * a document's first frame must be an Auth message with a token (any token,
 * when no extension checks it). The messages after the name are y-websocket's
 * (sync, awareness, auth), plus two of its own that a y-websocket client does
 * not know: SyncStatus after each update it applied, and Close.
 */
export const hocuspocusFraming: Framing = {
  greeting: (room) => [authFrame(room), withName(room, SYNC_STEP_1_EMPTY)],
  wrap: withName,
  unwrap: unwrapHocuspocus,
  providerSocket: HocuspocusSocket as unknown as typeof globalThis.WebSocket,
};
