import { SYNC_PATH_PREFIX } from "@caucus/shared";
import { ZDocumentId } from "@caucus/shared/schemas";

/** What an upgrade request's target asks for. */
export type TSyncTarget =
  /** A path outside `/sync/`: not ours (404). */
  | { kind: "elsewhere" }
  /** Not a target we can read: not origin-form, a bad percent-escape, invalid UTF-8 (400). */
  | { kind: "malformed" }
  /** Under `/sync/`, but what follows is not a document id (refused with badRequest). */
  | { kind: "notDocument"; url: URL }
  /** A document's socket; `documentId` is in the one spelling rooms and rights are keyed on. */
  | { kind: "document"; documentId: string; url: URL };

/**
 * Reads a request target (`request.url`) without throwing: whatever a
 * client puts on the request line is data, and a throw inside the HTTP
 * server's `upgrade` event ends the process.
 */
export function parseSyncTarget(target: string | undefined): TSyncTarget {
  // Origin-form only (RFC 9112 3.2.1): `//host/…` would be read as a
  // scheme-relative URL, and no WebSocket client sends anything else.
  if (!target?.startsWith("/") || target.startsWith("//")) return { kind: "malformed" };
  let url: URL;
  let rawId: string;
  try {
    url = new URL(target, "http://localhost");
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return { kind: "elsewhere" };
    rawId = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length));
  } catch {
    return { kind: "malformed" };
  }
  const parsed = ZDocumentId.safeParse(rawId);
  return parsed.success ? { kind: "document", documentId: parsed.data, url } : { kind: "notDocument", url };
}
