/**
 * Close codes the sync socket uses. Standard codes where one fits (RFC 6455),
 * 4xxx for Caucus reasons. Clients reconnect on every code except those in
 * {@link FINAL_CLOSE_CODES}, after which reconnecting cannot help. The stock
 * y-websocket client (3.1+) stops on exactly the 4400–4499 range, so final
 * codes sit inside it and codes that ask for a reconnect sit outside it.
 */
export const CloseCode = {
  /** A frame could not be decoded as a y-protocols message. */
  protocolError: 1002,
  /** A text frame that is not UTF-8 (closed by the WebSocket layer, before Caucus reads it). */
  invalidPayload: 1007,
  /** The socket broke a rule of use (too many caret client ids). */
  policyViolation: 1008,
  /** A frame was larger than the message limit. */
  messageTooBig: 1009,
  /** The server failed on a message (a bug of ours); only this socket closes. */
  internalError: 1011,
  /** The server is restarting; reconnect. */
  restarting: 1012,
  /** Too many messages, connections or open documents; reconnect later. */
  tryAgainLater: 1013,
  /** The socket URL does not name a document. */
  badRequest: 4400,
  /** Not signed in, the session ended, or the sync token expired. */
  unauthorized: 4401,
  /** Signed in but not allowed on this document, or the page's origin is not this server's. */
  forbidden: 4403,
  /**
   * The person's rights changed (role lowered, removed, signed out); reconnect to get the new ones.
   * Hocuspocus's "reset connection" code: outside 4400–4499, so stock clients reconnect.
   */
  accessChanged: 4205,
  /** The document does not exist or was deleted. */
  documentNotFound: 4404,
  /** An update would take the document past its size limit. */
  documentTooLarge: 4413,
  /** The document could not be loaded from storage; it is not served empty. */
  documentLoadFailed: 4500,
} as const;
export type TCloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * The reason a 4403 carries when the person may not read the document (not
 * when the page's origin was refused): a client deletes its copy on it.
 */
export const NO_ACCESS_REASON = "no access to this document";

/** Codes after which a client should stop reconnecting and tell the person. */
export const FINAL_CLOSE_CODES: ReadonlySet<number> = new Set([
  CloseCode.badRequest,
  CloseCode.unauthorized,
  CloseCode.forbidden,
  CloseCode.documentNotFound,
  CloseCode.documentTooLarge,
]);

/** The name of a close code, for logs and UI messages. */
export function closeCodeName(code: number): string {
  for (const [name, value] of Object.entries(CloseCode)) {
    if (value === code) return name;
  }
  return `code${code}`;
}
