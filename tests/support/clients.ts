import {
  CAPABILITIES_PARAM,
  CAPABILITY_STORED,
  isUpdateFrame,
  MessageType,
  type TDocument,
  type TDocumentKind,
} from "@caucus/shared";
import * as decoding from "lib0/decoding";
import type * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as authProtocol from "y-protocols/auth";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { defaultAccount, defaultAccountNow, type TestAccount, workspaceOf } from "./accounts.js";
import type { ServerAddress } from "./address.js";

export type { ServerAddress } from "./address.js";

// The stock WebsocketProvider adds a process "exit" listener per provider in
// Node (y-websocket.js, removed on destroy): a test with more than ten clients
// open at once is not a leak. Above a file's most clients, a real leak still warns.
process.setMaxListeners(100);

export interface ConnectClientOptions {
  /** Ask for the `stored` extension (message type 100) and record its state vectors. */
  stored?: boolean;
  /** Extra query parameters on the socket URL. */
  params?: Record<string, string>;
  /** Longest wait between reconnect attempts; short by default so restarts are quick to notice. */
  maxBackoffTime?: number;
  /** Start from this document instead of an empty one. */
  ydoc?: Y.Doc;
  /**
   * Who connects: their session cookie goes with the server's Origin, as a
   * browser would send them. Defaults to the server's default account
   * (create a document first, which signs it up). `null` sends no
   * credentials at all (then pass `params.token` or expect a refusal).
   */
  account?: TestAccount | null;
  /** Headers to send instead of the account's cookie and Origin. */
  headers?: Record<string, string>;
  /** The WebSocket class instead of `ws` with those headers: a bench server with framing of its own. */
  webSocket?: typeof globalThis.WebSocket;
}

/**
 * `ws` with fixed handshake headers, in the shape y-websocket expects of a
 * WebSocket constructor.
 */
export function webSocketWithHeaders(headers: Record<string, string>): typeof globalThis.WebSocket {
  class HeaderWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return HeaderWebSocket as unknown as typeof globalThis.WebSocket;
}

/** A socket that counts the update frames it sends, and holds how many of them the server said are stored. */
interface CountingSocket {
  updateFrames: number;
  storedFrames: number;
}

/**
 * `Base` counting the update frames each of its sockets sends, for the
 * `stored` message's count (docs/PROTOCOL.md): a new socket counts from 0.
 */
function countingUpdateFrames(Base: typeof globalThis.WebSocket): typeof globalThis.WebSocket {
  return class extends Base implements CountingSocket {
    updateFrames = 0;
    storedFrames = 0;
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      super.send(data);
      const bytes =
        data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : undefined;
      if (bytes && isUpdateFrame(bytes)) this.updateFrames += 1;
    }
  };
}

/** The handshake headers for `account` on `server` (cookie + Origin), or none. */
export function credentialHeaders(
  server: ServerAddress,
  account: TestAccount | null | undefined,
): Record<string, string> {
  // No default account yet (nothing created on this server, or a reference
  // server without accounts): no credentials, and ours will answer 4401.
  const who = account === undefined ? defaultAccountNow(server) : account;
  return who ? { cookie: who.cookie, origin: server.url } : {};
}

/** A stock y-websocket client in Node, with what the tests look at. */
export interface TestClient {
  readonly ydoc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** The plain-text field the sync tests edit. */
  readonly ytext: Y.Text;
  /** Current content of {@link ytext}. */
  text(): string;
  /** Close codes of every socket the server closed, in order. */
  readonly closeCodes: number[];
  /** Reasons of every y-protocols "permission denied" message the server sent, in order. */
  readonly permissionDenied: string[];
  /** Latest durably stored state vector the server reported (`?caps=stored`), if any. */
  storedStateVector(): Map<number, number> | undefined;
  /**
   * Update frames sent on the open socket that the server has not said are
   * stored (`?caps=stored`); undefined while no socket is open.
   */
  unstoredFrames(): number | undefined;
  /** How many type-100 messages arrived (0 unless the server sent the extension). */
  storedMessages(): number;
  destroy(): void;
}

