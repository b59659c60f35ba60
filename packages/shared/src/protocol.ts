/**
 * Message types on the sync socket. 0–3 are y-websocket's own (y-protocols);
 * anything above is a Caucus extension that the server only sends to clients
 * that asked for it, so the stock y-websocket client never sees one.
 */
export const MessageType = {
  sync: 0,
  awareness: 1,
  auth: 2,
  queryAwareness: 3,
  /**
   * Server → client: the state vector of what is durably stored, then how
   * many of the socket's update frames are (see docs/PROTOCOL.md).
   */
  stored: 100,
} as const;
export type TMessageType = (typeof MessageType)[keyof typeof MessageType];

/**
 * Whether a client's frame is an update frame: a sync step 2 or an update
 * message (y-protocols' sync types 1 and 2), which a `stored` message
 * counts. Both clients count the ones they send, per socket.
 */
export function isUpdateFrame(frame: Uint8Array): boolean {
  return frame[0] === MessageType.sync && (frame[1] === 1 || frame[1] === 2);
}

/** Query parameter a client sets to receive Caucus extension messages. */
export const CAPABILITIES_PARAM = "caps";
/** Capability: send {@link MessageType.stored} after each durable write. */
export const CAPABILITY_STORED = "stored";

/**
 * Query parameter naming the tab's presence connection id (`ZPresenceReport`'s
 * `connectionId`): while the socket is open the server keeps that tab's
 * presence entry alive itself, and removes it soon after the socket closes,
 * so an open document sends no presence heartbeats.
 */
export const PRESENCE_PARAM = "presence";

/** Path prefix of the sync socket: `/sync/:documentId`. */
export const SYNC_PATH_PREFIX = "/sync/";