const clients = new Set<TestClient>();

/**
 * Connects the stock `WebsocketProvider` to `/sync/<documentId>` with `ws`
 * as its WebSocket. Edits go to the Y.Text named "t".
 */
export function connectClient(
  server: ServerAddress,
  documentId: string,
  options: ConnectClientOptions = {},
): TestClient {
  const ydoc = options.ydoc ?? new Y.Doc();
  const params = { ...options.params };
  if (options.stored) params[CAPABILITIES_PARAM] = CAPABILITY_STORED;
  const headers = options.headers ?? credentialHeaders(server, options.account);
  const provider = new WebsocketProvider(server.wsUrl, documentId, ydoc, {
    WebSocketPolyfill: countingUpdateFrames(options.webSocket ?? webSocketWithHeaders(headers)),
    disableBc: true,
    params,
    maxBackoffTime: options.maxBackoffTime ?? 250,
  });
  const closeCodes: number[] = [];
  provider.on("connection-close", (event) => {
    if (event) closeCodes.push(event.code);
  });
  let stored: Map<number, number> | undefined;
  let storedCount = 0;
  // Providers copy the handler table per instance, so the extension is added to this one only.
  provider.messageHandlers[MessageType.stored] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    storedCount++;
    stored = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    // Handlers run only for the provider's current socket, whose frames the count is about.
    const socket = provider.ws as unknown as CountingSocket | null;
    if (socket && decoding.hasContent(decoder)) socket.storedFrames = decoding.readVarUint(decoder);
  };
  const permissionDenied: string[] = [];
  // Recorded instead of the stock handler's console warning; the client is otherwise unchanged.
  provider.messageHandlers[MessageType.auth] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    authProtocol.readAuthMessage(decoder, ydoc, (_doc, reason) => permissionDenied.push(reason));
  };
  const ytext = ydoc.getText("t");
  const client: TestClient = {
    ydoc,
    provider,
    ytext,
    text: () => ytext.toString(),
    closeCodes,
    permissionDenied,
    storedStateVector: () => stored,
    unstoredFrames: () => {
      const socket = provider.wsconnected ? (provider.ws as unknown as CountingSocket | null) : null;
      return socket ? socket.updateFrames - socket.storedFrames : undefined;
    },
    storedMessages: () => storedCount,
    destroy() {
      clients.delete(client);
      provider.destroy();
      ydoc.destroy();
    },
  };
  clients.add(client);
  return client;
}

/**
 * Starts watching `client` for its server's first close; the returned
 * check waits for it and says how long after `answeredAt` (a change's
 * HTTP answer) it came. Revocation's bound is a second (issue 15).
 */
export function firstClose(client: TestClient): (answeredAt: number) => Promise<number> {
  let closedAt: number | undefined;
  client.provider.on("connection-close", () => {
    closedAt ??= Date.now();
  });
  return async (answeredAt) => {
    await waitFor(() => closedAt !== undefined, { timeout: 5_000, message: "the socket to close" });
    return (closedAt as number) - answeredAt;
  };
}

/** Destroys every client still open; for afterEach. */
export function destroyAllClients(): void {
  for (const client of [...clients]) client.destroy();
}

export interface WaitForOptions {
  timeout?: number;
  interval?: number;
  /** Says what was expected; a function can describe the state at the time of failure. */
  message?: string | (() => string);
}

/** Polls `predicate` until it returns a truthy value, and returns that value. */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  options: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const { timeout = 10_000, interval = 20 } = options;
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      const message =
        typeof options.message === "function" ? options.message() : (options.message ?? "condition");
      throw new Error(
        `Timed out after ${timeout} ms waiting for: ${message}${lastError ? ` (last error: ${String(lastError)})` : ""}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/** Resolves once the provider has completed a sync handshake with the server. */
export async function waitForSynced(provider: WebsocketProvider, timeout = 10_000): Promise<void> {
  await waitFor(() => provider.synced, { timeout, message: `provider for ${provider.url} to sync` });
}

/**
 * Resolves once the server has reported (type 100) that everything in the
 * client's document is durably stored: its state vector covers the
 * client's, and every update frame the client sent on its socket is stored,
 * so its deletions are too (a deletion moves no clock, and only the frame
 * count shows it). The client must be synced on an open socket, whose sync
 * step 2 carried whatever earlier sockets left unacknowledged. The client
 * must use `{ stored: true }`.
 */
export async function waitForStored(client: TestClient, timeout = 10_000): Promise<void> {
  await waitFor(
    () => {
      const stored = client.storedStateVector();
      if (!stored || !client.provider.synced || client.unstoredFrames() !== 0) return false;
      for (const [clientId, clock] of Y.decodeStateVector(Y.encodeStateVector(client.ydoc))) {
        if ((stored.get(clientId) ?? 0) < clock) return false;
      }
      return true as const;
    },
    {
      timeout,
      message: () =>
        `server to report the client's state as stored (local ${JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(client.ydoc))])}, stored ${JSON.stringify(client.storedStateVector() ? [...(client.storedStateVector() ?? [])] : null)}, synced ${client.provider.synced}, update frames not stored ${client.unstoredFrames()})`,
    },
  );
}

/**
 * Opens a client (as the server's default account unless `account` is
 * given), waits for it to sync, and returns the text it sees; then closes it.
 */
export async function readText(
  server: ServerAddress,
  documentId: string,
  options: { account?: TestAccount } = {},
): Promise<string> {
  const reader = connectClient(server, documentId, { account: options.account });
  try {
    await waitForSynced(reader.provider);
    return reader.text();
  } finally {
    reader.destroy();
  }
}

/**
 * Calls the JSON API as `account` (the server's default account unless
 * given; `null` for nobody), with the server's Origin as its page would
 * send; returns status and parsed body.
 */
export async function api<T = unknown>(
  server: ServerAddress,
  method: string,
  path: string,
  body?: unknown,
  options: { account?: TestAccount | null } = {},
): Promise<{ status: number; body: T }> {
  const account = options.account === undefined ? await defaultAccount(server) : options.account;
  const headers: Record<string, string> = { origin: server.url };
  if (account) headers.cookie = account.cookie;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(server.url + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // keep the raw text; the assertion will show it
  }
  return { status: response.status, body: parsed as T };
}

/** `/api/workspaces/<id>/documents` of the (default) account's first workspace. */
export async function documentsPath(server: ServerAddress, account?: TestAccount): Promise<string> {
  return `/api/workspaces/${await workspaceOf(server, account ?? (await defaultAccount(server)))}/documents`;
}

/** Creates a document in the (default) account's first workspace and returns it. */
export async function createDocument(
  server: ServerAddress,
  title = "Test document",
  kind: TDocumentKind = "notes",
  account?: TestAccount,
): Promise<TDocument> {
  const as = account ?? (await defaultAccount(server));
  const workspaceId = await workspaceOf(server, as);
  const path = `/api/workspaces/${workspaceId}/documents`;
  const { status, body } = await api<{ document: TDocument }>(
    server,
    "POST",
    path,
    { title, kind },
    { account: as },
  );
  if (status !== 201) throw new Error(`POST ${path} answered ${status}: ${JSON.stringify(body)}`);
  return body.document;
}

/** Creates a document whose text field holds `text`, stored before it returns; its id. */
export async function createDocumentWithText(
  server: ServerAddress,
  title: string,
  text: string,
): Promise<string> {
  const { id } = await createDocument(server, title);
  const writer = connectClient(server, id, { stored: true });
  try {
    await waitForSynced(writer.provider);
    writer.ytext.insert(0, text);
    await waitForStored(writer);
  } finally {
    writer.destroy();
  }
  return id;
}
